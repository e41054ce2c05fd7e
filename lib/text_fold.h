/* SPDX-License-Identifier: MIT */
/*
 * text_fold.h - how reply text is folded before phrase matching, shared
 * by the phrase-table generator and the run-time matcher so the two can
 * never disagree: ASCII case is folded, Latin-1 letters (as UTF-8 or as
 * single Latin-1 bytes) lose their accents, white space is one class.
 */
#ifndef SMTPREPLY_TEXT_FOLD_H
#define SMTPREPLY_TEXT_FOLD_H

/* U+00C0 .. U+00FF folded to an ASCII letter, or 0 for non-letters. */
static const char sr_latin1_fold[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 't', 's',
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 't', 'y',
};

/* The folded ASCII character of one plain byte: lower case, and ' ' for
 * every white-space byte. Bytes >= 0x80 are handled by the caller. */
static inline unsigned char sr_fold_ascii(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A' + 'a');
    if (c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return ' ';
    return c;
}

#endif
