/* SPDX-License-Identifier: MIT */
/*
 * text_fold.h - how reply text is folded before phrase matching, shared
 * by the phrase-table generator and the run-time matcher so the two can
 * never disagree: ASCII case is folded, Latin-1 letters (as UTF-8 or as
 * single Latin-1 bytes) and Latin Extended-A letters (UTF-8) lose their
 * accents, Cyrillic capitals (UTF-8) are lower case, white space is one
 * class.
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

/* U+0100 .. U+017F, Latin Extended-A (UTF-8 0xC4 0x80 .. 0xC5 0xBF), folded
 * to the ASCII letter it is written from: Polish ł ż ś ą ę, Czech and
 * Slovak ř ě š č ž ů ľ ť, Hungarian ő ű, Turkish ğ ş ı İ, Romanian ă ş ţ,
 * capitals and small letters alike. A ligature (Ĳ, Œ) keeps its first
 * letter, as Æ does above. */
static const char sr_latin_ext_a_fold[128] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd', /* U+0100 */
    'd', 'd', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g', /* U+0110 */
    'g', 'g', 'g', 'g', 'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', /* U+0120 */
    'i', 'i', 'i', 'i', 'j', 'j', 'k', 'k', 'k', 'l', 'l', 'l', 'l', 'l', 'l', 'l', /* U+0130 */
    'l', 'l', 'l', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'o', 'o', 'o', 'o', /* U+0140 */
    'o', 'o', 'o', 'o', 'r', 'r', 'r', 'r', 'r', 'r', 's', 's', 's', 's', 's', 's', /* U+0150 */
    's', 's', 't', 't', 't', 't', 't', 't', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', /* U+0160 */
    'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y', 'y', 'z', 'z', 'z', 'z', 'z', 'z', 's', /* U+0170 */
};

/* A two-byte UTF-8 character (`lead` from 0xC0, `trail` a continuation
 * byte) as the matcher reads it, into out[]: its count of bytes, 1 or 2.
 * Latin-1 and Latin Extended-A letters are one ASCII letter (a Latin-1
 * sign is 0, which no phrase holds), and so are Romanian's ș ț (U+0218 ..
 * U+021B, with a comma below). A Cyrillic capital (U+0400 .. U+042F) is
 * its small letter (U+0450 .. U+045F, U+0430 .. U+044F), two bytes again,
 * so that a text never grows. Every other character stays as it is. */
static inline unsigned sr_fold_utf8_pair(unsigned char lead, unsigned char trail,
                                         unsigned char out[2])
{
    if (lead == 0xC3) {
        out[0] = (unsigned char)sr_latin1_fold[trail & 0x3F];
        return 1;
    }
    if (lead == 0xC4 || lead == 0xC5) {
        out[0] = (unsigned char)sr_latin_ext_a_fold[(lead - 0xC4) << 6 | (trail & 0x3F)];
        return 1;
    }
    if (lead == 0xC8 && trail >= 0x98 && trail <= 0x9B) {
        out[0] = trail < 0x9A ? 's' : 't';
        return 1;
    }
    if (lead == 0xD0 && trail < 0xB0) {
        /* U+0400 .. U+040F to U+0450 .. U+045F, U+0410 .. U+041F to
         * U+0430 .. U+043F, U+0420 .. U+042F to U+0440 .. U+044F. */
        out[0] = trail < 0x90 || trail >= 0xA0 ? 0xD1 : 0xD0;
        out[1] = (unsigned char)(trail < 0x90 ? trail + 0x10 : trail < 0xA0 ? trail + 0x20 : trail - 0x20);
        return 2;
    }
    out[0] = lead;
    out[1] = trail;
    return 2;
}

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
