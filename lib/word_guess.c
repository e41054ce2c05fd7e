/* SPDX-License-Identifier: MIT */
/*
 * word_guess.c - the last layer of classify: a reason guessed from the
 * words of a reply that no code and no phrase decided, with weights per
 * word that lib/gen/wordgen.c computed at build time from labelled reply
 * lines (a naive Bayes model; the generator says how).
 *
 * It is reported as a rule of its own ("word-weights") and used only when
 * the guess is clearly ahead of the next best, and never for a reason that
 * makes the bounce hard but an unknown user under a permanent code: a few
 * words a labelled line shared with a reason are weak evidence, and a
 * wrong reason misleads more than "undefined". For the same reason a
 * guess says nothing of permanence (lib/classify.c); the same words read
 * with weights of their own (words_say_transient()) give the permanence
 * of a reply no rule named a reason for.
 */
#include <string.h>
#include "internal.h"
#include "word_tokens.h"
#include "word_weights.inc"

/* How far, in hundredths of a natural logarithm, the best reason must
 * lead the second, and how many of the reply's words lines of the best
 * reason must have held. Measured by cross-validation by source on the
 * writing part of the labelled lines (`make evaluate-word-folds`, which
 * passes CFLAGS, so -DMARGIN=... -DMIN_SHARED=... try others): a strict
 * lead and two shared words agree on the most reasons; margins of 0.5 to
 * 2 agreed on as many or fewer and left up to two thirds more
 * "undefined", one shared word agreed on fewer, three left more undefined.
 * Variants that did not earn their place on the same folds (1,898 lines):
 * dropping the reasons a guess may not name from the ranking before the
 * lead is measured, ranking only reasons that share two words, or
 * flooring the penalty of an unseen word at that of a reason with some
 * 30 to 90 lines each moved the reason figure by one or two lines either
 * way while turning "undefined" into guesses that, read by hand, were
 * mostly wrong ("No MX for example.com" as authfailure); a lower margin
 * or one shared word for replies that carry a code agreed on fewer; and
 * the words outranking any basic code's own reason (not only 521, 552,
 * 556) at leads of 0.01 to 8 agreed on as many or fewer. Features
 * measured beside the words on the folds of 2,590 lines (85.87% of
 * reasons, 7.99% of the failed "undefined" with words alone) and left
 * out: each word's first 6 letters (UTF-8 characters, any script) so
 * that inflected forms share weight, with pairs of neighbouring CJK
 * letters for runs written without spaces, 85.48% and 8.49% (first 5
 * letters: 85.41%); the CJK pairs alone 85.79% and 8.38%; pairs of
 * neighbouring words 85.56% and 8.53%, with a table of 4,172 entries
 * against 1,576. Each counts the same evidence twice in a model that
 * takes features as independent, and the labelled lines of most
 * languages come from one program's catalog, whose words another
 * program's wording does not share.
 * A second, looser reading, asked only of a failed reply that nothing,
 * the first guess included, gave a reason (one shared word enough at a
 * lead of 0.5 rather than 1), was measured on 3,546 writing and 2,319
 * measuring lines and left out: it named a reason for 9 more measuring
 * lines, 3 rightly (3 more reasons and 3 more actions agreed), but on the
 * folds agreed on 2 fewer reasons and 1 fewer action, and all it named it
 * named from a reply of one known word, most often a word that says only
 * that the mail was refused ("restricted" guessed "filtered"). */
#ifndef MARGIN
#define MARGIN 1
#endif
#ifndef MIN_SHARED
#define MIN_SHARED 2
#endif
/* The lead that lets one shared word do, where MIN_SHARED are not met:
 * a reply of few words ("550 Attack suspected") often shares only one
 * with the lines of its reason, and a clear lead says that word is
 * theirs, while a strict lead on one word is mostly the luck of a reason
 * with few lines. On the folds (2,117 lines) a lead of 1 agreed on the
 * most reasons (89.66%, against 89.61% with two shared words always, at
 * 0.5 and at 2) and left fewer lines "undefined" (3.02% of the failed
 * against 3.07%); 0.5 also let a command's name alone decide a vague
 * refusal ("421 4.7.0 Try again later, closing connection. (EHLO)"). */
#ifndef MARGIN_ONE_SHARED
#define MARGIN_ONE_SHARED 100
#endif

/* How far, in hundredths of a natural logarithm, the words must lean to
 * "transient" for words_say_transient() to say so, and how many of the
 * reply's words the weights must know. On the folds (2,590 lines, where
 * the reply has no code and no reason was named) margins from 0 to 400
 * agreed on as many verdicts within two lines, 100 on the most (97.92%,
 * against 97.61% with no word weights for permanence; 98.15% against
 * 97.88% with the phrase rows of the list managers' words); 600 on fewer; one
 * or three known words on as many as two. Also asked where the word
 * weights guessed the reason, it agreed on more (98.19%) but made
 * transient guesses of a cause whose words say nothing of trying again
 * ("all screening ports occupied"), which docs/REASONS.md keeps permanent. */
#ifndef TRANSIENT_MARGIN
#define TRANSIENT_MARGIN 100
#endif
#ifndef TRANSIENT_MIN_KNOWN
#define TRANSIENT_MIN_KNOWN 2
#endif

/* Words read from one reply at most: the cue is in its first sentences,
 * and a bound keeps the cost of a long text fixed. */
#define MAX_WORDS_READ 64

static int find_word(const char *word)
{
    int lo = 0, hi = SR_WORD_COUNT - 1;

    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(word, sr_word_text + sr_word_at[mid]);
        if (c == 0)
            return mid;
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

/* The words of the `n` bytes at `p` that the weights know, into `seen`
 * (each once, as the generator counted it); returns how many. */
static int known_words(const unsigned char *p, size_t n, int seen[MAX_WORDS_READ])
{
    int known = 0, read = 0;
    char word[SR_WORD_MAX + 1];
    size_t at = 0;

    while (read < MAX_WORDS_READ && sr_next_word(p, n, &at, word) > 0) {
        int w = find_word(word), k, dup = 0;
        read++;
        if (w < 0)
            continue;
        for (k = 0; k < known; k++)
            dup |= seen[k] == w;
        if (!dup)
            seen[known++] = w;
    }
    return known;
}

/* Whether the known words say that the failure passes: the sum of their
 * log odds of a transient line against a permanent one
 * (sr_word_transient_odds, computed by lib/gen/wordgen.c from the labelled
 * verdicts) and of the verdicts' prior. */
static int words_say_transient(const int *seen, int known)
{
    int k, odds = sr_word_odds_prior;

    for (k = 0; k < known; k++)
        odds += sr_word_transient_odds[seen[k]];
    return known >= TRANSIENT_MIN_KNOWN && odds >= TRANSIENT_MARGIN;
}

int sr_word_guess(const unsigned char *p, size_t n, int allow_userunknown, int *transient)
{
    int score[SR_WORD_REASONS] = { 0 }, hits[SR_WORD_REASONS] = { 0 }, seen[MAX_WORDS_READ];
    int known = known_words(p, n, seen), k, r, best = -1, second = -1;

    for (k = 0; k < known; k++) {
        int w = seen[k], e;
        for (r = 0; r < SR_WORD_REASONS; r++)
            score[r] += sr_word_unseen[r];
        for (e = sr_word_entry_start[w]; e < sr_word_entry_start[w + 1]; e++) {
            score[sr_word_entries[e].reason] +=
                sr_word_entries[e].weight - sr_word_unseen[sr_word_entries[e].reason];
            hits[sr_word_entries[e].reason]++;
        }
    }
    /* The permanence the same words say, read in the same pass. */
    if (transient != NULL)
        *transient = words_say_transient(seen, known);
    if (known == 0)
        return SMTPREPLY_REASON_UNDEFINED;
    for (r = 0; r < SR_WORD_REASONS; r++) {
        score[r] += sr_word_prior[r];
        if (best < 0 || score[r] > score[best]) {
            second = best;
            best = r;
        } else if (second < 0 || score[r] > score[second]) {
            second = r;
        }
    }
    if (second >= 0 && score[best] - score[second] < MARGIN)
        return SMTPREPLY_REASON_UNDEFINED;
    /* The guess needs words the labelled lines of its reason held, not
     * only words its rivals lacked: a reason with few lines is the least
     * penalised for words none of them held ("first line", "second line"),
     * and one shared word is too little to go on ("554 Transaction failed"
     * shares only "failed") unless the lead is clear. */
    if (hits[best] == 0 ||
        (hits[best] < MIN_SHARED &&
         (second >= 0 && score[best] - score[second] < MARGIN_ONE_SHARED)))
        return SMTPREPLY_REASON_UNDEFINED;
    /* Never a hard bounce from a guess, but for an unknown user where the
     * caller says the reply refuses a recipient for good: a reason that
     * condemns the address itself (docs/REASONS.md) needs a code or a
     * phrase to say so, and of those reasons only "userunknown" was seen
     * on enough labelled lines to be told from its neighbours by words;
     * "hasmoved", "notaccept" and "hostunknown" were not. */
    if (sr_reason_info(sr_word_reason[best])->hard_when_permanent &&
        !(allow_userunknown && sr_word_reason[best] == SMTPREPLY_REASON_USERUNKNOWN))
        return SMTPREPLY_REASON_UNDEFINED;
    /* Whose limit a message exceeds, the recipient's own ("exceedlimit"),
     * only a code (X.2.3) or a phrase says (docs/REASONS.md), and the few
     * lines of that reason make it the one least penalised for words none
     * of them held: where it leads, the words were mostly another
     * reason's ("550 no mailbox by that name is currently available"). No
     * guess names it.
     * On the folds (2,040 lines) this agreed on more reasons (89.80%,
     * against 89.75%) than a guess of "mesgtoobig" in its place. */
    if (sr_word_reason[best] == SMTPREPLY_REASON_EXCEEDLIMIT)
        return SMTPREPLY_REASON_UNDEFINED;
    /* That the recipient's local delivery program failed ("mailererror")
     * is the phrases' to say: they know its words ("Command died with
     * status", "Can't create output"). The words a guess of it goes on
     * say only that some part of the receiving system failed ("No
     * arbitration address for approval process"), which is "systemerror"
     * (docs/REASONS.md); both ask the same of the sender. On the labelled lines this agreed
     * on 5 more reasons of the measuring part (all English) and 1 fewer
     * of the writing part, which the weights were computed from. */
    if (sr_word_reason[best] == SMTPREPLY_REASON_MAILERERROR)
        return SMTPREPLY_REASON_SYSTEMERROR;
    return sr_word_reason[best];
}
