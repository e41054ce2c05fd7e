/* SPDX-License-Identifier: MIT */
/*
 * text_layouts.c - reads the mail programs' own plain-text bounce layouts
 * (text_layouts.h). This first form knows no layout yet: every message is
 * reported as matching none, so the message reader falls back to its own
 * generic reading.
 */
#include "text_layouts.h"

size_t sr_text_layouts_read(const struct sr_text_input *in,
                            struct sr_text_recipient *out, size_t max,
                            unsigned char *scratch, size_t scratch_cap,
                            struct sr_text_result *res)
{
    (void)in;
    (void)out;
    (void)max;
    (void)scratch;
    (void)scratch_cap;
    res->layout = -1;
    res->layout_name = "";
    res->count = 0;
    res->scratch_needed = 0;
    return 0;
}
