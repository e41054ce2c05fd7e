/* SPDX-License-Identifier: MIT */
/*
 * replay.c - runs a fuzz target without libFuzzer: link a fuzz_*.c file
 * with this one and any C compiler, and it calls LLVMFuzzerTestOneInput()
 * once on every file of the directories and files named on the command
 * line (files in name order; hidden files and subdirectories are skipped).
 *
 * This is how `make check` replays the seed corpora and the committed
 * crashes (tests/fuzz/crashes/) with the ordinary build of the library:
 * a contract the target checks aborts, and the test fails.
 *
 * With no argument (as `make check` runs it, from TESTS) it replays
 * $top_srcdir/tests/fuzz/corpus/NAME and $top_srcdir/tests/fuzz/crashes,
 * NAME being its program name without "fuzz_", "_replay", libtool's "lt-"
 * and any ".exe": fuzz_parse_replay replays corpus/parse.
 *
 * Prints "N inputs replayed" and exits 0; exits 1 when an argument is
 * missing, unreadable, or a directory with no file in it. Each input's
 * path is printed on stderr before it runs, so a crash names the input
 * that caused it.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data;
    long size;

    if (f == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "replay: cannot size %s\n", path);
        fclose(f);
        return -1;
    }
    /* Exactly the file's size, so a sanitizer build sees any over-read. */
    data = malloc(size > 0 ? (size_t)size : 1);
    if (data == NULL || (size > 0 && fread(data, 1, (size_t)size, f) != (size_t)size)) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    fprintf(stderr, "replay: %s (%ld bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, (size_t)size);
    free(data);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular, non-hidden file of `dir`; returns how many, or
 * -1 on an error (an empty directory is one). */
static long replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0, i;
    long done = 0;

    if (d == NULL) {
        fprintf(stderr, "replay: cannot open directory %s\n", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        struct stat st;
        char *path;

        if (e->d_name[0] == '.')
            continue;
        path = malloc(len);
        if (path == NULL)
            abort();
        snprintf(path, len, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (count == cap) {
            char **grown;
            cap = cap ? cap * 2 : 64;
            grown = realloc(names, cap * sizeof *names);
            if (grown == NULL)
                abort();
            names = grown;
        }
        names[count++] = path;
    }
    closedir(d);
    if (count == 0) {
        fprintf(stderr, "replay: directory %s holds no input\n", dir);
        free(names);
        return -1;
    }
    qsort(names, count, sizeof *names, by_name);
    for (i = 0; i < count; i++) {
        if (done >= 0 && replay_file(names[i]) == 0)
            done++;
        else
            done = -1;
        free(names[i]);
    }
    free(names);
    return done;
}

/* The target's name from the program's: ".../lt-fuzz_parse_replay.exe"
 * gives "parse". */
static void target_name(const char *argv0, char *name, size_t size)
{
    const char *base = strrchr(argv0, '/');
    size_t len;

    base = base != NULL ? base + 1 : argv0;
    if (strncmp(base, "lt-", 3) == 0)
        base += 3;
    if (strncmp(base, "fuzz_", 5) == 0)
        base += 5;
    len = strcspn(base, ".");
    if (len >= 7 && strncmp(base + len - 7, "_replay", 7) == 0)
        len -= 7;
    if (len >= size)
        len = size - 1;
    memcpy(name, base, len);
    name[len] = '\0';
}

static long replay_path(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s does not exist\n", path);
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return replay_dir(path);
    return replay_file(path) == 0 ? 1 : -1;
}

int main(int argc, char **argv)
{
    long total = 0, n;
    int i;

    if (argc < 2) {
        const char *top = getenv("top_srcdir");
        char name[64], corpus[4096], crashes[4096];

        target_name(argv[0], name, sizeof name);
        if (top == NULL)
            top = ".";
        snprintf(corpus, sizeof corpus, "%s/tests/fuzz/corpus/%s", top, name);
        snprintf(crashes, sizeof crashes, "%s/tests/fuzz/crashes", top);
        if ((n = replay_path(corpus)) < 0)
            return 1;
        total += n;
        if ((n = replay_path(crashes)) < 0)
            return 1;
        total += n;
    }
    for (i = 1; i < argc; i++) {
        if ((n = replay_path(argv[i])) < 0)
            return 1;
        total += n;
    }
    printf("%ld inputs replayed\n", total);
    return 0;
}
