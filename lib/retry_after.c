/* SPDX-License-Identifier: MIT */
/*
 * retry_after.c - the wait a server states in its reply: "try again in 5
 * minutes", "retry after 300 seconds", "Greylisted for 60 seconds",
 * "bitte in 10 Minuten erneut versuchen", "reessayez dans 10 minutes".
 *
 * A number counts only with a unit right after it and a word that speaks
 * of waiting shortly before it, so "500 messages in 1 hour" (a rate) is
 * not read as a wait.
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"

struct unit {
    const char *word;    /* lower case, accents folded away */
    unsigned char length;
    int seconds;
};

/* Longer words first where one is the start of another. */
#define UNIT(word, seconds) { word, sizeof word - 1, seconds }
static const struct unit units[] = {
    UNIT("seconds", 1), UNIT("second", 1), UNIT("secondes", 1), UNIT("seconde", 1),
    UNIT("sekunden", 1), UNIT("sekunde", 1), UNIT("segundos", 1), UNIT("secondi", 1),
    UNIT("secs", 1), UNIT("sec", 1), UNIT("s", 1),
    UNIT("minutes", 60), UNIT("minute", 60), UNIT("minuten", 60), UNIT("minutos", 60),
    UNIT("minuti", 60), UNIT("minuut", 60), UNIT("mins", 60),
    UNIT("min", 60), UNIT("m", 60),
    UNIT("hours", 3600), UNIT("hour", 3600), UNIT("heures", 3600), UNIT("heure", 3600),
    UNIT("stunden", 3600), UNIT("stunde", 3600), UNIT("horas", 3600), UNIT("hora", 3600),
    UNIT("ore", 3600), UNIT("uur", 3600), UNIT("hrs", 3600), UNIT("hr", 3600), UNIT("h", 3600),
};
#undef UNIT

/* Words that say "wait, then send again" (lib/data/wait_words.def). */
static const char *const triggers[] = {
#define SMTPREPLY_WAIT_WORD(word) word,
#include "data/wait_words.def"
#undef SMTPREPLY_WAIT_WORD
};

#define TRIGGER_WINDOW 48

/* Numbers servers write as words: "try again in one hour". Their lengths
 * are in the table, as the units' are, so that no word is measured at
 * every letter that starts one (measured with change 23 of
 * docs/PERFORMANCE.md's Appendix A). */
#define NUMBER_WORD(word, value) { word, sizeof word - 1, value }
static const struct { const char *word; unsigned char length; int value; } number_words[] = {
    NUMBER_WORD("an", 1), NUMBER_WORD("a", 1), NUMBER_WORD("one", 1), NUMBER_WORD("two", 2),
    NUMBER_WORD("three", 3), NUMBER_WORD("five", 5), NUMBER_WORD("ten", 10),
    NUMBER_WORD("fifteen", 15), NUMBER_WORD("thirty", 30),
};
#undef NUMBER_WORD
/* Their first letters, for the search: a word added above with another
 * needs it here (tests/data/retry_after.tsv has a row for each). */
#define NUMBER_WORD_STARTS 'a', 'o', 't', 'f'

/* The unit at `i` (after optional blanks), or NULL. */
static const struct unit *unit_at(const unsigned char *p, size_t n, size_t i)
{
    size_t k;

    i = sr_skip_blanks(p, n, i);
    if (i >= n)
        return NULL;
    /* Most numbers have no unit after them: the first letter rules out
     * nearly every unit without a comparison of the word. */
    for (k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t len = units[k].length;
        if (sr_lower(p[i]) == (unsigned char)units[k].word[0] &&
            sr_starts_ci(p + i, n - i, units[k].word) &&
            (i + len == n || !sr_is_alpha(p[i + len])))
            return &units[k];
    }
    return NULL;
}

static int trigger_before(const unsigned char *p, size_t start, size_t end)
{
    size_t k;

    for (k = 0; k < sizeof triggers / sizeof triggers[0]; k++)
        if (sr_find_ci(p + start, end - start, triggers[k]) < end - start)
            return 1;
    return 0;
}

int sr_retry_after_stated(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t start;
        long long value = 0;
        const struct unit *u;

        /* Past what cannot start a wait, a block at a time: only a digit,
         * or a word that starts like a number word, can. */
        if (i > 0) {
            i = sr_scan_number_start(p, i, n, NUMBER_WORD_STARTS);
            if (i >= n)
                break;
        }
        start = i;
        if (sr_is_alpha(p[i]) && (i == 0 || p[i - 1] == ' ')) {
            /* A number written as a word, then a unit. Most words start
             * like none of them: one byte compared rules them out. */
            size_t k;
            for (k = 0; k < sizeof number_words / sizeof number_words[0]; k++) {
                size_t len;
                if (sr_lower(p[i]) != (unsigned char)number_words[k].word[0])
                    continue;
                len = number_words[k].length;
                if (sr_starts_ci(p + i, n - i, number_words[k].word) && i + len < n &&
                    p[i + len] == ' ' && (u = unit_at(p, n, i + len)) != NULL &&
                    u->seconds >= 60 &&
                    trigger_before(p, start > TRIGGER_WINDOW ? start - TRIGGER_WINDOW : 0, start))
                    return number_words[k].value * u->seconds;
            }
        }
        if (!sr_is_digit(p[i]) || (i > 0 && (sr_is_alpha(p[i - 1]) ||
                                             sr_is_digit(p[i - 1]) || p[i - 1] == '.'))) {
            i++;
            continue;
        }
        while (i < n && sr_is_digit(p[i])) {
            if (value < 1000000)
                value = value * 10 + (p[i] - '0');
            i++;
        }
        /* "00:05:00": hours, minutes and seconds. */
        if (i + 5 < n && p[i] == ':' && sr_is_digit(p[i + 1]) && sr_is_digit(p[i + 2]) &&
            p[i + 3] == ':' && sr_is_digit(p[i + 4]) && sr_is_digit(p[i + 5])) {
            long long seconds = value * 3600 + ((p[i + 1] - '0') * 10 + (p[i + 2] - '0')) * 60 +
                                (p[i + 4] - '0') * 10 + (p[i + 5] - '0');
            i += 6;
            if (seconds > 0 &&
                trigger_before(p, start > TRIGGER_WINDOW ? start - TRIGGER_WINDOW : 0, start))
                return seconds > 7 * 86400 ? 7 * 86400 : (int)seconds;
            continue;
        }
        if (i < n && (p[i] == '.' || p[i] == ','))
            continue;   /* "4.7.1", "1,000": not a wait */
        u = unit_at(p, n, i);
        if (u == NULL || value == 0)
            continue;
        if (trigger_before(p, start > TRIGGER_WINDOW ? start - TRIGGER_WINDOW : 0, start)) {
            long long seconds = value * u->seconds;
            return seconds > 7 * 86400 ? 7 * 86400 : (int)seconds;
        }
    }
    return -1;
}
