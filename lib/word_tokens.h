/* SPDX-License-Identifier: MIT */
/*
 * word_tokens.h - how a reply's text is cut into words for the word
 * weights (lib/word_guess.c), shared with their generator
 * (lib/gen/wordgen.c) so that both read a text alike.
 *
 * A word is a run of letters: ASCII letters, folded to lower case, and
 * bytes from 0x80 (the UTF-8 of accented letters and other scripts, kept
 * as they are). Digits, punctuation and white space end a word. Words
 * shorter than SR_WORD_MIN or longer than SR_WORD_MAX bytes are skipped:
 * the short ones say little, the long ones are mostly identifiers; and so
 * are the stop words below.
 */
#ifndef SMTPREPLY_WORD_TOKENS_H
#define SMTPREPLY_WORD_TOKENS_H

#include <stddef.h>
#include <string.h>

#define SR_WORD_MIN 3
#define SR_WORD_MAX 24

static inline int sr_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Words that say when or how politely, not why: a reply's request to try
 * again later, the SMTP boilerplate around every cause (RFC 5321's
 * "Transaction failed" heads the replies of many causes), the boilerplate
 * of bounce reports ("This is an automatically generated Delivery Status
 * Notification. Delivery to the following recipients failed
 * permanently", which names no cause), and the commonest English function
 * words; and Italian's "messaggio", which, as "message", heads the
 * Italian lines of every cause ("Il messaggio non sarà riprovato" was
 * guessed "filtered" from the list managers' refusals of a post). They
 * are no word of any reason, so that a
 * vague refusal ("421 4.7.0 Try again later, closing connection") gives
 * the word weights nothing to go on. Sorted, for a binary search. */
static const char *const sr_stop_words[] = {
    "again", "and", "are", "automatically", "been", "closing", "connection", "delivered",
    "delivery", "failed", "following", "for", "from", "generated", "has", "have", "host",
    "later", "mail", "message", "messaggio", "notification", "permanently", "please", "recipients",
    "requested", "said", "server", "smtp", "sorry", "taken", "that", "the", "this",
    "transaction", "try", "was", "with", "you", "your",
};

/* The words of every refusal that say that the mail was refused, not why
 * ("rejected", "refused", "denied", "error", "failure", RFC 5321's
 * "Requested action not taken"): "554 5.7.1 ERROR: Mail refused" shared
 * them with whichever reason's lines said them most, and was guessed
 * "expired". They are no word of any reason either; but unlike the stop
 * words they say something of the reply, that it refuses ("Message
 * refused" is a final answer, lib/classify.c's has_words()). On the
 * 5-fold cross-validation by source (`make evaluate-word-folds`, 2,117
 * lines), leaving them out agreed on more reasons (90.55% against
 * 90.27%) and left more lines undefined (3.21% of the failed against
 * 2.69%). Sorted, for a binary search. */
static const char *const sr_refusal_words[] = {
    "action", "denied", "error", "failure", "refuse", "refused", "reject", "rejected",
};

static inline int sr_word_in(const char *word, const char *const *list, int count)
{
    int lo = 0, hi = count - 1;

    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(word, list[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return 0;
}

static inline int sr_refusal_word(const char *word)
{
    return sr_word_in(word, sr_refusal_words,
                      (int)(sizeof sr_refusal_words / sizeof sr_refusal_words[0]));
}

static inline int sr_stop_word(const char *word)
{
    return sr_word_in(word, sr_stop_words, (int)(sizeof sr_stop_words / sizeof sr_stop_words[0]));
}

/* The next word of the `n` bytes at `p` from *at that is no stop word,
 * nor a refusal word when `skip_refusals`: copies it, folded, to `word`
 * (SR_WORD_MAX bytes and a NUL), moves *at past it and returns its
 * length; 0 at the end of the text. */
static inline size_t sr_next_word_of(const unsigned char *p, size_t n, size_t *at, char *word,
                                     int skip_refusals)
{
    size_t i = *at;

    while (i < n) {
        size_t start, len;
        while (i < n && !sr_word_byte(p[i]))
            i++;
        start = i;
        while (i < n && sr_word_byte(p[i]))
            i++;
        len = i - start;
        if (len >= SR_WORD_MIN && len <= SR_WORD_MAX) {
            size_t k;
            for (k = 0; k < len; k++) {
                unsigned char c = p[start + k];
                word[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            word[len] = '\0';
            if (sr_stop_word(word) || (skip_refusals && sr_refusal_word(word)))
                continue;
            *at = i;
            return len;
        }
    }
    *at = n;
    return 0;
}

/* The next word the word weights read: no stop word, no refusal word. */
static inline size_t sr_next_word(const unsigned char *p, size_t n, size_t *at, char *word)
{
    return sr_next_word_of(p, n, at, word, 1);
}

#endif
