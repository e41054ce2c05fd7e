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
    int seconds;
};

/* Longer words first where one is the start of another. */
static const struct unit units[] = {
    { "seconds", 1 }, { "second", 1 }, { "secondes", 1 }, { "seconde", 1 },
    { "sekunden", 1 }, { "sekunde", 1 }, { "segundos", 1 }, { "secondi", 1 },
    { "secs", 1 }, { "sec", 1 }, { "s", 1 },
    { "minutes", 60 }, { "minute", 60 }, { "minuten", 60 }, { "minutos", 60 },
    { "minuti", 60 }, { "minuut", 60 }, { "mins", 60 },
    { "min", 60 }, { "m", 60 },
    { "hours", 3600 }, { "hour", 3600 }, { "heures", 3600 }, { "heure", 3600 },
    { "stunden", 3600 }, { "stunde", 3600 }, { "horas", 3600 }, { "hora", 3600 },
    { "ore", 3600 }, { "uur", 3600 }, { "hrs", 3600 }, { "hr", 3600 }, { "h", 3600 },
};

/* Words that say "wait, then send again" (lib/data/wait_words.def). */
static const char *const triggers[] = {
#define SMTPREPLY_WAIT_WORD(word) word,
#include "data/wait_words.def"
#undef SMTPREPLY_WAIT_WORD
};

#define TRIGGER_WINDOW 48

/* Numbers servers write as words: "try again in one hour". */
static const struct { const char *word; int value; } number_words[] = {
    { "an", 1 }, { "a", 1 }, { "one", 1 }, { "two", 2 }, { "three", 3 },
    { "five", 5 }, { "ten", 10 }, { "fifteen", 15 }, { "thirty", 30 },
};
/* Their first letters, for the search: a word added above with another
 * needs it here (tests/data/retry_after.tsv has a row for each). */
#define NUMBER_WORD_STARTS 'a', 'o', 't', 'f'

/* The unit at `i` (after optional blanks), or NULL. */
static const struct unit *unit_at(const unsigned char *p, size_t n, size_t i)
{
    size_t k;

    i = sr_skip_blanks(p, n, i);
    for (k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t len = 0;
        while (units[k].word[len] != '\0')
            len++;
        if (sr_starts_ci(p + i, n - i, units[k].word) &&
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
                len = strlen(number_words[k].word);
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
