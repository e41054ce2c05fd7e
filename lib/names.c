/* SPDX-License-Identifier: MIT */
/*
 * names.c - the stable names of the enumerations, as programs read them in
 * JSON output and bindings show them. Arrays are indexed by enum value.
 */
#include <stddef.h>
#include "internal.h"

static const char *const verdict_names[] = {
    [SMTPREPLY_VERDICT_UNKNOWN] = "unknown",
    [SMTPREPLY_VERDICT_SUCCESS] = "success",
    [SMTPREPLY_VERDICT_INTERMEDIATE] = "intermediate",
    [SMTPREPLY_VERDICT_TRANSIENT] = "transient",
    [SMTPREPLY_VERDICT_PERMANENT] = "permanent",
};

static const char *const bounce_names[] = {
    [SMTPREPLY_BOUNCE_NONE] = "none",
    [SMTPREPLY_BOUNCE_SOFT] = "soft",
    [SMTPREPLY_BOUNCE_HARD] = "hard",
};

static const char *const action_names[] = {
    [SMTPREPLY_ACTION_NONE] = "none",
    [SMTPREPLY_ACTION_CONTINUE] = "continue",
    [SMTPREPLY_ACTION_RETRY] = "retry",
    [SMTPREPLY_ACTION_FIX_RECIPIENT] = "fix_recipient",
    [SMTPREPLY_ACTION_FIX_SENDER] = "fix_sender",
    [SMTPREPLY_ACTION_FIX_MESSAGE] = "fix_message",
    [SMTPREPLY_ACTION_FIX_CLIENT] = "fix_client",
    [SMTPREPLY_ACTION_CONTACT_RECIPIENT] = "contact_recipient",
    [SMTPREPLY_ACTION_REVIEW] = "review",
};

static const char *const command_names[] = {
    [SMTPREPLY_COMMAND_NONE] = "",
    [SMTPREPLY_COMMAND_CONNECT] = "CONNECT",
    [SMTPREPLY_COMMAND_HELO] = "HELO",
    [SMTPREPLY_COMMAND_EHLO] = "EHLO",
    [SMTPREPLY_COMMAND_MAIL] = "MAIL",
    [SMTPREPLY_COMMAND_RCPT] = "RCPT",
    [SMTPREPLY_COMMAND_DATA] = "DATA",
    [SMTPREPLY_COMMAND_BDAT] = "BDAT",
    [SMTPREPLY_COMMAND_STARTTLS] = "STARTTLS",
    [SMTPREPLY_COMMAND_AUTH] = "AUTH",
    [SMTPREPLY_COMMAND_QUIT] = "QUIT",
    [SMTPREPLY_COMMAND_RSET] = "RSET",
    [SMTPREPLY_COMMAND_VRFY] = "VRFY",
    [SMTPREPLY_COMMAND_EXPN] = "EXPN",
    [SMTPREPLY_COMMAND_NOOP] = "NOOP",
    [SMTPREPLY_COMMAND_ETRN] = "ETRN",
};

static const char *const wrapper_names[] = {
    [SMTPREPLY_WRAPPER_NONE] = "none",
    [SMTPREPLY_WRAPPER_DSN] = "dsn",
    [SMTPREPLY_WRAPPER_POSTFIX] = "postfix",
    [SMTPREPLY_WRAPPER_EXIM] = "exim",
    [SMTPREPLY_WRAPPER_SENDMAIL] = "sendmail",
    [SMTPREPLY_WRAPPER_QMAIL] = "qmail",
    [SMTPREPLY_WRAPPER_EXCHANGE] = "exchange",
    [SMTPREPLY_WRAPPER_ZOHO] = "zoho",
    [SMTPREPLY_WRAPPER_SES] = "ses",
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define NAME_AT(a, i) ((i) >= 0 && (i) < COUNT(a) ? (a)[i] : NULL)

const char *smtpreply_verdict_name(int v) { return NAME_AT(verdict_names, v); }
const char *smtpreply_bounce_name(int v) { return NAME_AT(bounce_names, v); }
const char *sr_action_name(int v) { return NAME_AT(action_names, v); }
const char *smtpreply_action_name(int v) { return sr_action_name(v); }
const char *sr_command_name(int v) { return NAME_AT(command_names, v); }
const char *smtpreply_command_name(int v) { return sr_command_name(v); }
const char *smtpreply_wrapper_name(int v) { return NAME_AT(wrapper_names, v); }
int smtpreply_verdict_count(void) { return COUNT(verdict_names); }
int smtpreply_bounce_count(void) { return COUNT(bounce_names); }
int smtpreply_action_count(void) { return COUNT(action_names); }
int sr_command_count(void) { return COUNT(command_names); }
int smtpreply_command_count(void) { return sr_command_count(); }
int smtpreply_wrapper_count(void) { return COUNT(wrapper_names); }

/* Other spellings of commands as mail software writes them in logs and
 * bounces ("RCPT TO", "end of data", "MAIL FROM"). */
struct command_alias {
    const char *text;
    int command;
};

static const struct command_alias command_aliases[] = {
    { "rcpt to", SMTPREPLY_COMMAND_RCPT },
    { "mail from", SMTPREPLY_COMMAND_MAIL },
    { "end of data", SMTPREPLY_COMMAND_DATA },
    { "end of message", SMTPREPLY_COMMAND_DATA },
    { "data end", SMTPREPLY_COMMAND_DATA },
    { "greeting", SMTPREPLY_COMMAND_CONNECT },
    { "connect", SMTPREPLY_COMMAND_CONNECT },
    { "banner", SMTPREPLY_COMMAND_CONNECT },
    { "initial connection", SMTPREPLY_COMMAND_CONNECT },
};

int sr_name_equal(const char *a, size_t len, const char *b)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (y == '\0' || x != y)
            return 0;
    }
    return b[len] == '\0';
}

int smtpreply_command_from_name(const char *name, size_t len)
{
    int i;

    if (name == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (!sr_length_possible(len))
        return SMTPREPLY_ERR_RANGE;
    for (i = 1; i < COUNT(command_names); i++)
        if (sr_name_equal(name, len, command_names[i]))
            return i;
    for (i = 0; i < COUNT(command_aliases); i++)
        if (sr_name_equal(name, len, command_aliases[i].text))
            return command_aliases[i].command;
    return SMTPREPLY_ERR_RANGE;
}
