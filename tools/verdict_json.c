/* SPDX-License-Identifier: MIT */
/*
 * verdict_json.c - a verdict's fields as JSON members (verdict_json.h).
 */
#include <string.h>
#include "escape.h"
#include "verdict_json.h"

void verdict_json_write(FILE *out, const struct smtpreply_verdict *v)
{
    fputs("\"code\":", out);
    if (v->basic_code != 0)
        fprintf(out, "%d", v->basic_code);
    else
        fputs("null", out);
    fputs(",\"status\":", out);
    if (v->status_class != 0)
        fprintf(out, "\"%d.%d.%d\"", v->status_class, v->status_subject, v->status_detail);
    else
        fputs("null", out);
    fprintf(out, ",\"class\":%d,\"verdict\":\"%s\",\"hard\":%s,\"bounce\":\"%s\","
            "\"reason\":\"%s\",\"action\":\"%s\",\"retry_after\":%d,"
            "\"command\":\"%s\",\"wrapper\":\"%s\",\"rule\":",
            v->reply_class, smtpreply_verdict_name(v->verdict),
            v->bounce == SMTPREPLY_BOUNCE_HARD ? "true" : "false",
            smtpreply_bounce_name(v->bounce), smtpreply_reason_name(v->reason),
            smtpreply_action_name(v->action), v->retry_after,
            smtpreply_command_name(v->command), smtpreply_wrapper_name(v->wrapper));
    json_write_string(out, v->rule, strlen(v->rule));
    fprintf(out, ",\"flags\":%u", v->flags);
}
