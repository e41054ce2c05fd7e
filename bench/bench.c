/* SPDX-License-Identifier: MIT */
/*
 * bench.c - the benchmark of libsmtpreply (`make bench`; docs/PERFORMANCE.md).
 *
 *   bench [FILE] [--lines N] [--runs R] [--calls M] [--srcdir DIR]
 *         [--library PATH] [--only LIST]
 *
 * FILE is a TSV whose header row ends in a "line" column: the library's
 * lib/data/replies.tsv (command, verdict, bounce, reason, line; the line
 * column written with the escapes \n \r \t \\ \xHH) or the Sisimai line
 * corpus (id, command, reply_code, status, reason, hard, verified, line).
 * A file without such a header is read as one reply per line, verbatim.
 * Without FILE: DIR/lib/data/replies.tsv, DIR given by --srcdir (".").
 *
 * The lines are repeated cyclically up to N (1,000,000) and stored one
 * after another in one buffer allocated before any timing; each loop below
 * is timed R times (7) with CLOCK_MONOTONIC on one thread and reported by
 * its median:
 *
 *   baseline   a table-driven case-folding copy of every byte of every line
 *              into a scratch buffer: the cheapest loop that reads each byte
 *   parse      smtpreply_parse() of every line (lenient)
 *   classify   smtpreply_classify() of every line (command NONE, lenient)
 *   describe   smtpreply_describe() over a cycle of codes: every table code
 *              as smtpreply_code_at() writes it ("550", "X.1.1"), the same
 *              enhanced codes with classes 4 and 5 ("5.1.1"), and a few that
 *              are not in the table ("599", "4.9.12")
 *   compare    smtpreply_compare() over a cycle of pairs of those codes
 *   render     smtpreply_render_comparison() of the same pairs, text format,
 *              languages en, fr, de, ar in turn, into a 16 KiB stack buffer
 *
 * The describe, compare and render loops make M calls (--calls, default N).
 * Classify's nanoseconds per byte divided by the baseline's is the figure
 * that holds on any machine; the absolute targets are for a current x86-64
 * core. malloc, calloc, realloc, free (and the aligned allocators) are
 * interposed with a counter that is armed only inside the timed loops: the
 * library promises to allocate nothing, and the count must be 0.
 *
 * Exit status: 0; 1 for a usage or input error; 3 when something allocated
 * inside a timed loop. A missed speed target does not change the status.
 */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <smtpreply.h>
#include "read_email.h"

/* ---------------------------------------------------------------------------
 * Allocation counter. Only where a definition of malloc in the program
 * really replaces the C library's for every caller (ELF dynamic linking),
 * and not under a sanitizer, which brings its own allocator.
 */
#if defined(__SANITIZE_ADDRESS__)
# define BENCH_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#  define BENCH_COUNT_ALLOCATIONS 0
# endif
#endif
#ifndef BENCH_COUNT_ALLOCATIONS
# if defined(__ELF__) && !defined(BENCH_NO_ALLOCATION_COUNT)
#  define BENCH_COUNT_ALLOCATIONS 1
# else
#  define BENCH_COUNT_ALLOCATIONS 0
# endif
#endif

static volatile int alloc_armed;
static volatile unsigned long alloc_count;

#if BENCH_COUNT_ALLOCATIONS
#include <dlfcn.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);

/* dlsym() may itself allocate before the real functions are known: such
 * early requests are served from here and never freed. */
static _Alignas(max_align_t) unsigned char early_heap[16384];
static size_t early_used;
static int resolving;

void *memalign(size_t alignment, size_t size);

static void *early_alloc(size_t size)
{
    size_t at = (early_used + 15) & ~(size_t)15;

    if (size > sizeof early_heap || at > sizeof early_heap - size)
        return NULL;
    early_used = at + size;
    return early_heap + at;
}

static int is_early(const void *p)
{
    return (const unsigned char *)p >= early_heap &&
           (const unsigned char *)p < early_heap + sizeof early_heap;
}

/* Object pointers and function pointers meet through memcpy: ISO C has no
 * conversion between them, dlsym() needs one. */
#define RESOLVE(var, name) do { \
        void *sym_ = dlsym(RTLD_NEXT, name); \
        memcpy(&(var), &sym_, sizeof(var)); \
    } while (0)

static void resolve_allocator(void)
{
    if (real_malloc != NULL || resolving)
        return;
    resolving = 1;
    RESOLVE(real_calloc, "calloc");
    RESOLVE(real_realloc, "realloc");
    RESOLVE(real_free, "free");
    RESOLVE(real_posix_memalign, "posix_memalign");
    RESOLVE(real_aligned_alloc, "aligned_alloc");
    RESOLVE(real_memalign, "memalign");
    RESOLVE(real_malloc, "malloc");
    resolving = 0;
    if (real_malloc == NULL || real_calloc == NULL || real_realloc == NULL ||
        real_free == NULL) {
        static const char msg[] = "bench: cannot find the C library's allocator\n";
        fwrite(msg, 1, sizeof msg - 1, stderr);
        abort();
    }
}

static void count_allocation(void)
{
    if (alloc_armed)
        alloc_count++;
}

void *malloc(size_t size)
{
    count_allocation();
    resolve_allocator();
    if (real_malloc == NULL)
        return early_alloc(size);
    return real_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    count_allocation();
    resolve_allocator();
    if (real_calloc == NULL) {
        /* early_heap is static, hence zeroed, and never reused. */
        if (size != 0 && count > SIZE_MAX / size)
            return NULL;
        return early_alloc(count * size);
    }
    return real_calloc(count, size);
}

void *realloc(void *p, size_t size)
{
    count_allocation();
    resolve_allocator();
    if (p != NULL && is_early(p)) {
        void *q = malloc(size);
        if (q != NULL) {
            size_t room = (size_t)(early_heap + sizeof early_heap - (unsigned char *)p);
            memcpy(q, p, size < room ? size : room);
        }
        return q;
    }
    if (real_realloc == NULL)
        return early_alloc(size);
    return real_realloc(p, size);
}

void free(void *p)
{
    if (p == NULL || is_early(p))
        return;
    count_allocation();
    resolve_allocator();
    real_free(p);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    count_allocation();
    resolve_allocator();
    if (real_posix_memalign == NULL)
        return ENOMEM;
    return real_posix_memalign(out, alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
    count_allocation();
    resolve_allocator();
    if (real_aligned_alloc == NULL)
        return NULL;
    return real_aligned_alloc(alignment, size);
}

void *memalign(size_t alignment, size_t size)
{
    count_allocation();
    resolve_allocator();
    if (real_memalign == NULL)
        return NULL;
    return real_memalign(alignment, size);
}
#endif /* BENCH_COUNT_ALLOCATIONS */

/* Checks that the counter sees an allocation: through volatile pointers,
 * so the compiler cannot remove the malloc/free pair. */
static int allocation_counter_works(void)
{
#if BENCH_COUNT_ALLOCATIONS
    void *(*volatile do_malloc)(size_t) = malloc;
    void (*volatile do_free)(void *) = free;
    unsigned long before;
    void *p;

    alloc_armed = 1;
    before = alloc_count;
    p = do_malloc(24);
    do_free(p);
    alloc_armed = 0;
    alloc_count = before;   /* the self-test is not a finding */
    return p != NULL;
#else
    return 0;
#endif
}

/* ---------------------------------------------------------------------------
 * The corpus: every line repeated up to N, one buffer, offsets and lengths.
 */
struct corpus {
    char *buf;              /* all lines, back to back */
    size_t *off;
    uint32_t *len;
    size_t count;           /* N */
    size_t bytes;           /* sum of len */
    size_t distinct;        /* lines in the file */
    size_t distinct_bytes;
    size_t max_len;
    const char *format;
};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        die("out of memory", NULL);
    return p;
}

static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, used = 0, got;

    if (f == NULL) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    do {
        if (cap - used < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = realloc(buf, cap);
            if (buf == NULL)
                die("out of memory", path);
        }
        got = fread(buf + used, 1, cap - used, f);
        used += got;
    } while (got > 0);
    if (ferror(f))
        die("cannot read", path);
    fclose(f);
    *size = used;
    return buf;
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the escapes of replies.tsv in place; returns the new length. */
static size_t unescape(char *s, size_t n)
{
    size_t i = 0, o = 0;

    while (i < n) {
        if (s[i] == '\\' && i + 1 < n) {
            char e = s[i + 1];
            if (e == 'n') { s[o++] = '\n'; i += 2; continue; }
            if (e == 'r') { s[o++] = '\r'; i += 2; continue; }
            if (e == 't') { s[o++] = '\t'; i += 2; continue; }
            if (e == '\\') { s[o++] = '\\'; i += 2; continue; }
            if (e == 'x' && i + 3 < n && hex_digit((unsigned char)s[i + 2]) >= 0 &&
                hex_digit((unsigned char)s[i + 3]) >= 0) {
                s[o++] = (char)(hex_digit((unsigned char)s[i + 2]) * 16 +
                                hex_digit((unsigned char)s[i + 3]));
                i += 4;
                continue;
            }
        }
        s[o++] = s[i++];
    }
    return o;
}

/* The last tab-separated field of the record [s, s+n), and how many fields
 * the record has. */
static const char *last_field(const char *s, size_t n, size_t *field_len, size_t *fields)
{
    const char *start = s;
    size_t i;

    *fields = 1;
    for (i = 0; i < n; i++)
        if (s[i] == '\t') {
            start = s + i + 1;
            (*fields)++;
        }
    *field_len = (size_t)(s + n - start);
    return start;
}

enum format { FORMAT_RAW, FORMAT_REPLIES, FORMAT_SISIMAI, FORMAT_TSV };

static void load_corpus(const char *path, size_t want, struct corpus *c)
{
    size_t size, pos = 0, header_fields = 0, rows = 0, skipped = 0, i, k;
    char *text = read_file(path, &size);
    enum format fmt = FORMAT_RAW;
    const char **line_at;
    size_t *line_len;
    size_t cap = 1024;
    int first = 1;

    line_at = xmalloc(cap * sizeof *line_at);
    line_len = xmalloc(cap * sizeof *line_len);
    while (pos < size) {
        char *rec = text + pos;
        char *nl = memchr(rec, '\n', size - pos);
        size_t n = nl ? (size_t)(nl - rec) : size - pos;
        const char *field;
        size_t flen, fields;

        pos += n + (nl != NULL);
        if (n > 0 && rec[n - 1] == '\r')
            n--;
        if (first) {
            first = 0;
            field = last_field(rec, n, &flen, &fields);
            if (flen == 4 && memcmp(field, "line", 4) == 0) {
                header_fields = fields;
                if (fields == 5 && n >= 8 && memcmp(rec, "command\t", 8) == 0)
                    fmt = FORMAT_REPLIES;
                else if (fields == 8 && n >= 3 && memcmp(rec, "id\t", 3) == 0)
                    fmt = FORMAT_SISIMAI;
                else
                    fmt = FORMAT_TSV;
                continue;
            }
        }
        if (n == 0 || rec[0] == '#')
            continue;
        if (fmt == FORMAT_RAW) {
            field = rec;
            flen = n;
        } else {
            field = last_field(rec, n, &flen, &fields);
            if (fields != header_fields) {
                skipped++;
                continue;
            }
            if (fmt == FORMAT_REPLIES)
                flen = unescape(rec + (field - rec), flen);
        }
        if (rows == cap) {
            cap *= 2;
            line_at = realloc(line_at, cap * sizeof *line_at);
            line_len = realloc(line_len, cap * sizeof *line_len);
            if (line_at == NULL || line_len == NULL)
                die("out of memory", path);
        }
        if (flen > UINT32_MAX)
            die("line too long", path);
        line_at[rows] = field;
        line_len[rows] = flen;
        rows++;
    }
    if (rows == 0)
        die("no reply lines in", path);
    if (skipped > 0)
        fprintf(stderr, "bench: %s: %zu rows without %zu columns skipped\n", path,
                skipped, header_fields);

    c->format = fmt == FORMAT_REPLIES ? "replies.tsv (escapes decoded)"
              : fmt == FORMAT_SISIMAI ? "sisimai line corpus"
              : fmt == FORMAT_TSV ? "TSV, last column \"line\""
              : "one reply per line, verbatim";
    c->distinct = rows;
    c->distinct_bytes = 0;
    for (i = 0; i < rows; i++)
        c->distinct_bytes += line_len[i];
    c->count = want;
    c->bytes = 0;
    c->max_len = 0;
    for (i = 0, k = 0; i < want; i++) {
        c->bytes += line_len[k];
        if (++k == rows)
            k = 0;
    }
    c->buf = xmalloc(c->bytes);
    c->off = xmalloc(want * sizeof *c->off);
    c->len = xmalloc(want * sizeof *c->len);
    pos = 0;
    for (i = 0, k = 0; i < want; i++) {
        memcpy(c->buf + pos, line_at[k], line_len[k]);
        c->off[i] = pos;
        c->len[i] = (uint32_t)line_len[k];
        if (line_len[k] > c->max_len)
            c->max_len = line_len[k];
        pos += line_len[k];
        if (++k == rows)
            k = 0;
    }
    free(line_at);
    free(line_len);
    free(text);
}

/* ---------------------------------------------------------------------------
 * Codes for describe, compare and render.
 */
struct code {
    const char *text;
    size_t len;
};

struct pair {
    unsigned a, b;
};

struct codes {
    struct code *describe;      /* table texts, 4.x.x / 5.x.x forms, extras */
    size_t describe_count;
    struct code *classed;       /* what compare accepts: no "X." form */
    size_t classed_count;
    struct pair *pairs;
    size_t pair_count;
    size_t table_count;
    char *storage;
};

/* Codes that are well formed but not in the table: the generic path. */
static const char *const extra_codes[] = {
    "599", "459", "298", "4.9.12", "5.1.99", "5.8.1", "2.9.9", "5.7.999"
};

#define PAIR_COUNT 4093u        /* odd, so pairs and languages mix fully */

static void add_code(struct code *list, size_t *n, const char *text)
{
    list[*n].text = text;
    list[*n].len = strlen(text);
    (*n)++;
}

static void build_codes(struct codes *k)
{
    size_t count = smtpreply_code_count(), i, nd = 0, nc = 0, extras;
    size_t enhanced = 0;
    char *s;
    uint32_t x = 0x9E3779B9u;

    extras = sizeof extra_codes / sizeof extra_codes[0];
    k->table_count = count;
    k->describe = xmalloc((3 * count + extras) * sizeof *k->describe);
    k->classed = xmalloc((3 * count + extras) * sizeof *k->classed);
    k->storage = s = xmalloc(2 * count * 16);
    for (i = 0; i < count; i++) {
        struct smtpreply_description d;
        d.size = sizeof d;
        if (smtpreply_code_at(i, NULL, &d) != SMTPREPLY_OK)
            die("smtpreply_code_at failed", NULL);
        add_code(k->describe, &nd, d.code_text);
        if (d.kind == SMTPREPLY_KIND_BASIC) {
            add_code(k->classed, &nc, d.code_text);
            continue;
        }
        enhanced++;
        snprintf(s, 16, "5.%d.%d", d.status_subject, d.status_detail);
        add_code(k->describe, &nd, s);
        add_code(k->classed, &nc, s);
        s += 16;
        snprintf(s, 16, "4.%d.%d", d.status_subject, d.status_detail);
        add_code(k->describe, &nd, s);
        add_code(k->classed, &nc, s);
        s += 16;
    }
    (void)enhanced;
    for (i = 0; i < extras; i++) {
        add_code(k->describe, &nd, extra_codes[i]);
        add_code(k->classed, &nc, extra_codes[i]);
    }
    k->describe_count = nd;
    k->classed_count = nc;

    /* Pairs drawn by xorshift32: a fixed, spread-out sequence. */
    k->pair_count = PAIR_COUNT;
    k->pairs = xmalloc(PAIR_COUNT * sizeof *k->pairs);
    for (i = 0; i < PAIR_COUNT; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        k->pairs[i].a = (unsigned)(x % nc);
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        k->pairs[i].b = (unsigned)(x % nc);
    }
}

/* ---------------------------------------------------------------------------
 * The timed loops. Each returns a checksum of what the calls returned, so
 * no call can be dropped, and counts the calls that returned an error.
 */
struct ctx {
    const struct corpus *c;
    const struct codes *k;
    size_t calls;               /* describe, compare, render */
    unsigned char *scratch;
    const char *langs[4];
    unsigned long errors;       /* negative returns in the last run */
    unsigned long generic;      /* SMTPREPLY_GENERIC returns */
    unsigned long truncated;    /* render: pages that did not fit */
    unsigned long long out_bytes; /* render: page bytes */
};

#define NOINLINE __attribute__((noinline))

static unsigned char fold_table[256];

/* The floor every timing is read against: one pass over each input that
 * folds its bytes through a table into scratch, as cheap as touching the
 * bytes can be. Lines and emails both use it. */
static uint64_t fold_pass(const unsigned char *p, size_t n, unsigned char *scratch)
{
    uint64_t acc = 0;
    size_t j;

    for (j = 0; j < n; j++) {
        unsigned char f = fold_table[p[j]];
        scratch[j] = f;
        acc += f;
    }
    if (n > 0)
        acc += scratch[n >> 1];
    return acc;
}

NOINLINE static uint64_t bench_baseline(struct ctx *x)
{
    const struct corpus *c = x->c;
    uint64_t acc = 0;
    size_t i;

    for (i = 0; i < c->count; i++)
        acc += fold_pass((const unsigned char *)c->buf + c->off[i], c->len[i], x->scratch);
    x->errors = 0;
    return acc;
}

NOINLINE static uint64_t bench_parse(struct ctx *x)
{
    const struct corpus *c = x->c;
    struct smtpreply_reply r;
    uint64_t acc = 0;
    unsigned long errors = 0;
    size_t i;

    for (i = 0; i < c->count; i++) {
        int rc;
        r.size = sizeof r;
        rc = smtpreply_parse(c->buf + c->off[i], c->len[i], 0, &r);
        if (rc < 0) {
            errors++;
            continue;
        }
        acc += (uint64_t)r.basic_code + r.flags + r.text_offset + (uint64_t)r.status_detail;
    }
    x->errors = errors;
    return acc;
}

NOINLINE static uint64_t bench_classify(struct ctx *x)
{
    const struct corpus *c = x->c;
    struct smtpreply_verdict v;
    uint64_t acc = 0;
    unsigned long errors = 0;
    size_t i;

    for (i = 0; i < c->count; i++) {
        int rc;
        v.size = sizeof v;
        rc = smtpreply_classify(c->buf + c->off[i], c->len[i], SMTPREPLY_COMMAND_NONE,
                                0, &v);
        if (rc < 0) {
            errors++;
            continue;
        }
        acc += (uint64_t)v.reason * 7 + (uint64_t)v.bounce + v.flags +
               (uint64_t)v.retry_after + (uintptr_t)v.rule;
    }
    x->errors = errors;
    return acc;
}

NOINLINE static uint64_t bench_describe(struct ctx *x)
{
    const struct code *codes = x->k->describe;
    size_t n = x->k->describe_count, i, j = 0;
    struct smtpreply_description d;
    uint64_t acc = 0;
    unsigned long errors = 0, generic = 0;

    for (i = 0; i < x->calls; i++) {
        int rc;
        d.size = sizeof d;
        rc = smtpreply_describe(codes[j].text, codes[j].len, NULL, &d);
        if (rc < 0)
            errors++;
        else
            acc += (uintptr_t)d.name + (uintptr_t)d.fix + d.flags;
        generic += rc == SMTPREPLY_GENERIC;
        if (++j == n)
            j = 0;
    }
    x->errors = errors;
    x->generic = generic;
    return acc;
}

NOINLINE static uint64_t bench_compare(struct ctx *x)
{
    const struct code *codes = x->k->classed;
    const struct pair *pairs = x->k->pairs;
    size_t n = x->k->pair_count, i, j = 0;
    struct smtpreply_comparison cmp;
    uint64_t acc = 0;
    unsigned long errors = 0, generic = 0;

    for (i = 0; i < x->calls; i++) {
        const struct code *a = &codes[pairs[j].a], *b = &codes[pairs[j].b];
        int rc;
        cmp.size = sizeof cmp;
        rc = smtpreply_compare(a->text, a->len, b->text, b->len, &cmp);
        if (rc < 0)
            errors++;
        else
            acc += (uint64_t)(cmp.more_severe + 1) + cmp.differences +
                   (uint64_t)cmp.relation * 3;
        generic += rc == SMTPREPLY_GENERIC;
        if (++j == n)
            j = 0;
    }
    x->errors = errors;
    x->generic = generic;
    return acc;
}

#define PAGE_BUFFER 16384

NOINLINE static uint64_t bench_render(struct ctx *x)
{
    const struct code *codes = x->k->classed;
    const struct pair *pairs = x->k->pairs;
    size_t n = x->k->pair_count, i, j = 0;
    unsigned l = 0;
    char page[PAGE_BUFFER];
    uint64_t acc = 0;
    unsigned long errors = 0, truncated = 0;
    unsigned long long bytes = 0;

    for (i = 0; i < x->calls; i++) {
        const struct code *a = &codes[pairs[j].a], *b = &codes[pairs[j].b];
        int rc = smtpreply_render_comparison(a->text, a->len, b->text, b->len,
                                             x->langs[l], SMTPREPLY_FORMAT_TEXT,
                                             page, sizeof page);
        if (rc < 0) {
            errors++;
        } else {
            if ((size_t)rc >= sizeof page)
                truncated++;
            bytes += (unsigned long long)rc;
            acc += (unsigned char)page[(size_t)rc / 2 % sizeof page];
        }
        if (++j == n)
            j = 0;
        l = (l + 1) & 3;
    }
    x->errors = errors;
    x->truncated = truncated;
    x->out_bytes = bytes;
    return acc;
}

/* ---------------------------------------------------------------------------
 * Whole emails: smtpreply_message_read() and every recipient's verdict, on
 * a directory of emails (each file one email), repeated to at least
 * EMAILS_MIN emails a run; and the byte-pass baseline over the same bytes.
 */
#define EMAILS_MIN 20000

struct emails {
    char *buf;
    size_t *off, *len;
    size_t count, distinct, bytes, distinct_bytes, max_len;
    char *ws;
    size_t ws_size;
    unsigned long errors, recipients;
};

static int name_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_emails(const char *dir, struct emails *e)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL, path[4096];
    size_t count = 0, cap = 0, i, total = 0, k;
    char **data;
    size_t *sizes;

    memset(e, 0, sizeof *e);
    if (d == NULL)
        die("cannot open the email directory", dir);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || strstr(de->d_name, ".eml") == NULL)
            continue;
        if (count == cap) {
            names = realloc(names, (cap = cap ? 2 * cap : 256) * sizeof *names);
            if (names == NULL)
                die("out of memory", NULL);
        }
        names[count++] = strdup(de->d_name);
    }
    closedir(d);
    if (count == 0)
        die("no .eml files in", dir);
    qsort(names, count, sizeof *names, name_order);
    data = xmalloc(count * sizeof *data);
    sizes = xmalloc(count * sizeof *sizes);
    for (i = 0; i < count; i++) {
        int w = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (w < 0 || (size_t)w >= sizeof path)
            die("path too long", names[i]);
        data[i] = read_file(path, &sizes[i]);
        total += sizes[i];
        if (sizes[i] > e->max_len)
            e->max_len = sizes[i];
        free(names[i]);
    }
    free(names);
    e->distinct = count;
    e->distinct_bytes = total;
    e->count = ((EMAILS_MIN + count - 1) / count) * count;
    e->buf = xmalloc(total);
    e->off = xmalloc(e->count * sizeof *e->off);
    e->len = xmalloc(e->count * sizeof *e->len);
    for (i = 0, k = 0; i < count; i++) {
        memcpy(e->buf + k, data[i], sizes[i]);
        e->off[i] = k;
        e->len[i] = sizes[i];
        k += sizes[i];
        free(data[i]);
    }
    for (i = count; i < e->count; i++) {
        e->off[i] = e->off[i % count];
        e->len[i] = e->len[i % count];
    }
    e->bytes = total * (e->count / count);
    free(data);
    free(sizes);
    e->ws_size = smtpreply_message_workspace_size(e->max_len);
    e->ws = xmalloc(e->ws_size);
}

static struct emails *bench_emails;

NOINLINE static uint64_t bench_email_baseline(struct ctx *x)
{
    const struct emails *e = bench_emails;
    uint64_t acc = 0;
    size_t i;

    for (i = 0; i < e->count; i++)
        acc += fold_pass((const unsigned char *)e->buf + e->off[i], e->len[i], x->scratch);
    return acc;
}

NOINLINE static uint64_t bench_messages(struct ctx *x)
{
    struct emails *e = bench_emails;
    uint64_t acc = 0;
    size_t i;

    (void)x;
    e->errors = 0;
    e->recipients = 0;
    for (i = 0; i < e->count; i++)
        if (bench_read_email(e->buf + e->off[i], e->len[i], e->ws, e->ws_size, &acc,
                             &e->recipients) != 0)
            e->errors++;
    return acc;
}

/* ---------------------------------------------------------------------------
 * Timing.
 */
static volatile uint64_t sink;

static double now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct timing {
    double median, min, max;    /* nanoseconds for the whole loop */
};

static struct timing run(uint64_t (*fn)(struct ctx *), struct ctx *x, double *samples,
                         int runs)
{
    struct timing t;
    int r;

    for (r = 0; r < runs; r++) {
        double t0, t1;
        uint64_t got;

        alloc_armed = 1;
        t0 = now_ns();
        got = fn(x);
        t1 = now_ns();
        alloc_armed = 0;
        sink += got;
        samples[r] = t1 - t0;
    }
    qsort(samples, (size_t)runs, sizeof *samples, cmp_double);
    t.median = runs % 2 ? samples[runs / 2]
                        : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
    t.min = samples[0];
    t.max = samples[runs - 1];
    return t;
}

/* ---------------------------------------------------------------------------
 * Report.
 */
static void print_rate(double per_second)
{
    if (per_second >= 1e6)
        printf("%10.2f M", per_second / 1e6);
    else
        printf("%10.1f k", per_second / 1e3);
}

static const char *verdict(int pass)
{
    return pass ? "PASS" : "MISS";
}

static void row(const char *name, size_t calls, const struct timing *t, size_t bytes,
                const char *target)
{
    double seconds = t->median / 1e9;

    printf("%-10s %10zu %9.4f ", name, calls, seconds);
    print_rate((double)calls / seconds);
    printf(" %9.1f", t->median / (double)calls);
    if (bytes > 0)
        printf(" %8.3f", t->median / (double)bytes);
    else
        printf(" %8s", "-");
    printf(" %6.1f%%  %s\n", t->median > 0 ? 100.0 * (t->max - t->min) / t->median : 0.0,
           target);
}

static int selected(const char *only, const char *name)
{
    size_t n = strlen(name);
    const char *p = only;

    if (only == NULL)
        return 1;
    while ((p = strstr(p, name)) != NULL) {
        if ((p == only || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
            return 1;
        p += n;
    }
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: bench [FILE] [--lines N] [--runs R] [--calls M] [--srcdir DIR]\n"
            "             [--library PATH] [--only LIST]\n"
            "  FILE          replies.tsv, the Sisimai line TSV (last column \"line\"),\n"
            "                or one reply per line (default DIR/lib/data/replies.tsv)\n"
            "  --lines N     lines to classify, the file's repeated (1000000)\n"
            "  --runs R      timed runs of each loop; the median is reported (7)\n"
            "  --calls M     calls of describe, compare, render (N)\n"
            "  --srcdir DIR  the source tree, for the default FILE (.)\n"
            "  --library P   print the size of the shared library at P\n"
            "  --emails DIR  a directory of .eml files for the messages loop\n"
            "                (default DIR/tests/data/messages)\n"
            "  --only LIST   comma-separated subset of baseline,parse,classify,\n"
            "                describe,compare,render\n");
}

static size_t parse_count(const char *opt, const char *arg, size_t max)
{
    char *end;
    unsigned long long v;

    if (arg == NULL)
        die("missing value for", opt);
    errno = 0;
    v = strtoull(arg, &end, 10);
    if (errno != 0 || *end != '\0' || v == 0 || v > max || arg[0] == '-')
        die("bad value for", opt);
    return (size_t)v;
}

int main(int argc, char **argv)
{
    const char *file = NULL, *srcdir = ".", *library = NULL, *only = NULL, *emails_dir = NULL;
    char emails_default[4096];
    struct emails emails;
    struct timing te = {0, 0, 0}, teb = te;
    int have_e = 0;
    size_t lines = 1000000, calls = 0;
    int runs = 7, i, counting, status = 0;
    char default_path[4096];
    struct corpus corpus;
    struct codes codes;
    struct ctx x;
    double *samples;
    struct timing tb = {0, 0, 0}, tp = tb, tc = tb, td = tb, tm = tb, tr = tb;
    int have_b = 0, have_p = 0, have_c = 0, have_d = 0, have_m = 0, have_r = 0;
    unsigned long parse_errors = 0, classify_errors = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--lines") == 0) {
            lines = parse_count(a, v, (size_t)1 << 32);
            i++;
        } else if (strcmp(a, "--runs") == 0) {
            runs = (int)parse_count(a, v, 1000);
            i++;
        } else if (strcmp(a, "--calls") == 0) {
            calls = parse_count(a, v, (size_t)1 << 40);
            i++;
        } else if (strcmp(a, "--srcdir") == 0) {
            if (v == NULL)
                die("missing value for", a);
            srcdir = v;
            i++;
        } else if (strcmp(a, "--library") == 0) {
            if (v == NULL)
                die("missing value for", a);
            library = v;
            i++;
        } else if (strcmp(a, "--emails") == 0) {
            if (v == NULL)
                die("missing value for", a);
            emails_dir = v;
            i++;
        } else if (strcmp(a, "--only") == 0) {
            if (v == NULL)
                die("missing value for", a);
            only = v;
            i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            usage(stderr);
            return 1;
        } else if (file == NULL) {
            file = a;
        } else {
            usage(stderr);
            return 1;
        }
    }
    if (calls == 0)
        calls = lines;
    if (only != NULL && !selected(only, "baseline") && !selected(only, "parse") &&
        !selected(only, "classify") && !selected(only, "describe") &&
        !selected(only, "compare") && !selected(only, "render") && !selected(only, "messages"))
        die("--only names none of baseline,parse,classify,describe,compare,render,messages",
            only);
    if (file == NULL) {
        int n = snprintf(default_path, sizeof default_path, "%s/lib/data/replies.tsv",
                         srcdir);
        if (n < 0 || (size_t)n >= sizeof default_path)
            die("--srcdir too long", NULL);
        file = default_path;
    }

    counting = allocation_counter_works();
    for (i = 0; i < 256; i++)
        fold_table[i] = (unsigned char)(i >= 'A' && i <= 'Z' ? i + 32 : i);
    load_corpus(file, lines, &corpus);
    build_codes(&codes);
    samples = xmalloc((size_t)runs * sizeof *samples);

    memset(&x, 0, sizeof x);
    x.c = &corpus;
    x.k = &codes;
    x.calls = calls;
    x.scratch = xmalloc(corpus.max_len + 1);
    x.langs[0] = "en";
    x.langs[1] = "fr";
    x.langs[2] = "de";
    x.langs[3] = "ar";

    printf("libsmtpreply benchmark: library %s (header %s), data %s\n",
           smtpreply_version(), SMTPREPLY_VERSION_STRING, smtpreply_data_version());
    printf("input:     %s\n", file);
    printf("format:    %s\n", corpus.format);
    printf("lines:     %zu distinct, %zu bytes; repeated to %zu lines\n", corpus.distinct,
           corpus.distinct_bytes, corpus.count);
    printf("bytes:     %zu total, average line %.1f bytes, longest %zu\n", corpus.bytes,
           (double)corpus.bytes / (double)corpus.count, corpus.max_len);
    printf("codes:     %zu table entries; describe cycles %zu codes, compare and render "
           "%u pairs of %zu codes\n",
           codes.table_count, codes.describe_count, PAIR_COUNT, codes.classed_count);
    printf("runs:      %d per loop, median reported; %zu calls of describe, compare, "
           "render\n", runs, calls);
    if (library != NULL) {
        struct stat st;
        if (stat(library, &st) == 0)
            printf("library:   %s, %lld bytes (%.1f KiB)\n", library, (long long)st.st_size,
                   (double)st.st_size / 1024.0);
        else
            printf("library:   %s: %s\n", library, strerror(errno));
    }
    printf("\n");
    fflush(stdout);

    if (selected(only, "messages")) {
        if (emails_dir == NULL) {
            snprintf(emails_default, sizeof emails_default, "%s/tests/data/messages", srcdir);
            emails_dir = emails_default;
        }
        load_emails(emails_dir, &emails);
        bench_emails = &emails;
        if (emails.max_len + 1 > corpus.max_len + 1) {
            free(x.scratch);
            x.scratch = xmalloc(emails.max_len + 1);
        }
        printf("emails:    %s: %zu files, %zu bytes; repeated to %zu emails, %zu bytes\n\n",
               emails_dir, emails.distinct, emails.distinct_bytes, emails.count, emails.bytes);
        fflush(stdout);
        teb = run(bench_email_baseline, &x, samples, runs);
        te = run(bench_messages, &x, samples, runs);
        have_e = 1;
    }
    if (selected(only, "baseline")) {
        tb = run(bench_baseline, &x, samples, runs);
        have_b = 1;
    }
    if (selected(only, "parse")) {
        tp = run(bench_parse, &x, samples, runs);
        parse_errors = x.errors;
        have_p = 1;
    }
    if (selected(only, "classify")) {
        tc = run(bench_classify, &x, samples, runs);
        classify_errors = x.errors;
        have_c = 1;
    }
    if (selected(only, "describe")) {
        td = run(bench_describe, &x, samples, runs);
        have_d = 1;
        if (x.errors)
            fprintf(stderr, "bench: describe: %lu errors\n", x.errors);
    }
    if (selected(only, "compare")) {
        tm = run(bench_compare, &x, samples, runs);
        have_m = 1;
        if (x.errors)
            fprintf(stderr, "bench: compare: %lu errors\n", x.errors);
    }
    if (selected(only, "render")) {
        tr = run(bench_render, &x, samples, runs);
        have_r = 1;
        if (x.errors)
            fprintf(stderr, "bench: render: %lu errors\n", x.errors);
    }

    printf("%-10s %10s %9s %12s %9s %8s %7s  %s\n", "loop", "calls", "median s",
           "calls/s", "ns/call", "ns/byte", "spread", "target");
    printf("---------- ---------- --------- ------------ --------- -------- -------  "
           "------------------------------\n");
    if (have_b)
        row("baseline", corpus.count, &tb, corpus.bytes, "(reference)");
    if (have_p)
        row("parse", corpus.count, &tp, corpus.bytes, "");
    if (have_c) {
        double rate = (double)corpus.count / (tc.median / 1e9);
        char target[80];
        snprintf(target, sizeof target, ">= 5 M lines/s: %s", verdict(rate >= 5e6));
        row("classify", corpus.count, &tc, corpus.bytes, target);
    }
    if (have_d) {
        double rate = (double)calls / (td.median / 1e9);
        row("describe", calls, &td, 0, rate >= 1e7 ? ">= 10 M calls/s: PASS"
                                                   : ">= 10 M calls/s: MISS");
    }
    if (have_m) {
        double rate = (double)calls / (tm.median / 1e9);
        row("compare", calls, &tm, 0, rate >= 1e7 ? ">= 10 M calls/s: PASS"
                                                  : ">= 10 M calls/s: MISS");
    }
    if (have_r) {
        double rate = (double)calls / (tr.median / 1e9);
        row("render", calls, &tr, 0, rate >= 1e6 ? ">= 1 M pages/s: PASS"
                                                 : ">= 1 M pages/s: MISS");
    }
    if (have_e) {
        double rate = (double)emails.count / (te.median / 1e9);
        char target[80];
        row("email-base", emails.count, &teb, emails.bytes, "(reference)");
        snprintf(target, sizeof target, ">= 100 k emails/s: %s", verdict(rate >= 1e5));
        row("messages", emails.count, &te, emails.bytes, target);
    }
    printf("\n(calls/s is lines/s for baseline, parse and classify; spread is "
           "(max - min) / median over the runs)\n");

    if (have_b && have_c) {
        double ratio = tc.median / tb.median;   /* same bytes: ns/byte ratio */
        printf("\nclassify / baseline, ns per byte: %.2f / %.3f = %.1fx   "
               "target <= 4x: %s\n",
               tc.median / (double)corpus.bytes, tb.median / (double)corpus.bytes, ratio,
               verdict(ratio <= 4.0));
        printf("(the ratio is the figure that holds on any machine)\n");
    }
    if (have_p && have_b)
        printf("parse / baseline, ns per byte: %.1fx\n", tp.median / tb.median);
    if (have_e) {
        printf("messages / email baseline, ns per byte: %.2f / %.3f = %.1fx\n",
               te.median / (double)emails.bytes, teb.median / (double)emails.bytes,
               te.median / teb.median);
        printf("messages: %lu recipients a run, %lu reads that returned an error\n",
               emails.recipients, emails.errors);
        free(emails.buf);
        free(emails.off);
        free(emails.len);
        free(emails.ws);
    }
    if (have_p)
        printf("parse calls that returned an error: %lu of %zu\n", parse_errors,
               corpus.count);
    if (have_c)
        printf("classify calls that returned an error: %lu of %zu\n", classify_errors,
               corpus.count);
    if (have_r)
        printf("render: average page %.0f bytes, %lu pages did not fit %d bytes\n",
               x.calls ? (double)x.out_bytes / (double)x.calls : 0.0, x.truncated,
               PAGE_BUFFER);

    if (counting) {
        printf("\nheap allocations in timed loops: %lu\n", alloc_count);
        if (alloc_count != 0)
            status = 3;
    } else {
        printf("\nheap allocations in timed loops: not counted (no malloc interposition "
               "in this build)\n");
    }

    free(samples);
    free(x.scratch);
    free(corpus.buf);
    free(corpus.off);
    free(corpus.len);
    free(codes.describe);
    free(codes.classed);
    free(codes.pairs);
    free(codes.storage);
    return status;
}
