/* SPDX-License-Identifier: MIT */
/*
 * check_robustness.c - what the library promises about hostile input and
 * hostile callers, beyond what each function computes:
 *
 *  - bounds: no entry point that takes outside bytes reads one byte before
 *    or after them (inputs are placed against PROT_NONE guard pages, for
 *    every prefix of real replies and codes: a stray read faults);
 *  - bad input: a table of malformed, huge and NULL inputs and struct size
 *    fields with the exact return codes and fields the header gives;
 *  - threads: 8 threads classifying and rendering at once get exactly the
 *    single-threaded answers;
 *  - no allocation: malloc and its relatives are interposed in this binary
 *    (or, under a sanitizer that owns malloc, hooked) and the calls under
 *    test must make none.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "smtpreply.h"
#include "input_limits.h"
#include "test_support.h"
#include "name_families.h"

/* ===========================================================================
 * Counting allocations.
 *
 * The counter is per thread and armed only around the calls under test:
 * Check, the test's own buffers and other threads do not count.
 */

/* volatile, and fenced below: the compiler knows malloc, free and strdup
 * as builtins that touch no user memory and would otherwise move these
 * stores across them. */
static _Thread_local volatile int alloc_armed;
static _Thread_local volatile long alloc_count;
static _Thread_local const char *volatile alloc_during;  /* what was being called */
static _Thread_local const char *volatile alloc_first;   /* ... at the first allocation */

#define ALLOC_FENCE() __asm__ __volatile__("" ::: "memory")

static void alloc_seen(void)
{
    if (alloc_armed) {
        if (alloc_count++ == 0)
            alloc_first = alloc_during;
    }
}

static void alloc_arm(const char *what)
{
    ALLOC_FENCE();
    alloc_during = what;
    alloc_armed = 1;
    ALLOC_FENCE();
}

static void alloc_disarm(void)
{
    ALLOC_FENCE();
    alloc_armed = 0;
    ALLOC_FENCE();
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
# define ROBUST_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
     __has_feature(memory_sanitizer)
#  define ROBUST_SANITIZER 1
# endif
#endif
#if defined(__SANITIZE_THREAD__)
# define ROBUST_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define ROBUST_TSAN 1
# endif
#endif

#if defined(ROBUST_SANITIZER)
/* The sanitizer's runtime owns malloc: count through its hooks, which see
 * malloc, calloc, realloc, posix_memalign, aligned_alloc and the rest. */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));

static void malloc_hook(const volatile void *p, size_t n)
{
    (void)p;
    (void)n;
    alloc_seen();
}

static void free_hook(const volatile void *p)
{
    (void)p;
    alloc_seen();
}

static const char *alloc_method = "sanitizer allocator hooks";

static void alloc_setup(void)
{
    ck_assert_msg(__sanitizer_install_malloc_and_free_hooks(malloc_hook, free_hook) != 0,
                  "cannot install the sanitizer's malloc hooks");
}
#elif defined(__GLIBC__)
/* glibc: this binary's definitions take precedence over libc's for every
 * caller, the library and libc itself included, and forward to glibc's
 * allocator under its other names. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);

void *malloc(size_t size)
{
    alloc_seen();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    alloc_seen();
    return __libc_calloc(count, size);
}

void *realloc(void *p, size_t size)
{
    alloc_seen();
    return __libc_realloc(p, size);
}

void free(void *p)
{
    if (p != NULL)
        alloc_seen();
    __libc_free(p);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p;

    alloc_seen();
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
        return 22; /* EINVAL */
    p = __libc_memalign(alignment, size);
    if (p == NULL && size != 0)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size)
{
    alloc_seen();
    return __libc_memalign(alignment, size);
}

void *memalign(size_t alignment, size_t size)
{
    alloc_seen();
    return __libc_memalign(alignment, size);
}

void *valloc(size_t size)
{
    alloc_seen();
    return __libc_valloc(size);
}

static const char *alloc_method = "interposed malloc family";

static void alloc_setup(void)
{
}
#else
# define ROBUST_NO_ALLOC_COUNTING 1
#endif

/* ===========================================================================
 * Real replies, of every form the parser reads.
 */

struct reply {
    const char *text;
    size_t len;
    int command;
};

#define R(s, cmd) { s, sizeof(s) - 1, SMTPREPLY_COMMAND_##cmd }

static const struct reply replies[] = {
    R("250 2.1.5 Ok\r\n", RCPT),
    R("250-mx.example.com Hello client.example.org [192.0.2.5]\r\n250-PIPELINING\r\n"
      "250-SIZE 52428800\r\n250-8BITMIME\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n"
      "250 SMTPUTF8\r\n", EHLO),
    R("550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
      "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
      "550-5.1.1 unnecessary spaces. Learn more at\r\n"
      "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123\r\n", RCPT),
    R("451-4.7.1 Greylisted, see http://postgrey.example/help\n"
      "451 4.7.1 Please try again in 5 minutes\n", RCPT),
    R("354 End data with <CR><LF>.<CR><LF>\r\n", DATA),
    R("334 VXNlcm5hbWU6\r\n", AUTH),
    R("421 4.7.0 mx.example.com Error: too many connections from 192.0.2.18\r\n", CONNECT),
    R("554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using "
      "zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.44\r\n", RCPT),
    R("452 4.2.2 Mailbox full, retry after 300 seconds\r\n", RCPT),
    R("550 5.1.1 Adresse inconnue, r\xc3\xa9" "essayez plus tard\r\n", RCPT),
    R("Reporting-MTA: dns; mail.example.org\r\nRemote-MTA: dns; mx.example.com\r\n"
      "Final-Recipient: rfc822; u@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <u@example.com>... User unknown\r\n", NONE),
    R("Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error "
      "for name=nosuchdomain.example.com type=A: Host not found\r\n", NONE),
    R("host mx.example.com[192.0.2.1] said: 550 5.1.1 <u@example.com>: Recipient address "
      "rejected: User unknown in local recipient table (in reply to RCPT TO command)", NONE),
    R("host mx.example.net[198.51.100.7] refused to talk to me: 554 5.7.1 Service "
      "unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org", NONE),
    R("SMTP error from remote mail server after RCPT TO:<u@example.org>: host "
      "mx.example.org [192.0.2.9]: 550 5.1.1 <u@example.org>: User unknown", NONE),
    R("SMTP error from remote server for MAIL FROM command, host: mx.example.org "
      "(192.0.2.9) reason: 553 5.1.8 Sender domain does not exist", NONE),
    R("Connected to 192.0.2.3 but sender was rejected.\nRemote host said: 553 sorry, your "
      "envelope sender is in my badmailfrom list (#5.7.1)\n", NONE),
    R("Sorry, no mailbox here by that name. (#5.1.1)", NONE),
    R("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", NONE),
    R("Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not "
      "found by SMTP address lookup'", NONE),
    R("----- Transcript of session follows -----\n... while talking to mx.example.com.:\n"
      ">>> RCPT To:<u@example.com>\n<<< 550 5.1.1 <u@example.com>... User unknown\n"
      "550 5.1.1 <u@example.com>... User unknown\n", NONE),
    R("<u@example.com>... User unknown", NONE),
    R("5.1.1 user unknown", NONE),
    /* The loose forms of clients, webmail and logs, whose words stand
     * before the code: read at the very start of the bytes too. */
    R("554: delivery error: dd This user doesn't have a yahoo.com account", NONE),
    R("SMTP Error (552): Message size exceeds server limit", NONE),
    R("(552) Mailbox full", NONE),
    R("Error 552: mailbox full", NONE),
    R("(552, b'5.2.2 Mailbox full')", NONE),
    R("smtp;550 5.1.1 user unknown", NONE),
    R("host mx.example.com said:552 over quota", NONE),
    R("host mx.example.com said: 550, quota exceeded", NONE),
    R("Your mailbox holds (552 messages) in folder", NONE),
    /* The same forms inside a sentence, after a lead word, and counts. */
    R("delivery failed: error 552: mailbox full", NONE),
    R("Remote server returned error 550: 5.1.1 User unknown", NONE),
    R("The remote server returned 550: no such user", NONE),
    R("failed with code 421: try again later", NONE),
    R("Sending failed, SMTP error (552): Message size exceeds server limit", NONE),
    R("Mailbox holds '550 messages' already", NONE),
    R("Quota \"552 MB\"", NONE),
    R("HTTP error 503:", NONE),
    R("HTTP/1.1 error 503:", NONE),
    R("/1.1 error 503:", NONE),
    R("1 error 503:", NONE),
    R("error 552:", NONE),
    R("returned 550", NONE),
    R("holds '550", NONE),
    R("holds '550 messages", NONE),
};

#define REPLY_COUNT (sizeof replies / sizeof replies[0])

/* Codes as people write them, good and bad, for describe/compare/render. */
static const char *const codes[] = {
    "550", " 550 ", "5.1.1", "X.7.26", "4.7.0\r\n", "571", "599", "4.9.12", "2.1.5",
    "5.01.1", "5.999999.1", "6.1.1", "5500", "x.1.1",
    /* and names, for smtpreply_reason_from_name() and command_from_name() */
    "userunknown", "speeding", "RCPT TO", "end of data",
};

#define CODE_COUNT (sizeof codes / sizeof codes[0])

/* ===========================================================================
 * 1. Bounds: inputs against guard pages.
 */

struct guard {
    unsigned char *base;   /* three pages: PROT_NONE, read-write, PROT_NONE */
    size_t page;
};

/* What is being read when a guard page faults, written on stderr by the
 * handler; the fault then goes to the handler before (a sanitizer's, or
 * the default one that ends the test with SIGSEGV). */
static char guard_context[512];
static struct sigaction guard_old_segv, guard_old_bus;

static void guard_fault(int sig)
{
    ssize_t w = write(STDERR_FILENO, guard_context, strlen(guard_context));

    (void)w;
    sigaction(sig, sig == SIGBUS ? &guard_old_bus : &guard_old_segv, NULL);
    /* Returning retries the faulting read, which now meets the old handler. */
}

static void guard_describe(const char *what, size_t index, const char *text, size_t k,
                           size_t len, int at_end)
{
    size_t from = k > 40 ? k - 40 : 0, i, o;
    char tail[200];

    for (i = from, o = 0; i < k && o + 5 < sizeof tail; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"')
            tail[o++] = (char)c;
        else
            o += (size_t)snprintf(tail + o, sizeof tail - o, "\\x%02x", c);
    }
    tail[o] = '\0';
    snprintf(guard_context, sizeof guard_context,
             "guard page fault: %s %zu, the first %zu of %zu bytes, placed %s a guard page; "
             "they end \"%s\"\n", what, index, k, len, at_end ? "before" : "after", tail);
}

static void guard_open(struct guard *g)
{
    struct sigaction sa;

    long page = sysconf(_SC_PAGESIZE);

    ck_assert_int_gt(page, 0);
    g->page = (size_t)page;
    g->base = mmap(NULL, 3 * g->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    ck_assert_msg(g->base != MAP_FAILED, "mmap failed");
    ck_assert_int_eq(mprotect(g->base, g->page, PROT_NONE), 0);
    ck_assert_int_eq(mprotect(g->base + 2 * g->page, g->page, PROT_NONE), 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = guard_fault;
    sigemptyset(&sa.sa_mask);
    guard_context[0] = '\0';
    ck_assert_int_eq(sigaction(SIGSEGV, &sa, &guard_old_segv), 0);
    ck_assert_int_eq(sigaction(SIGBUS, &sa, &guard_old_bus), 0);
}

static void guard_close(struct guard *g)
{
    sigaction(SIGSEGV, &guard_old_segv, NULL);
    sigaction(SIGBUS, &guard_old_bus, NULL);
    munmap(g->base, 3 * g->page);
}

/* The `n` bytes placed so the last is the last byte before the guard page
 * (`at_end`), or so the first is the first byte after the leading one. */
static const char *guard_place(struct guard *g, const void *src, size_t n, int at_end)
{
    unsigned char *dst = at_end ? g->base + 2 * g->page - n : g->base + g->page;

    ck_assert_uint_le(n, g->page);
    memset(g->base + g->page, 0x7E, g->page);
    if (n > 0)
        memcpy(dst, src, n);
    return (const char *)dst;
}

/* Every entry point that takes outside bytes, on `n` bytes at `p`. The
 * reply functions must also give the answer they give for a heap copy. */
static void all_entry_points(const char *p, size_t n, int command, const char *ref_copy)
{
    struct smtpreply_reply r, ref_r;
    struct smtpreply_verdict v, ref_v;
    struct smtpreply_description d;
    struct smtpreply_comparison c;
    char page[256];
    unsigned int options;
    int rc, ref_rc;

    for (options = 0; options <= SMTPREPLY_PARSE_STRICT; options += SMTPREPLY_PARSE_STRICT) {
        memset(&r, 0, sizeof r);
        r.size = sizeof r;
        memset(&ref_r, 0, sizeof ref_r);
        ref_r.size = sizeof ref_r;
        rc = smtpreply_parse(p, n, options, &r);
        ref_rc = smtpreply_parse(ref_copy, n, options, &ref_r);
        ck_assert_int_eq(rc, ref_rc);
        ck_assert_msg(memcmp(&r, &ref_r, sizeof r) == 0, "parse depends on where the bytes are");

        memset(&v, 0, sizeof v);
        v.size = sizeof v;
        memset(&ref_v, 0, sizeof ref_v);
        ref_v.size = sizeof ref_v;
        rc = smtpreply_classify(p, n, SMTPREPLY_COMMAND_NONE, options, &v);
        ref_rc = smtpreply_classify(ref_copy, n, SMTPREPLY_COMMAND_NONE, options, &ref_v);
        ck_assert_int_eq(rc, ref_rc);
        ck_assert_msg(memcmp(&v, &ref_v, sizeof v) == 0,
                      "classify depends on where the bytes are");
        v.size = sizeof v;
        (void)smtpreply_classify(p, n, command != SMTPREPLY_COMMAND_NONE ? command
                                                                        : SMTPREPLY_COMMAND_RCPT,
                                 options, &v);
    }
    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    (void)smtpreply_describe(p, n, NULL, &d);
    d.size = sizeof d;
    (void)smtpreply_describe(p, n, "fr-CA", &d);
    memset(&c, 0, sizeof c);
    c.size = sizeof c;
    (void)smtpreply_compare(p, n, "550", 3, &c);
    c.size = sizeof c;
    (void)smtpreply_compare("4.7.1", 5, p, n, &c);
    (void)smtpreply_render_description(p, n, NULL, SMTPREPLY_FORMAT_TEXT, NULL, 0);
    (void)smtpreply_render_description(p, n, "de", SMTPREPLY_FORMAT_JSON, page, sizeof page);
    (void)smtpreply_render_comparison(p, n, "421", 3, "ar", SMTPREPLY_FORMAT_MARKDOWN, NULL, 0);
    (void)smtpreply_render_comparison("421", 3, p, n, NULL, SMTPREPLY_FORMAT_TEXT, page,
                                      sizeof page);
    ck_assert_int_eq(smtpreply_reason_from_name(p, n), smtpreply_reason_from_name(ref_copy, n));
    ck_assert_int_eq(smtpreply_command_from_name(p, n),
                     smtpreply_command_from_name(ref_copy, n));
}

static void every_prefix(const char *what, size_t index, const char *text, size_t len,
                         int command)
{
    struct guard g;
    size_t k;
    int at_end;

    guard_open(&g);
    for (k = 0; k <= len; k++) {
        char *copy = malloc(k > 0 ? k : 1);
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, text, k);
        for (at_end = 1; at_end >= 0; at_end--) {
            const char *placed = guard_place(&g, text, k, at_end);
            guard_describe(what, index, text, k, len, at_end);
            all_entry_points(placed, k, command, copy);
        }
        free(copy);
    }
    guard_close(&g);
}

START_TEST(guard_reply_prefixes)
{
    every_prefix("reply", (size_t)_i, replies[_i].text, replies[_i].len, replies[_i].command);
}
END_TEST

START_TEST(guard_code_prefixes)
{
    every_prefix("code", (size_t)_i, codes[_i], strlen(codes[_i]), SMTPREPLY_COMMAND_NONE);
}
END_TEST

/* The language tag is a C string: nothing past its NUL may be read. */
START_TEST(guard_language_tags)
{
    static const char *const tags[] = { "fr-CA", "de_DE.UTF-8", "ar", "en", "C", "POSIX",
                                        "", "x", "fr@euro", "EN-us" };
    struct guard g;
    size_t i;

    guard_open(&g);
    for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        const char *tag = guard_place(&g, tags[i], strlen(tags[i]) + 1, 1);
        struct smtpreply_description d = { .size = sizeof d };
        snprintf(guard_context, sizeof guard_context,
                 "guard page fault: language tag \"%s\", its NUL before a guard page\n", tags[i]);
        ck_assert_int_ge(smtpreply_describe("550", 3, tag, &d), 0);
        ck_assert_int_ge(smtpreply_describe_basic(599, tag, &d), 0);
        ck_assert_int_ge(smtpreply_describe_enhanced(5, 7, 26, tag, &d), 0);
        ck_assert_int_ge(smtpreply_code_at(0, tag, &d), 0);
        ck_assert_int_gt(smtpreply_render_description("5.1.1", 5, tag, SMTPREPLY_FORMAT_JSON,
                                                      NULL, 0), 0);
        ck_assert_int_gt(smtpreply_render_comparison("421", 3, "550", 3, tag,
                                                     SMTPREPLY_FORMAT_TEXT, NULL, 0), 0);
    }
    /* A tag that fills the page up to the guard. */
    {
        char *long_tag = malloc(g.page);
        const char *tag;
        struct smtpreply_description d = { .size = sizeof d };
        ck_assert_ptr_nonnull(long_tag);
        memset(long_tag, 'q', g.page - 1);
        long_tag[g.page - 1] = '\0';
        tag = guard_place(&g, long_tag, g.page, 1);
        snprintf(guard_context, sizeof guard_context,
                 "guard page fault: a %zu-byte language tag, its NUL before a guard page\n",
                 g.page - 1);
        ck_assert_int_eq(smtpreply_describe("550", 3, tag, &d), SMTPREPLY_OK);
        ck_assert(d.flags & SMTPREPLY_DESC_LANG_FALLBACK);
        free(long_tag);
    }
    guard_close(&g);
}
END_TEST

/* ===========================================================================
 * 2. The bad input matrix.
 */

enum fn {
    PARSE, PARSE_STRICT, CLASSIFY, CLASSIFY_STRICT, DESCRIBE, DESCRIBE_BASIC,
    DESCRIBE_ENHANCED, CODE_AT, CLASSIFY_CODES, COMPARE_A, COMPARE_B, RENDER_DESC, RENDER_CMP
};

enum gen {
    AS_IS = 0,
    GEN_MIB_LINE,        /* "550 5.7.1 " and 'x' to 1 MiB, no line end */
    GEN_MIB_AUTH,        /* "334 " and 'A' to 1 MiB: even AUTH lines are bounded */
    GEN_MIB_NO_CODE,     /* 1 MiB of 'x' */
    GEN_CONT_100K,       /* "550-x\r\n" x 100000 + "550 end" */
    GEN_CONT_100K_LF,    /* "450-x\n" x 100000 + "450 4.2.1 end" */
    GEN_TAG_10K_X,       /* 10 KiB language tags */
    GEN_TAG_10K_EN,
    GEN_TAG_10K_FR_REGION,
    GEN_TAG_10K_DASH
};

#define NO_LANG ((const char *)0)
/* rc of a render that must succeed: a page, equal to the English one when
 * `english` is set. */
#define RC_PAGE INT_MAX
#define MIB (1024 * 1024)
#define TAG_10K 10240

struct bad_row {
    const char *what;
    enum fn fn;
    const char *in;        /* NULL: a NULL pointer */
    size_t len;            /* 0: strlen(in) */
    enum gen gen;          /* a generated input (or language tag) instead */
    const char *lang;      /* the language argument */
    int command;           /* CLASSIFY: the command; CODE_AT: the index */
    int number[3];         /* DESCRIBE_BASIC/ENHANCED, CLASSIFY_CODES */
    unsigned int options;  /* PARSE*, CLASSIFY*: options bits besides STRICT */
    int out_null;          /* pass out == NULL */
    long size_delta;       /* out->size = sizeof + size_delta; LONG_MIN: 0 */
    size_t size_exact;     /* out->size = size_exact instead, when not 0 */
    int format;            /* RENDER_*: format */
    size_t buf_size;       /* RENDER_*: size with a NULL buffer */
    int english;           /* RENDER_*: the page must be the English one */
    int rc;                /* the exact return code */
    unsigned int set, clear; /* flags that must be set / clear */
    const char *expect;    /* other fields: "code=550 status=5.1.1 lines=1 ..." */
};

#define F(x) SMTPREPLY_FLAG_##x
#define D(x) SMTPREPLY_DESC_##x
#define E(x) SMTPREPLY_ERR_##x
#define ZERO_SIZE LONG_MIN
/* A length no object can have: strlen(s) - 1 of an empty string, and the
 * first length past PTRDIFF_MAX. */
#define LEN_WRAPPED SIZE_MAX
#define LEN_PAST_PTRDIFF ((size_t)PTRDIFF_MAX + 1)
/* The largest size field the header allows a result struct, and past it. */
#define SIZE_LIMIT ((size_t)64 * 1024)

static const struct bad_row bad_rows[] = {
    /* ---- empty input, and only white space ---- */
    { .what = "empty parse", .fn = PARSE, .in = "", .rc = E(EMPTY) },
    { .what = "empty strict parse", .fn = PARSE_STRICT, .in = "", .rc = E(EMPTY) },
    { .what = "empty classify", .fn = CLASSIFY, .in = "", .rc = E(EMPTY) },
    { .what = "empty describe", .fn = DESCRIBE, .in = "", .rc = E(EMPTY) },
    { .what = "empty compare", .fn = COMPARE_A, .in = "", .rc = E(EMPTY) },
    { .what = "empty second code", .fn = COMPARE_B, .in = "", .rc = E(EMPTY) },
    { .what = "empty render", .fn = RENDER_DESC, .in = "", .rc = E(EMPTY) },
    { .what = "empty render comparison", .fn = RENDER_CMP, .in = "", .rc = E(EMPTY) },
    { .what = "white space parse", .fn = PARSE, .in = " \t\r\n \r\n", .rc = E(EMPTY) },
    { .what = "white space strict classify", .fn = CLASSIFY_STRICT, .in = "\r\n\r\n",
      .rc = E(EMPTY) },
    { .what = "white space describe", .fn = DESCRIBE, .in = " \t\r\n", .rc = E(EMPTY) },

    /* ---- NUL bytes inside ---- */
    { .what = "NUL in the text", .fn = PARSE, .in = "550 5.1.1 user\0unknown", .len = 22,
      .rc = SMTPREPLY_OK, .set = F(NUL_BYTE), .clear = F(NO_CODE) | F(NO_STATUS),
      .expect = "code=550 status=5.1.1 lines=1" },
    { .what = "NUL in the text, strict", .fn = PARSE_STRICT, .in = "550 5.1.1 user\0unknown",
      .len = 22, .rc = E(BAD_CHARACTER) },
    { .what = "NUL in the text, classify", .fn = CLASSIFY, .in = "550 5.1.1 user\0unknown",
      .len = 22, .rc = SMTPREPLY_OK, .set = F(NUL_BYTE),
      .expect = "code=550 status=5.1.1 verdict=permanent" },
    { .what = "a lone NUL", .fn = PARSE, .in = "\0", .len = 1, .rc = SMTPREPLY_OK,
      .set = F(NUL_BYTE) | F(NO_CODE) | F(NO_STATUS), .expect = "code=0 status=none" },
    { .what = "NULs, strict", .fn = PARSE_STRICT, .in = "\0\0\0", .len = 3,
      .rc = E(BAD_CHARACTER) },
    { .what = "NUL after a code", .fn = DESCRIBE, .in = "550\0", .len = 4,
      .rc = E(MALFORMED_CODE) },
    { .what = "NUL inside a code", .fn = DESCRIBE, .in = "5.1\0.1", .len = 6,
      .rc = E(MALFORMED_CODE) },
    { .what = "NUL before a code", .fn = COMPARE_A, .in = "\0" "550", .len = 4,
      .rc = E(MALFORMED_CODE) },
    { .what = "NUL code page", .fn = RENDER_DESC, .in = "550\0", .len = 4,
      .rc = E(MALFORMED_CODE) },

    /* ---- a 1 MiB line ---- */
    { .what = "1 MiB line", .fn = PARSE, .gen = GEN_MIB_LINE, .rc = SMTPREPLY_OK,
      .set = F(LINE_TOO_LONG), .expect = "code=550 status=5.7.1 lines=1" },
    { .what = "1 MiB line, strict", .fn = PARSE_STRICT, .gen = GEN_MIB_LINE,
      .rc = E(LINE_TOO_LONG) },
    { .what = "1 MiB line, classify", .fn = CLASSIFY, .gen = GEN_MIB_LINE, .rc = SMTPREPLY_OK,
      .set = F(LINE_TOO_LONG), .expect = "code=550 verdict=permanent" },
    { .what = "1 MiB AUTH line", .fn = PARSE, .gen = GEN_MIB_AUTH, .rc = SMTPREPLY_OK,
      .set = F(LINE_TOO_LONG) | F(NO_STATUS), .expect = "code=334 lines=1" },
    { .what = "1 MiB AUTH line, strict", .fn = PARSE_STRICT, .gen = GEN_MIB_AUTH,
      .rc = E(LINE_TOO_LONG) },
    { .what = "1 MiB without a code", .fn = CLASSIFY, .gen = GEN_MIB_NO_CODE,
      .rc = SMTPREPLY_OK, .set = F(NO_CODE) | F(NO_STATUS) | F(LINE_TOO_LONG),
      .expect = "code=0 verdict=unknown" },

    /* ---- 100,000 continuation lines ---- */
    { .what = "100000 continuation lines", .fn = PARSE, .gen = GEN_CONT_100K,
      .rc = SMTPREPLY_OK, .set = F(MULTILINE) | F(NO_STATUS),
      .clear = F(CODE_MISMATCH) | F(NO_CODE) | F(BARE_LF),
      .expect = "code=550 lines=100001" },
    { .what = "100000 continuation lines, strict", .fn = PARSE_STRICT, .gen = GEN_CONT_100K,
      .rc = SMTPREPLY_OK, .set = F(MULTILINE), .expect = "code=550 lines=100001" },
    { .what = "100000 continuation lines, classify", .fn = CLASSIFY, .gen = GEN_CONT_100K,
      .rc = SMTPREPLY_OK, .set = F(MULTILINE), .expect = "code=550 verdict=permanent" },
    { .what = "100000 LF continuation lines", .fn = PARSE, .gen = GEN_CONT_100K_LF,
      .rc = SMTPREPLY_OK, .set = F(MULTILINE) | F(BARE_LF),
      .expect = "code=450 lines=100001" },
    { .what = "100000 LF continuation lines, strict", .fn = PARSE_STRICT,
      .gen = GEN_CONT_100K_LF, .rc = E(BAD_LINE_END) },
    { .what = "100000 LF continuation lines, classify", .fn = CLASSIFY,
      .gen = GEN_CONT_100K_LF, .command = SMTPREPLY_COMMAND_RCPT, .rc = SMTPREPLY_OK,
      .expect = "code=450 verdict=transient" },

    /* ---- invalid UTF-8 ---- */
    { .what = "Latin-1 byte", .fn = PARSE, .in = "550 caf\xe9", .rc = SMTPREPLY_OK,
      .set = F(INVALID_UTF8), .expect = "code=550" },
    { .what = "Latin-1 byte, strict", .fn = PARSE_STRICT, .in = "550 caf\xe9",
      .rc = E(BAD_CHARACTER) },
    { .what = "overlong", .fn = PARSE, .in = "550 \xc0\xaf", .rc = SMTPREPLY_OK,
      .set = F(INVALID_UTF8) },
    { .what = "surrogate", .fn = PARSE, .in = "550 \xed\xa0\x80 x", .rc = SMTPREPLY_OK,
      .set = F(INVALID_UTF8) },
    { .what = "above U+10FFFF", .fn = PARSE, .in = "550 \xf4\x90\x80\x80", .rc = SMTPREPLY_OK,
      .set = F(INVALID_UTF8) },
    { .what = "cut sequence", .fn = CLASSIFY, .in = "550 cut \xe2\x82", .rc = SMTPREPLY_OK,
      .set = F(INVALID_UTF8), .expect = "verdict=permanent" },
    { .what = "valid UTF-8, strict", .fn = PARSE_STRICT, .in = "550 caf\xc3\xa9",
      .rc = SMTPREPLY_OK, .clear = F(INVALID_UTF8), .expect = "code=550" },
    { .what = "UTF-8 in a code", .fn = DESCRIBE, .in = "5\xc3\xa9" "0", .rc = E(MALFORMED_CODE) },

    /* ---- malformed codes ---- */
    { .what = "5500", .fn = PARSE, .in = "5500", .rc = SMTPREPLY_OK, .set = F(NO_CODE),
      .expect = "code=0 lines=1" },
    { .what = "5500 strict", .fn = PARSE_STRICT, .in = "5500", .rc = E(NO_CODE) },
    { .what = "5500 describe", .fn = DESCRIBE, .in = "5500", .rc = E(MALFORMED_CODE) },
    { .what = "5500 compare", .fn = COMPARE_A, .in = "5500", .rc = E(MALFORMED_CODE) },
    { .what = "55", .fn = PARSE, .in = "55", .rc = SMTPREPLY_OK, .set = F(NO_CODE),
      .expect = "code=0" },
    { .what = "55 strict", .fn = PARSE_STRICT, .in = "55", .rc = E(NO_CODE) },
    { .what = "55 describe", .fn = DESCRIBE, .in = "55", .rc = E(MALFORMED_CODE) },
    { .what = "-550", .fn = PARSE, .in = "-550", .rc = SMTPREPLY_OK, .set = F(NO_CODE),
      .expect = "code=0" },
    { .what = "-550 strict", .fn = PARSE_STRICT, .in = "-550", .rc = E(NO_CODE) },
    { .what = "-550 describe", .fn = DESCRIBE, .in = "-550", .rc = E(MALFORMED_CODE) },
    { .what = "5 50", .fn = PARSE, .in = "5 50", .rc = SMTPREPLY_OK, .set = F(NO_CODE),
      .expect = "code=0" },
    { .what = "5 50 strict", .fn = PARSE_STRICT, .in = "5 50", .rc = E(NO_CODE) },
    { .what = "5 50 describe", .fn = DESCRIBE, .in = "5 50", .rc = E(MALFORMED_CODE) },
    { .what = "550- alone", .fn = PARSE, .in = "550-", .rc = SMTPREPLY_OK,
      .set = F(MULTILINE), .expect = "code=550 lines=1" },
    { .what = "550- alone, strict", .fn = PARSE_STRICT, .in = "550-",
      .rc = E(BAD_CONTINUATION) },
    { .what = "550- describe", .fn = DESCRIBE, .in = "550-", .rc = E(MALFORMED_CODE) },
    { .what = "5.999999.1 describe", .fn = DESCRIBE, .in = "5.999999.1",
      .rc = E(MALFORMED_CODE) },
    { .what = "5.999999.1 in a reply", .fn = PARSE, .in = "550 5.999999.1 x",
      .rc = SMTPREPLY_OK, .set = F(NO_STATUS), .expect = "code=550 status=none" },
    { .what = "5.999999.1 in a reply, strict", .fn = PARSE_STRICT, .in = "550 5.999999.1 x",
      .rc = E(BAD_STATUS) },
    { .what = "6.1.1 describe", .fn = DESCRIBE, .in = "6.1.1", .rc = E(MALFORMED_CODE) },
    { .what = "6.1.1 compare", .fn = COMPARE_B, .in = "6.1.1", .rc = E(MALFORMED_CODE) },
    { .what = "6.1.1 in a reply", .fn = PARSE, .in = "6.1.1 x", .rc = SMTPREPLY_OK,
      .set = F(NO_CODE) | F(NO_STATUS), .expect = "code=0 status=none" },
    { .what = "6.1.1 in a reply, strict", .fn = PARSE_STRICT, .in = "6.1.1 x",
      .rc = E(NO_CODE) },
    { .what = "5.01.1 describe", .fn = DESCRIBE, .in = "5.01.1", .rc = E(MALFORMED_CODE) },
    { .what = "5.01.1 render", .fn = RENDER_DESC, .in = "5.01.1", .rc = E(MALFORMED_CODE) },
    { .what = "5.01.1 in a reply", .fn = PARSE, .in = "550 5.01.1 x", .rc = SMTPREPLY_OK,
      .set = F(STATUS_REPAIRED), .expect = "code=550 status=5.1.1" },
    { .what = "5.01.1 in a reply, strict", .fn = PARSE_STRICT, .in = "550 5.01.1 x",
      .rc = E(BAD_STATUS) },
    { .what = "650 describe", .fn = DESCRIBE, .in = "650", .rc = E(MALFORMED_CODE) },
    { .what = "X. form refused by compare", .fn = COMPARE_A, .in = "X.1.1",
      .rc = E(MALFORMED_CODE) },
    { .what = "X. form refused by render comparison", .fn = RENDER_CMP, .in = "X.1.1",
      .rc = E(MALFORMED_CODE) },
    { .what = "X. form described", .fn = DESCRIBE, .in = "X.1.1", .rc = SMTPREPLY_OK,
      .expect = "kind=enhanced status=0.1.1 class=0 lang=en" },
    { .what = "599 not in the table", .fn = DESCRIBE, .in = "599", .rc = SMTPREPLY_GENERIC,
      .set = D(GENERIC), .expect = "kind=basic code=599 class=5" },
    { .what = "4.9.12 not in the table", .fn = DESCRIBE, .in = "4.9.12",
      .rc = SMTPREPLY_GENERIC, .set = D(GENERIC), .expect = "status=4.9.12" },
    { .what = "describe_basic 600", .fn = DESCRIBE_BASIC, .number = { 600 },
      .rc = E(MALFORMED_CODE) },
    { .what = "describe_basic 199", .fn = DESCRIBE_BASIC, .number = { 199 },
      .rc = E(MALFORMED_CODE) },
    { .what = "describe_basic INT_MIN", .fn = DESCRIBE_BASIC, .number = { INT_MIN },
      .rc = E(MALFORMED_CODE) },
    { .what = "describe_basic 571", .fn = DESCRIBE_BASIC, .number = { 571 },
      .rc = SMTPREPLY_GENERIC, .set = D(OUT_OF_GRAMMAR) | D(GENERIC), .expect = "code=571" },
    { .what = "describe_enhanced 5.1000.1", .fn = DESCRIBE_ENHANCED, .number = { 5, 1000, 1 },
      .rc = E(MALFORMED_CODE) },
    { .what = "describe_enhanced 6.1.1", .fn = DESCRIBE_ENHANCED, .number = { 6, 1, 1 },
      .rc = E(MALFORMED_CODE) },
    { .what = "describe_enhanced 5.-1.1", .fn = DESCRIBE_ENHANCED, .number = { 5, -1, 1 },
      .rc = E(MALFORMED_CODE) },
    { .what = "code_at past the end", .fn = CODE_AT, .command = INT_MAX,
      .rc = E(RANGE) },
    { .what = "classify_codes 600", .fn = CLASSIFY_CODES, .number = { 600, 0, 0 },
      .rc = E(MALFORMED_CODE) },
    { .what = "classify_codes nothing", .fn = CLASSIFY_CODES, .number = { 0, 0, 0 },
      .rc = E(EMPTY) },

    /* ---- 10 KiB language tags ---- */
    { .what = "10 KiB tag of x", .fn = DESCRIBE, .in = "550", .gen = GEN_TAG_10K_X,
      .rc = SMTPREPLY_OK, .set = D(LANG_FALLBACK), .expect = "code=550 lang=en" },
    { .what = "10 KiB tag starting en", .fn = DESCRIBE, .in = "5.1.1", .gen = GEN_TAG_10K_EN,
      .rc = SMTPREPLY_OK, .set = D(LANG_FALLBACK), .expect = "lang=en" },
    { .what = "10 KiB tag of dashes", .fn = DESCRIBE, .in = "421", .gen = GEN_TAG_10K_DASH,
      .rc = SMTPREPLY_OK, .set = D(LANG_FALLBACK), .expect = "lang=en" },
    { .what = "fr with a 10 KiB region", .fn = DESCRIBE, .in = "550",
      .gen = GEN_TAG_10K_FR_REGION, .rc = SMTPREPLY_OK, .clear = D(LANG_FALLBACK),
      .expect = "lang=fr" },
    { .what = "10 KiB tag, describe_basic", .fn = DESCRIBE_BASIC, .number = { 421 },
      .gen = GEN_TAG_10K_X, .rc = SMTPREPLY_OK, .set = D(LANG_FALLBACK), .expect = "lang=en" },
    { .what = "10 KiB tag, page", .fn = RENDER_DESC, .in = "550", .gen = GEN_TAG_10K_X,
      .format = SMTPREPLY_FORMAT_MARKDOWN, .english = 1, .rc = RC_PAGE },
    { .what = "10 KiB tag, comparison page", .fn = RENDER_CMP, .in = "421",
      .gen = GEN_TAG_10K_EN, .format = SMTPREPLY_FORMAT_JSON, .english = 1, .rc = RC_PAGE },

    /* ---- NULL pointers the API allows ---- */
    { .what = "parse NULL, 0", .fn = PARSE, .in = NULL, .len = 0, .rc = E(EMPTY) },
    { .what = "strict parse NULL, 0", .fn = PARSE_STRICT, .in = NULL, .len = 0,
      .rc = E(EMPTY) },
    { .what = "classify NULL, 0", .fn = CLASSIFY, .in = NULL, .len = 0, .rc = E(EMPTY) },
    { .what = "describe, lang NULL", .fn = DESCRIBE, .in = "550", .lang = NO_LANG,
      .rc = SMTPREPLY_OK, .clear = D(LANG_FALLBACK), .expect = "lang=en code=550" },
    { .what = "page, lang NULL", .fn = RENDER_DESC, .in = "5.7.26", .lang = NO_LANG,
      .english = 1, .rc = RC_PAGE },
    { .what = "page, buf NULL size 0", .fn = RENDER_CMP, .in = "550", .buf_size = 0,
      .rc = RC_PAGE },

    /* ---- NULL pointers the API forbids ---- */
    { .what = "parse NULL, 5", .fn = PARSE, .in = NULL, .len = 5, .rc = E(NULL_ARGUMENT) },
    { .what = "parse out NULL", .fn = PARSE, .in = "250 OK", .out_null = 1,
      .rc = E(NULL_ARGUMENT) },
    { .what = "classify NULL, 3", .fn = CLASSIFY, .in = NULL, .len = 3,
      .rc = E(NULL_ARGUMENT) },
    { .what = "classify out NULL", .fn = CLASSIFY, .in = "250 OK", .out_null = 1,
      .rc = E(NULL_ARGUMENT) },
    { .what = "describe NULL, 0", .fn = DESCRIBE, .in = NULL, .len = 0,
      .rc = E(NULL_ARGUMENT) },
    { .what = "describe NULL, 3", .fn = DESCRIBE, .in = NULL, .len = 3,
      .rc = E(NULL_ARGUMENT) },
    { .what = "describe out NULL", .fn = DESCRIBE, .in = "550", .out_null = 1,
      .rc = E(NULL_ARGUMENT) },
    { .what = "describe_basic out NULL", .fn = DESCRIBE_BASIC, .number = { 550 },
      .out_null = 1, .rc = E(NULL_ARGUMENT) },
    { .what = "describe_enhanced out NULL", .fn = DESCRIBE_ENHANCED, .number = { 5, 1, 1 },
      .out_null = 1, .rc = E(NULL_ARGUMENT) },
    { .what = "code_at out NULL", .fn = CODE_AT, .out_null = 1, .rc = E(NULL_ARGUMENT) },
    { .what = "classify_codes out NULL", .fn = CLASSIFY_CODES, .number = { 550, 5, 1 },
      .out_null = 1, .rc = E(NULL_ARGUMENT) },
    { .what = "compare NULL first", .fn = COMPARE_A, .in = NULL, .len = 3,
      .rc = E(NULL_ARGUMENT) },
    { .what = "compare NULL second", .fn = COMPARE_B, .in = NULL, .len = 0,
      .rc = E(NULL_ARGUMENT) },
    { .what = "compare out NULL", .fn = COMPARE_A, .in = "421", .out_null = 1,
      .rc = E(NULL_ARGUMENT) },
    { .what = "page of NULL", .fn = RENDER_DESC, .in = NULL, .len = 3,
      .rc = E(NULL_ARGUMENT) },
    { .what = "comparison page of NULL", .fn = RENDER_CMP, .in = NULL, .len = 3,
      .rc = E(NULL_ARGUMENT) },
    { .what = "page into NULL of size 64", .fn = RENDER_DESC, .in = "550", .buf_size = 64,
      .rc = E(NULL_ARGUMENT) },
    { .what = "comparison page into NULL of size 1", .fn = RENDER_CMP, .in = "550",
      .buf_size = 1, .rc = E(NULL_ARGUMENT) },

    /* ---- other arguments out of range ---- */
    { .what = "classify command -1", .fn = CLASSIFY, .in = "550 x",
      .command = -1, .rc = E(RANGE) },
    { .what = "classify command past the enum", .fn = CLASSIFY, .in = "550 x",
      .command = SMTPREPLY_COMMAND_ETRN + 1, .rc = E(RANGE) },
    { .what = "page format 3", .fn = RENDER_DESC, .in = "550", .format = 3, .rc = E(RANGE) },
    { .what = "comparison page format -1", .fn = RENDER_CMP, .in = "550", .format = -1,
      .rc = E(RANGE) },

    /* ---- struct size fields smaller than the library's ---- */
    { .what = "reply size - 1", .fn = PARSE, .in = "250 OK", .size_delta = -1,
      .rc = E(STRUCT_SIZE) },
    { .what = "reply size 0", .fn = PARSE_STRICT, .in = "250 OK", .size_delta = ZERO_SIZE,
      .rc = E(STRUCT_SIZE) },
    { .what = "verdict size - 1", .fn = CLASSIFY, .in = "250 OK", .size_delta = -1,
      .rc = E(STRUCT_SIZE) },
    { .what = "verdict size 0", .fn = CLASSIFY_CODES, .number = { 550, 5, 1 },
      .size_delta = ZERO_SIZE, .rc = E(STRUCT_SIZE) },
    { .what = "verdict size - 8", .fn = CLASSIFY_CODES, .number = { 550, 5, 1 },
      .size_delta = -8, .rc = E(STRUCT_SIZE) },
    { .what = "description size - 1", .fn = DESCRIBE, .in = "550", .size_delta = -1,
      .rc = E(STRUCT_SIZE) },
    { .what = "description size 0", .fn = DESCRIBE_BASIC, .number = { 550 },
      .size_delta = ZERO_SIZE, .rc = E(STRUCT_SIZE) },
    { .what = "description size - 8", .fn = DESCRIBE_ENHANCED, .number = { 5, 1, 1 },
      .size_delta = -8, .rc = E(STRUCT_SIZE) },
    { .what = "description size - 1, code_at", .fn = CODE_AT, .size_delta = -1,
      .rc = E(STRUCT_SIZE) },
    { .what = "comparison size - 1", .fn = COMPARE_A, .in = "421", .size_delta = -1,
      .rc = E(STRUCT_SIZE) },
    { .what = "comparison size 0", .fn = COMPARE_B, .in = "421", .size_delta = ZERO_SIZE,
      .rc = E(STRUCT_SIZE) },

    /* ---- struct size fields larger than the library's ---- */
    { .what = "reply size + 32", .fn = PARSE,
      .in = "550-5.1.1 a\r\n550 5.1.1 b\r\n", .size_delta = 32, .rc = SMTPREPLY_OK,
      .set = F(MULTILINE), .expect = "code=550 status=5.1.1 lines=2" },
    { .what = "verdict size + 32", .fn = CLASSIFY,
      .in = "450 4.2.2 Mailbox full", .size_delta = 32, .command = SMTPREPLY_COMMAND_RCPT,
      .rc = SMTPREPLY_OK, .expect = "code=450 status=4.2.2 verdict=transient" },
    { .what = "verdict size + 32, classify_codes", .fn = CLASSIFY_CODES,
      .number = { 550, 5, 1 }, .size_delta = 32, .rc = SMTPREPLY_OK,
      .expect = "code=550 verdict=permanent" },
    { .what = "description size + 32", .fn = DESCRIBE, .in = "5.7.26", .lang = "de",
      .size_delta = 32, .rc = SMTPREPLY_OK, .expect = "status=5.7.26 lang=de" },
    { .what = "description size + 32, describe_basic", .fn = DESCRIBE_BASIC,
      .number = { 421 }, .size_delta = 32, .rc = SMTPREPLY_OK, .expect = "code=421" },
    { .what = "description size + 32, code_at", .fn = CODE_AT, .size_delta = 32,
      .rc = SMTPREPLY_OK },
    { .what = "comparison size + 32", .fn = COMPARE_A, .in = "421", .size_delta = 32,
      .rc = SMTPREPLY_OK, .expect = "relation=different_class" },

    /* ---- lengths no object can have: refused before a byte is read ---- */
    { .what = "wrapped length, parse", .fn = PARSE, .in = "550 5.1.1 x", .len = LEN_WRAPPED,
      .rc = E(RANGE) },
    { .what = "length past PTRDIFF_MAX, strict parse", .fn = PARSE_STRICT, .in = "550 x",
      .len = LEN_PAST_PTRDIFF, .rc = E(RANGE) },
    { .what = "wrapped length, classify", .fn = CLASSIFY, .in = "550 5.1.1 x",
      .len = LEN_WRAPPED, .rc = E(RANGE) },
    { .what = "length past PTRDIFF_MAX, classify", .fn = CLASSIFY_STRICT, .in = "550 x",
      .len = LEN_PAST_PTRDIFF, .rc = E(RANGE) },
    { .what = "wrapped length, describe", .fn = DESCRIBE, .in = "550", .len = LEN_WRAPPED,
      .rc = E(RANGE) },
    { .what = "length past PTRDIFF_MAX, describe", .fn = DESCRIBE, .in = "5.1.1",
      .len = LEN_PAST_PTRDIFF, .rc = E(RANGE) },
    { .what = "wrapped length, compare", .fn = COMPARE_A, .in = "421", .len = LEN_WRAPPED,
      .rc = E(RANGE) },
    { .what = "length past PTRDIFF_MAX, second code", .fn = COMPARE_B, .in = "421",
      .len = LEN_PAST_PTRDIFF, .rc = E(RANGE) },
    { .what = "wrapped length, render", .fn = RENDER_DESC, .in = "550", .len = LEN_WRAPPED,
      .rc = E(RANGE) },
    { .what = "length past PTRDIFF_MAX, render comparison", .fn = RENDER_CMP, .in = "421",
      .len = LEN_PAST_PTRDIFF, .rc = E(RANGE) },

    /* ---- options bits the library does not know ---- */
    { .what = "unknown options bit, parse", .fn = PARSE, .in = "550 5.1.1 x",
      .options = 0x0002u, .rc = E(RANGE) },
    { .what = "unknown options bit, strict parse", .fn = PARSE_STRICT, .in = "550 5.1.1 x",
      .options = 0x80000000u, .rc = E(RANGE) },
    { .what = "unknown options bit, classify", .fn = CLASSIFY, .in = "550 5.1.1 x",
      .options = 0x0800u, .rc = E(RANGE) },
    { .what = "context bits, parse", .fn = PARSE, .in = "550 5.1.1 x",
      .options = SMTPREPLY_CONTEXT_FAILED | SMTPREPLY_CONTEXT_EXPIRED, .rc = SMTPREPLY_OK,
      .expect = "code=550 status=5.1.1" },
    { .what = "context bit, classify", .fn = CLASSIFY, .in = "450 4.2.0 x",
      .options = SMTPREPLY_CONTEXT_DEFERRED, .rc = SMTPREPLY_OK,
      .expect = "code=450 verdict=transient" },

    /* ---- size fields no layout can have (an uninitialised struct) ---- */
    { .what = "reply size at the limit", .fn = PARSE, .in = "550 5.1.1 x",
      .size_exact = SIZE_LIMIT, .rc = SMTPREPLY_OK, .expect = "code=550" },
    { .what = "reply size past the limit", .fn = PARSE, .in = "550 5.1.1 x",
      .size_exact = SIZE_LIMIT + 1, .rc = E(STRUCT_SIZE) },
    { .what = "verdict size at the limit", .fn = CLASSIFY, .in = "550 5.1.1 x",
      .size_exact = SIZE_LIMIT, .rc = SMTPREPLY_OK, .expect = "code=550" },
    { .what = "verdict size past the limit", .fn = CLASSIFY, .in = "550 5.1.1 x",
      .size_exact = SIZE_LIMIT + 1, .rc = E(STRUCT_SIZE) },
    { .what = "verdict size SIZE_MAX, classify_codes", .fn = CLASSIFY_CODES,
      .number = { 550, 5, 1 }, .size_exact = SIZE_MAX, .rc = E(STRUCT_SIZE) },
    { .what = "description size at the limit", .fn = DESCRIBE, .in = "550",
      .size_exact = SIZE_LIMIT, .rc = SMTPREPLY_OK, .expect = "code=550" },
    { .what = "description size past the limit", .fn = DESCRIBE, .in = "550",
      .size_exact = SIZE_LIMIT + 1, .rc = E(STRUCT_SIZE) },
    { .what = "description size of stack garbage, describe_basic", .fn = DESCRIBE_BASIC,
      .number = { 421 }, .size_exact = (size_t)0xA5A5A5A5A5A5A5A5u, .rc = E(STRUCT_SIZE) },
    { .what = "description size SIZE_MAX, describe_enhanced", .fn = DESCRIBE_ENHANCED,
      .number = { 5, 1, 1 }, .size_exact = SIZE_MAX, .rc = E(STRUCT_SIZE) },
    { .what = "description size SIZE_MAX, code_at", .fn = CODE_AT, .size_exact = SIZE_MAX,
      .rc = E(STRUCT_SIZE) },
    { .what = "comparison size at the limit", .fn = COMPARE_A, .in = "421",
      .size_exact = SIZE_LIMIT, .rc = SMTPREPLY_OK, .expect = "relation=different_class" },
    { .what = "comparison size past the limit", .fn = COMPARE_B, .in = "421",
      .size_exact = SIZE_LIMIT + 1, .rc = E(STRUCT_SIZE) },
};

#define BAD_ROW_COUNT (sizeof bad_rows / sizeof bad_rows[0])

/* A generated input or tag, malloc'd; sets *len. */
static char *generate(enum gen gen, size_t *len)
{
    char *p = NULL;
    size_t n = 0, i;

    switch (gen) {
    case GEN_MIB_LINE:
    case GEN_MIB_AUTH:
    case GEN_MIB_NO_CODE: {
        const char *head = gen == GEN_MIB_LINE ? "550 5.7.1 " : gen == GEN_MIB_AUTH ? "334 " : "";
        n = MIB;
        p = malloc(n);
        ck_assert_ptr_nonnull(p);
        memset(p, gen == GEN_MIB_AUTH ? 'A' : 'x', n);
        memcpy(p, head, strlen(head));
        break;
    }
    case GEN_CONT_100K:
    case GEN_CONT_100K_LF: {
        const char *line = gen == GEN_CONT_100K ? "550-x\r\n" : "450-x\n";
        const char *last = gen == GEN_CONT_100K ? "550 end" : "450 4.2.1 end";
        size_t ll = strlen(line);
        n = 100000 * ll + strlen(last);
        p = malloc(n);
        ck_assert_ptr_nonnull(p);
        for (i = 0; i < 100000; i++)
            memcpy(p + i * ll, line, ll);
        memcpy(p + 100000 * ll, last, strlen(last));
        break;
    }
    case GEN_TAG_10K_X:
    case GEN_TAG_10K_EN:
    case GEN_TAG_10K_FR_REGION:
    case GEN_TAG_10K_DASH:
        n = TAG_10K;
        p = malloc(n + 1);
        ck_assert_ptr_nonnull(p);
        memset(p, gen == GEN_TAG_10K_DASH ? '-' : gen == GEN_TAG_10K_FR_REGION ? 'A' : 'x', n);
        if (gen == GEN_TAG_10K_EN)
            memcpy(p, "en", 2);
        if (gen == GEN_TAG_10K_FR_REGION)
            memcpy(p, "fr-", 3);
        p[n] = '\0';
        break;
    case AS_IS:
        break;
    }
    *len = n;
    return p;
}

static int is_tag_gen(enum gen gen)
{
    return gen >= GEN_TAG_10K_X;
}

/* The value of `key=` in the row's expectations, or NULL. */
static const char *expect_value(const char *expect, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key);
    const char *p = expect;

    while (p != NULL && *p != '\0') {
        while (*p == ' ')
            p++;
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t n = strcspn(p + klen + 1, " ");
            ck_assert_uint_lt(n, size);
            memcpy(out, p + klen + 1, n);
            out[n] = '\0';
            return out;
        }
        p += strcspn(p, " ");
    }
    return NULL;
}

static void expect_int(const struct bad_row *row, const char *key, int got)
{
    char want[32];

    if (expect_value(row->expect, key, want, sizeof want) != NULL)
        ck_assert_msg(got == atoi(want), "%s: %s %d, want %s", row->what, key, got, want);
}

static void expect_str(const struct bad_row *row, const char *key, const char *got)
{
    char want[32];

    if (expect_value(row->expect, key, want, sizeof want) != NULL)
        ck_assert_msg(got != NULL && strcmp(got, want) == 0, "%s: %s \"%s\", want \"%s\"",
                      row->what, key, got != NULL ? got : "(null)", want);
}

static void expect_status(const struct bad_row *row, int cls, int subject, int detail,
                          int enhanced_kind)
{
    char want[32], got[48];

    if (expect_value(row->expect, "status", want, sizeof want) == NULL)
        return;
    if (cls == 0 && subject == 0 && detail == 0 && !enhanced_kind)
        snprintf(got, sizeof got, "none");
    else
        snprintf(got, sizeof got, "%d.%d.%d", cls, subject, detail);
    ck_assert_msg(strcmp(got, want) == 0, "%s: status %s, want %s", row->what, got, want);
}

static void expect_flags(const struct bad_row *row, unsigned int flags)
{
    ck_assert_msg((flags & row->set) == row->set, "%s: flags %#x lack %#x", row->what, flags,
                  row->set & ~flags);
    ck_assert_msg((flags & row->clear) == 0, "%s: flags %#x have %#x", row->what, flags,
                  flags & row->clear);
}

static size_t struct_size(enum fn fn)
{
    switch (fn) {
    case PARSE:
    case PARSE_STRICT:
        return sizeof(struct smtpreply_reply);
    case CLASSIFY:
    case CLASSIFY_STRICT:
    case CLASSIFY_CODES:
        return sizeof(struct smtpreply_verdict);
    case COMPARE_A:
    case COMPARE_B:
        return sizeof(struct smtpreply_comparison);
    case RENDER_DESC:
    case RENDER_CMP:
        return 0;
    default:
        return sizeof(struct smtpreply_description);
    }
}

/* Calls the row's function on `in`/`len` with `lang` into `out`. */
static int call_row(const struct bad_row *row, const char *in, size_t len, const char *lang,
                    void *out)
{
    static const char other[] = "550";

    switch (row->fn) {
    case PARSE:
        return smtpreply_parse(in, len, row->options, out);
    case PARSE_STRICT:
        return smtpreply_parse(in, len, SMTPREPLY_PARSE_STRICT | row->options, out);
    case CLASSIFY:
        return smtpreply_classify(in, len, row->command, row->options, out);
    case CLASSIFY_STRICT:
        return smtpreply_classify(in, len, row->command, SMTPREPLY_PARSE_STRICT | row->options,
                                  out);
    case DESCRIBE:
        return smtpreply_describe(in, len, lang, out);
    case DESCRIBE_BASIC:
        return smtpreply_describe_basic(row->number[0], lang, out);
    case DESCRIBE_ENHANCED:
        return smtpreply_describe_enhanced(row->number[0], row->number[1], row->number[2],
                                           lang, out);
    case CODE_AT:
        return smtpreply_code_at(row->command == INT_MAX ? smtpreply_code_count()
                                                          : (size_t)row->command,
                                 lang, out);
    case CLASSIFY_CODES:
        return smtpreply_classify_codes(row->number[0], row->number[1], row->number[2], 0, out);
    case COMPARE_A:
        return smtpreply_compare(in, len, other, 3, out);
    case COMPARE_B:
        return smtpreply_compare(other, 3, in, len, out);
    case RENDER_DESC:
    case RENDER_CMP:
        break;
    }
    return INT_MIN;
}

static int render_row(const struct bad_row *row, const char *in, size_t len, const char *lang,
                      char *buf, size_t size)
{
    if (row->fn == RENDER_DESC)
        return smtpreply_render_description(in, len, lang, row->format, buf, size);
    return smtpreply_render_comparison(in, len, "550", 3, lang, row->format, buf, size);
}

static void check_render_row(const struct bad_row *row, const char *in, size_t len,
                             const char *lang)
{
    int rc = render_row(row, in, len, lang, NULL, row->buf_size);
    char *page, *english;
    int english_len;

    if (row->rc != RC_PAGE) {
        ck_assert_msg(rc == row->rc, "%s: rc %d, want %d", row->what, rc, row->rc);
        return;
    }
    ck_assert_msg(rc > 0, "%s: rc %d, want a page", row->what, rc);
    page = malloc((size_t)rc + 1);
    ck_assert_ptr_nonnull(page);
    ck_assert_int_eq(render_row(row, in, len, lang, page, (size_t)rc + 1), rc);
    ck_assert_uint_eq(strlen(page), (size_t)rc);
    if (row->english) {
        english_len = render_row(row, in, len, "en", NULL, 0);
        ck_assert_int_eq(english_len, rc);
        english = malloc((size_t)rc + 1);
        ck_assert_ptr_nonnull(english);
        ck_assert_int_eq(render_row(row, in, len, "en", english, (size_t)rc + 1), rc);
        ck_assert_msg(strcmp(page, english) == 0, "%s: not the English page", row->what);
        free(english);
    }
    free(page);
}

static void check_fields(const struct bad_row *row, const void *out)
{
    switch (row->fn) {
    case PARSE:
    case PARSE_STRICT: {
        const struct smtpreply_reply *r = out;
        expect_flags(row, r->flags);
        expect_int(row, "code", r->basic_code);
        expect_int(row, "lines", r->line_count);
        expect_status(row, r->status_class, r->status_subject, r->status_detail, 0);
        break;
    }
    case CLASSIFY:
    case CLASSIFY_STRICT:
    case CLASSIFY_CODES: {
        const struct smtpreply_verdict *v = out;
        expect_flags(row, v->flags);
        expect_int(row, "code", v->basic_code);
        expect_status(row, v->status_class, v->status_subject, v->status_detail, 0);
        expect_str(row, "verdict", smtpreply_verdict_name(v->verdict));
        ck_assert_ptr_nonnull(v->rule);
        break;
    }
    case COMPARE_A:
    case COMPARE_B: {
        const struct smtpreply_comparison *c = out;
        static const char *const relations[] = { "same_code", "same_class", "different_class" };
        expect_flags(row, c->flags);
        ck_assert_int_ge(c->relation, 0);
        ck_assert_int_le(c->relation, 2);
        expect_str(row, "relation", relations[c->relation]);
        break;
    }
    case RENDER_DESC:
    case RENDER_CMP:
        break;
    default: {
        const struct smtpreply_description *d = out;
        expect_flags(row, d->flags);
        expect_int(row, "code", d->code);
        expect_int(row, "class", d->reply_class);
        expect_str(row, "kind", d->kind == SMTPREPLY_KIND_BASIC ? "basic"
                                : d->kind == SMTPREPLY_KIND_ENHANCED ? "enhanced" : "?");
        expect_status(row, d->status_class, d->status_subject, d->status_detail,
                      d->kind == SMTPREPLY_KIND_ENHANCED);
        expect_str(row, "lang", d->lang);
        break;
    }
    }
}

/* Whether the header says an error leaves *out unchanged for this call. */
static int unchanged_on_error(enum fn fn)
{
    return fn == PARSE || fn == PARSE_STRICT || fn == DESCRIBE || fn == DESCRIBE_BASIC ||
           fn == DESCRIBE_ENHANCED;
}

START_TEST(bad_input_matrix)
{
    const struct bad_row *row = &bad_rows[_i];
    const char *in = row->in, *lang = row->lang;
    char *generated = NULL;
    size_t len = row->len, full = struct_size(row->fn);
    enum { SLACK = 64 };
    unsigned char *out = NULL, *before = NULL;
    size_t size = 0, room = 0, i;
    int rc;

    if (in != NULL && len == 0)
        len = strlen(in);
    if (row->gen != AS_IS) {
        size_t glen;
        generated = generate(row->gen, &glen);
        if (is_tag_gen(row->gen)) {
            lang = generated;
        } else {
            in = generated;
            len = glen;
        }
    }
    if (row->fn == RENDER_DESC || row->fn == RENDER_CMP) {
        check_render_row(row, in, len, lang);
        free(generated);
        return;
    }

    /* The result struct in a buffer with room past it, all 0xA5: room for
     * the size the caller claims when the header allows that size. */
    if (!row->out_null) {
        if (row->size_exact != 0)
            size = row->size_exact;
        else if (row->size_delta == ZERO_SIZE)
            size = 0;
        else
            size = (size_t)((long)full + row->size_delta);
        room = size > full && size <= SIZE_LIMIT ? size : full;
        out = malloc(room + SLACK);
        before = malloc(room + SLACK);
        ck_assert_ptr_nonnull(out);
        ck_assert_ptr_nonnull(before);
        memset(out, 0xA5, room + SLACK);
        memcpy(out, &size, sizeof size);
        memcpy(before, out, room + SLACK);
    }
    rc = call_row(row, in, len, lang, out);
    ck_assert_msg(rc == row->rc, "%s: rc %d (%s), want %d (%s)", row->what, rc,
                  smtpreply_strerror(rc), row->rc, smtpreply_strerror(row->rc));
    if (out == NULL) {
        free(generated);
        return;
    }
    /* Nothing is written past the size the caller gave, ever. */
    for (i = size > full ? size : full; i < room + SLACK; i++)
        ck_assert_msg(out[i] == 0xA5, "%s: byte %zu written past the caller's size %zu",
                      row->what, i, size);
    ck_assert_msg(memcmp(out, before, sizeof(size_t)) == 0, "%s: size field changed", row->what);
    if (rc < 0) {
        /* A refused size or length, or anything refused by a function
         * that promises so, leaves *out as it was. */
        if (unchanged_on_error(row->fn) || rc == SMTPREPLY_ERR_STRUCT_SIZE ||
            rc == SMTPREPLY_ERR_RANGE)
            ck_assert_msg(memcmp(out, before, room + SLACK) == 0, "%s: error changed *out",
                          row->what);
    } else {
        /* The library fills what it knows and zeroes the tail it does not. */
        for (i = full; i < size; i++)
            ck_assert_msg(out[i] == 0, "%s: tail byte %zu not zeroed", row->what, i);
        if (size > full) {
            /* The same call with the exact size gives the same fields. */
            unsigned char *exact = malloc(full);
            ck_assert_ptr_nonnull(exact);
            memset(exact, 0, full);
            memcpy(exact, &full, sizeof full);
            ck_assert_int_eq(call_row(row, in, len, lang, exact), rc);
            ck_assert_msg(memcmp(exact + sizeof(size_t), out + sizeof(size_t),
                                 full - sizeof(size_t)) == 0,
                          "%s: a larger struct got other fields", row->what);
            free(exact);
        }
        check_fields(row, out);
    }
    free(out);
    free(before);
    free(generated);
}
END_TEST

/* The parser counts a reply's lines with sr_count_up(): past INT_MAX lines
 * (2 GiB of line ends, too many to parse here) line_count stays INT_MAX,
 * as the header says, instead of overflowing. */
START_TEST(line_count_saturates)
{
    int count = INT_MAX - 2;

    sr_count_up(&count);
    ck_assert_int_eq(count, INT_MAX - 1);
    sr_count_up(&count);
    ck_assert_int_eq(count, INT_MAX);
    sr_count_up(&count);
    ck_assert_int_eq(count, INT_MAX);
}
END_TEST

/* ===========================================================================
 * 3. Threads.
 */

/* Every entry point at once from 16 threads, each answer held to the one a
 * single thread gets first: parse, classify, classify_codes, describe (all
 * three forms and code_at), compare, both renders, the language resolver,
 * the names both ways and strerror. CI runs this case under
 * ThreadSanitizer (.ci/run step 5: CK_RUN_CASE=threads). */
#define THREADS 16
#define ROUNDS 10
#define THREAD_REPLIES_MIN 50
#define THREAD_REPLIES_MAX 64
/* Room for a job's answer: a struct, a page, or the table of names. */
#define JOB_OUT_SIZE 65536

struct thread_reply {
    const char *text;
    size_t len;
    int command;
};

static struct thread_reply thread_replies[THREAD_REPLIES_MAX];
static size_t thread_reply_count;

/* Codes, pairs of codes and language tags, good and bad. */
static const char *const thread_codes[] = {
    "550", "5.7.26", "X.1.1", "599", "4.9.12", "571", "5.01.1", " 421 ", "",
};
static const char *const thread_langs[] = {
    NULL, "fr", "de_DE.UTF-8", "ar", "xx-unknown", "C", "",
};
static const struct {
    const char *a, *b;
} thread_pairs[] = {
    { "421", "550" }, { "4.7.1", "5.7.1" }, { "450", "4.2.2" }, { "250", "554" },
    { "5.1.1", "552" }, { "X.1.1", "550" },
};
static const int thread_code_numbers[][4] = {
    { 550, 5, 1, 1 }, { 452, 4, 2, 2 }, { 0, 4, 7, 1 }, { 421, 0, 0, 0 },
    { 550, 4, 2, 2 }, { 650, 0, 0, 0 }, { 0, 0, 0, 0 },
};

enum job_kind {
    JOB_PARSE, JOB_CLASSIFY, JOB_CLASSIFY_CODES, JOB_DESCRIBE, JOB_DESCRIBE_NUMBERS,
    JOB_CODE_AT, JOB_COMPARE, JOB_RENDER_COMPARISON, JOB_RENDER_DESCRIPTION,
    JOB_LANGUAGE_FIND, JOB_NAMES
};

struct thread_job {
    enum job_kind kind;
    size_t arg;
    unsigned char *want;  /* the single-threaded answer */
    size_t want_len;
};

static struct thread_job *thread_jobs;
static size_t thread_job_count;
static pthread_barrier_t thread_start;

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Appends `n` bytes to the answer being written. */
static size_t put(unsigned char *out, size_t at, const void *what, size_t n)
{
    ck_assert_uint_le(at + n, JOB_OUT_SIZE);
    memcpy(out + at, what, n);
    return at + n;
}

static size_t put_int(unsigned char *out, size_t at, int v)
{
    return put(out, at, &v, sizeof v);
}

static size_t put_ptr(unsigned char *out, size_t at, const char *p)
{
    return put(out, at, &p, sizeof p);
}

/* Runs one job and writes its whole answer (return code, result struct,
 * page, names) into `out`; returns the answer's length. */
static size_t run_job(const struct thread_job *job, unsigned char *out)
{
    size_t at = 0, k = job->arg;

    switch (job->kind) {
    case JOB_PARSE: {
        struct smtpreply_reply r;
        memset(&r, 0, sizeof r);
        r.size = sizeof r;
        at = put_int(out, at, smtpreply_parse(thread_replies[k].text, thread_replies[k].len,
                                              0, &r));
        return put(out, at, &r, sizeof r);
    }
    case JOB_CLASSIFY: {
        struct smtpreply_verdict v;
        memset(&v, 0, sizeof v);
        v.size = sizeof v;
        at = put_int(out, at, smtpreply_classify(thread_replies[k].text, thread_replies[k].len,
                                                 thread_replies[k].command,
                                                 k % 3 == 0 ? SMTPREPLY_CONTEXT_FAILED : 0, &v));
        return put(out, at, &v, sizeof v);
    }
    case JOB_CLASSIFY_CODES: {
        const int *n = thread_code_numbers[k];
        struct smtpreply_verdict v;
        memset(&v, 0, sizeof v);
        v.size = sizeof v;
        at = put_int(out, at, smtpreply_classify_codes(n[0], n[1], n[2], n[3], &v));
        return put(out, at, &v, sizeof v);
    }
    case JOB_DESCRIBE: {
        const char *code = thread_codes[k / COUNT_OF(thread_langs)];
        struct smtpreply_description d;
        memset(&d, 0, sizeof d);
        d.size = sizeof d;
        at = put_int(out, at, smtpreply_describe(code, strlen(code),
                                                 thread_langs[k % COUNT_OF(thread_langs)], &d));
        return put(out, at, &d, sizeof d);
    }
    case JOB_DESCRIBE_NUMBERS: {
        const int *n = thread_code_numbers[k / COUNT_OF(thread_langs)];
        const char *lang = thread_langs[k % COUNT_OF(thread_langs)];
        struct smtpreply_description d;
        memset(&d, 0, sizeof d);
        d.size = sizeof d;
        at = put_int(out, at, smtpreply_describe_basic(n[0], lang, &d));
        at = put(out, at, &d, sizeof d);
        memset(&d, 0, sizeof d);
        d.size = sizeof d;
        at = put_int(out, at, smtpreply_describe_enhanced(n[1], n[2], n[3], lang, &d));
        return put(out, at, &d, sizeof d);
    }
    case JOB_CODE_AT: {
        struct smtpreply_description d;
        memset(&d, 0, sizeof d);
        d.size = sizeof d;
        at = put_int(out, at, smtpreply_code_at(k * 7, thread_langs[k % COUNT_OF(thread_langs)],
                                                &d));
        return put(out, at, &d, sizeof d);
    }
    case JOB_COMPARE: {
        struct smtpreply_comparison c;
        memset(&c, 0, sizeof c);
        c.size = sizeof c;
        at = put_int(out, at, smtpreply_compare(thread_pairs[k].a, strlen(thread_pairs[k].a),
                                                thread_pairs[k].b, strlen(thread_pairs[k].b),
                                                &c));
        return put(out, at, &c, sizeof c);
    }
    case JOB_RENDER_COMPARISON:
    case JOB_RENDER_DESCRIPTION: {
        const char *lang = thread_langs[k % COUNT_OF(thread_langs)];
        int format = (int)(k % 3);
        char *page = (char *)out + sizeof(int);
        size_t room = JOB_OUT_SIZE - sizeof(int);
        int rc;
        if (job->kind == JOB_RENDER_COMPARISON) {
            size_t p = k % COUNT_OF(thread_pairs);
            rc = smtpreply_render_comparison(thread_pairs[p].a, strlen(thread_pairs[p].a),
                                             thread_pairs[p].b, strlen(thread_pairs[p].b), lang,
                                             format, page, room);
        } else {
            const char *code = thread_codes[k % COUNT_OF(thread_codes)];
            rc = smtpreply_render_description(code, strlen(code), lang, format, page, room);
        }
        ck_assert_int_lt(rc, (int)room);
        memcpy(out, &rc, sizeof rc);
        return sizeof rc + (rc > 0 ? (size_t)rc : 0);
    }
    case JOB_LANGUAGE_FIND: {
        const char *tag = thread_langs[k];
        int found = smtpreply_language_find(tag);
        at = put_int(out, at, found);
        return put_ptr(out, at, smtpreply_language_tag(found));
    }
    case JOB_NAMES: {
        size_t f;
        int v;
        for (f = 0; f < NAME_FAMILY_COUNT; f++) {
            int n = name_families[f].count();
            at = put_int(out, at, n);
            for (v = -1; v <= n; v++) {
                const char *name = name_families[f].name(v);
                at = put_ptr(out, at, name);
                /* and back: reasons and commands by their names */
                if (name != NULL && name_families[f].name == smtpreply_reason_name)
                    at = put_int(out, at, smtpreply_reason_from_name(name, strlen(name)));
                if (name != NULL && name_families[f].name == smtpreply_command_name)
                    at = put_int(out, at, smtpreply_command_from_name(name, strlen(name)));
            }
        }
        for (v = SMTPREPLY_ERR_BAD_CHARACTER - 1; v <= SMTPREPLY_GENERIC + 1; v++)
            at = put_ptr(out, at, smtpreply_strerror(v));
        at = put_ptr(out, at, smtpreply_version());
        return put_ptr(out, at, smtpreply_data_version());
    }
    }
    return 0;
}

static void add_jobs(enum job_kind kind, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        thread_jobs[thread_job_count].kind = kind;
        thread_jobs[thread_job_count].arg = i;
        thread_job_count++;
    }
}

struct thread_result {
    long checks;
    long mismatches;
    size_t first_mismatch;
};

static void *thread_main(void *arg)
{
    struct thread_result *res = arg;
    unsigned char *out = malloc(JOB_OUT_SIZE);
    int round;
    size_t i;

    pthread_barrier_wait(&thread_start);
    for (round = 0; round < ROUNDS && out != NULL; round++) {
        for (i = 0; i < thread_job_count; i++) {
            const struct thread_job *job = &thread_jobs[(i + (size_t)round) % thread_job_count];
            size_t len = run_job(job, out);
            if (len != job->want_len || memcmp(out, job->want, len) != 0) {
                if (res->mismatches++ == 0)
                    res->first_mismatch = (size_t)(job - thread_jobs);
            }
            res->checks++;
        }
    }
    free(out);
    return NULL;
}

/* The fixed set: the replies above, then replies.tsv's rows up to 64. */
static void load_thread_replies(char **file_out)
{
    size_t i, n_lines, len;
    char *file = test_read_file("lib/data/replies.tsv", &len);
    char **lines;

    thread_reply_count = 0;
    for (i = 0; i < REPLY_COUNT && thread_reply_count < THREAD_REPLIES_MAX; i++) {
        thread_replies[thread_reply_count].text = replies[i].text;
        thread_replies[thread_reply_count].len = replies[i].len;
        thread_replies[thread_reply_count].command = replies[i].command;
        thread_reply_count++;
    }
    n_lines = test_split_lines(file, &lines);
    for (i = 1; i < n_lines && thread_reply_count < THREAD_REPLIES_MAX; i++) {
        char *fields[5];
        int command = SMTPREPLY_COMMAND_NONE;
        if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
        if (test_split_fields(lines[i], fields, 5) != 5)
            continue;
        if (fields[0][0] != '\0') {
            command = smtpreply_command_from_name(fields[0], strlen(fields[0]));
            ck_assert_int_ge(command, 0);
        }
        thread_replies[thread_reply_count].len = test_unescape(fields[4]);
        thread_replies[thread_reply_count].text = fields[4];
        thread_replies[thread_reply_count].command = command;
        thread_reply_count++;
    }
    free(lines);
    *file_out = file;
}

START_TEST(threads_agree_with_one_thread)
{
    pthread_t threads[THREADS];
    struct thread_result results[THREADS];
    unsigned char *out = malloc(JOB_OUT_SIZE);
    char *file;
    int kind_succeeds[JOB_NAMES + 1] = { 0 };
    size_t i;
    long want_checks;

    ck_assert_ptr_nonnull(out);
    load_thread_replies(&file);
    ck_assert_uint_ge(thread_reply_count, THREAD_REPLIES_MIN);
    thread_jobs = calloc(1024, sizeof *thread_jobs);
    ck_assert_ptr_nonnull(thread_jobs);
    thread_job_count = 0;
    add_jobs(JOB_PARSE, thread_reply_count);
    add_jobs(JOB_CLASSIFY, thread_reply_count);
    add_jobs(JOB_CLASSIFY_CODES, COUNT_OF(thread_code_numbers));
    add_jobs(JOB_DESCRIBE, COUNT_OF(thread_codes) * COUNT_OF(thread_langs));
    add_jobs(JOB_DESCRIBE_NUMBERS, COUNT_OF(thread_code_numbers) * COUNT_OF(thread_langs));
    add_jobs(JOB_CODE_AT, smtpreply_code_count() / 7 + 2);
    add_jobs(JOB_COMPARE, COUNT_OF(thread_pairs));
    add_jobs(JOB_RENDER_COMPARISON, 2 * COUNT_OF(thread_pairs));
    add_jobs(JOB_RENDER_DESCRIPTION, 2 * COUNT_OF(thread_codes));
    add_jobs(JOB_LANGUAGE_FIND, COUNT_OF(thread_langs));
    add_jobs(JOB_NAMES, 1);
    ck_assert_uint_le(thread_job_count, 1024);

    /* The single-threaded answers first; every kind of job has some that
     * succeed. */
    for (i = 0; i < thread_job_count; i++) {
        struct thread_job *job = &thread_jobs[i];
        int rc;
        job->want_len = run_job(job, out);
        job->want = malloc(job->want_len);
        ck_assert_ptr_nonnull(job->want);
        memcpy(job->want, out, job->want_len);
        memcpy(&rc, out, sizeof rc);
        if (rc >= 0)
            kind_succeeds[job->kind] = 1;
    }
    for (i = 0; i <= JOB_NAMES; i++)
        ck_assert_msg(kind_succeeds[i], "no job of kind %zu succeeds", i);

    ck_assert_int_eq(pthread_barrier_init(&thread_start, NULL, THREADS), 0);
    memset(results, 0, sizeof results);
    for (i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&threads[i], NULL, thread_main, &results[i]), 0);
    for (i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_join(threads[i], NULL), 0);
    pthread_barrier_destroy(&thread_start);

    want_checks = (long)ROUNDS * (long)thread_job_count;
    for (i = 0; i < THREADS; i++) {
        ck_assert_msg(results[i].checks == want_checks, "thread %zu made %ld checks, want %ld",
                      i, results[i].checks, want_checks);
        ck_assert_msg(results[i].mismatches == 0,
                      "thread %zu: %ld answers differ from the single-threaded ones, the first "
                      "of job %zu (kind %d)", i, results[i].mismatches, results[i].first_mismatch,
                      (int)thread_jobs[results[i].first_mismatch].kind);
    }
    for (i = 0; i < thread_job_count; i++)
        free(thread_jobs[i].want);
    free(thread_jobs);
    free(out);
    free(file);
}
END_TEST

/* ===========================================================================
 * 4. No allocation.
 */

#if !defined(ROBUST_NO_ALLOC_COUNTING)

/* A function pointer the compiler cannot see through, so the control
 * allocations below really happen. */
static void *(*volatile malloc_ptr)(size_t) = malloc;
static void (*volatile free_ptr)(void *) = free;
static void *(*volatile calloc_ptr)(size_t, size_t) = calloc;
static void *(*volatile realloc_ptr)(void *, size_t) = realloc;
static int (*volatile posix_memalign_ptr)(void **, size_t, size_t) = posix_memalign;
static void *(*volatile aligned_alloc_ptr)(size_t, size_t) = aligned_alloc;
/* Called through a pointer too: clang drops a strdup whose result is only
 * freed, and the check below would then see no call at all. */
static char *(*volatile strdup_ptr)(const char *) = strdup;

/* The counter works: it sees each function, also when libc itself calls
 * malloc (strdup), and only while armed. */
START_TEST(alloc_counter_sees_allocations)
{
    void *p = NULL;
    char *s;
    int rc;

    alloc_setup();
    alloc_count = 0;
    alloc_arm("control");
    p = malloc_ptr(24);
    alloc_disarm();
    ck_assert_msg(alloc_count == 1, "%s: malloc counted %ld times (under valgrind, run it "
                  "with --soname-synonyms=somalloc=nouserintercepts so this binary's malloc "
                  "is the one called)", alloc_method, alloc_count);
    alloc_arm("control");
    p = realloc_ptr(p, 4096);
    alloc_disarm();
    ck_assert_msg(alloc_count >= 2, "%s: realloc not counted", alloc_method);
    alloc_count = 0;
    alloc_arm("control");
    free_ptr(p);
    p = calloc_ptr(4, 8);
    alloc_disarm();
    ck_assert_msg(alloc_count >= 2, "%s: free or calloc not counted (%ld)", alloc_method,
                  alloc_count);
    free(p);
    p = NULL;
    alloc_count = 0;
    alloc_arm("control");
    rc = posix_memalign_ptr(&p, 64, 100);
    alloc_disarm();
    ck_assert_int_eq(rc, 0);
#if !defined(ROBUST_TSAN)
    /* (ThreadSanitizer's runtime does not call its hooks for the aligned
     * allocators; the interposed functions and ASan's hooks see them.) */
    ck_assert_msg(alloc_count == 1, "%s: posix_memalign counted %ld times", alloc_method,
                  alloc_count);
#endif
    free(p);
    alloc_count = 0;
    alloc_arm("control");
    p = aligned_alloc_ptr(64, 128);
    alloc_disarm();
#if !defined(ROBUST_TSAN)
    ck_assert_msg(alloc_count == 1, "%s: aligned_alloc counted %ld times", alloc_method,
                  alloc_count);
#endif
    free(p);
    alloc_count = 0;
    alloc_arm("control");
    s = strdup_ptr("from inside libc");
    alloc_disarm();
    /* Another shared object's malloc calls are counted too. */
    ck_assert_msg(alloc_count >= 1, "%s: libc's own malloc call not counted", alloc_method);
    free(s);
    alloc_count = 0;
    p = malloc_ptr(16);
    free_ptr(p);
    ck_assert_msg(alloc_count == 0, "%s: counted while disarmed", alloc_method);
}
END_TEST

static void no_alloc_replies(char *page, size_t page_size)
{
    size_t i;
    unsigned int options;

    for (i = 0; i < REPLY_COUNT; i++) {
        for (options = 0; options <= SMTPREPLY_PARSE_STRICT; options += SMTPREPLY_PARSE_STRICT) {
            struct smtpreply_reply r = { .size = sizeof r };
            struct smtpreply_verdict v = { .size = sizeof v };
            alloc_arm("smtpreply_parse");
            (void)smtpreply_parse(replies[i].text, replies[i].len, options, &r);
            alloc_arm("smtpreply_classify (no command)");
            (void)smtpreply_classify(replies[i].text, replies[i].len, SMTPREPLY_COMMAND_NONE,
                                     options, &v);
            alloc_arm("smtpreply_classify (command)");
            (void)smtpreply_classify(replies[i].text, replies[i].len, replies[i].command,
                                     options, &v);
            alloc_disarm();
        }
    }
    (void)page;
    (void)page_size;
}

static void no_alloc_codes(char *page, size_t page_size)
{
    static const size_t sizes[] = { 0, 1, 64, 700 };
    int formats[3] = { SMTPREPLY_FORMAT_TEXT, SMTPREPLY_FORMAT_MARKDOWN, SMTPREPLY_FORMAT_JSON };
    int languages = smtpreply_language_count(), l, f;
    size_t i, j, s;

    for (l = -1; l <= languages; l++) {
        /* Every language, NULL, and one the library lacks. */
        const char *lang = l < 0 ? NULL : l == languages ? "xx-YY" : smtpreply_language_tag(l);
        for (i = 0; i < CODE_COUNT; i++) {
            struct smtpreply_description d = { .size = sizeof d };
            struct smtpreply_comparison c = { .size = sizeof c };
            alloc_arm("smtpreply_describe");
            (void)smtpreply_describe(codes[i], strlen(codes[i]), lang, &d);
            alloc_arm("smtpreply_compare");
            (void)smtpreply_compare(codes[i], strlen(codes[i]), "421", 3, &c);
            alloc_arm("smtpreply_reason_from_name/command_from_name");
            (void)smtpreply_reason_from_name(codes[i], strlen(codes[i]));
            (void)smtpreply_command_from_name(codes[i], strlen(codes[i]));
            alloc_disarm();
            for (f = 0; f < 3; f++) {
                for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
                    size_t size = sizes[s] < page_size ? sizes[s] : page_size;
                    alloc_arm("smtpreply_render_description");
                    (void)smtpreply_render_description(codes[i], strlen(codes[i]), lang,
                                                       formats[f], size ? page : NULL, size);
                    alloc_disarm();
                }
                for (j = 0; j < CODE_COUNT; j += 3) {
                    alloc_arm("smtpreply_render_comparison");
                    (void)smtpreply_render_comparison(codes[i], strlen(codes[i]), codes[j],
                                                      strlen(codes[j]), lang, formats[f], page,
                                                      page_size);
                    (void)smtpreply_render_comparison(codes[j], strlen(codes[j]), codes[i],
                                                      strlen(codes[i]), lang, formats[f], NULL, 0);
                    alloc_disarm();
                }
            }
        }
        {
            struct smtpreply_description d = { .size = sizeof d };
            struct smtpreply_verdict v = { .size = sizeof v };
            size_t k, count = smtpreply_code_count();
            for (k = 0; k < count; k++) {
                alloc_arm("smtpreply_code_at");
                (void)smtpreply_code_at(k, lang, &d);
                alloc_arm("smtpreply_describe_basic/enhanced");
                if (d.kind == SMTPREPLY_KIND_BASIC)
                    (void)smtpreply_describe_basic(d.code, lang, &d);
                else
                    (void)smtpreply_describe_enhanced(5, d.status_subject, d.status_detail,
                                                      lang, &d);
                alloc_arm("smtpreply_classify_codes");
                (void)smtpreply_classify_codes(d.kind == SMTPREPLY_KIND_BASIC ? d.code : 0,
                                               d.kind == SMTPREPLY_KIND_BASIC ? 0 : 5,
                                               d.status_subject, d.status_detail, &v);
                alloc_disarm();
            }
        }
    }
}

/* Whole messages: read and every recipient classified, with the
 * workspace and the messages allocated before counting starts. */
static void no_alloc_messages(void)
{
    static const char *const files[] = {
        "tests/data/messages/dsn-postfix-userunknown.eml",
        "tests/data/messages/dsn-base64-latin1.eml",
        "tests/data/messages/dsn-three-recipients.eml",
        "tests/data/messages/arf-abuse.eml",
        "tests/data/messages/broken-mismatched-boundary.eml",
        /* the LF copy of a CR-line-ended message, names completed with
         * the original's To:, a notice's summary, a paragraph's reply */
        "tests/data/messages/text-cr-line-ends.eml",
        "tests/data/messages/text-bare-user-original.eml",
        "tests/data/messages/text-summary-to.eml",
        "tests/data/messages/text-sendmail-expanded.eml",
        "tests/data/messages/dsn-reply-in-prose-only.eml",
        "tests/data/messages/html-only-notice.eml",
    };
    size_t f;

    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t n, i, ws_size;
        char *msg = test_read_file(files[f], &n), *ws;
        struct smtpreply_message m = { .size = sizeof m };
        int rc;

        ws_size = smtpreply_message_workspace_size(n);
        ws = malloc(ws_size);
        ck_assert_ptr_nonnull(ws);
        /* No Check assertion while counting: Check itself allocates. */
        alloc_arm("smtpreply_message_read");
        rc = smtpreply_message_read(msg, n, 0, ws, ws_size, &m);
        for (i = 0; rc == SMTPREPLY_OK && i < m.recipient_count; i++) {
            struct smtpreply_recipient r = { .size = sizeof r };
            struct smtpreply_verdict v = { .size = sizeof v };
            alloc_arm("smtpreply_message_recipient");
            (void)smtpreply_message_recipient(&m, i, &r, &v);
        }
        alloc_disarm();
        ck_assert_int_eq(rc, SMTPREPLY_OK);
        free(ws);
        free(msg);
    }
}

START_TEST(no_heap_allocation)
{
    size_t page_size = 65536;
    char *page = malloc(page_size);

    ck_assert_ptr_nonnull(page);
    alloc_setup();
    alloc_count = 0;
    alloc_first = NULL;
    no_alloc_replies(page, page_size);
    no_alloc_codes(page, page_size);
    no_alloc_messages();
    alloc_disarm();
    ck_assert_msg(alloc_count == 0, "%ld heap allocations (%s), the first in %s", alloc_count,
                  alloc_method, alloc_first != NULL ? alloc_first : "?");
    free(page);
}
END_TEST

#endif /* !ROBUST_NO_ALLOC_COUNTING */

/* ===========================================================================
 * The suite.
 */

static Suite *robustness_suite(void)
{
    Suite *s = suite_create("robustness");
    TCase *tc;

    tc = tcase_create("bounds");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, guard_reply_prefixes, 0, (int)REPLY_COUNT);
    tcase_add_loop_test(tc, guard_code_prefixes, 0, (int)CODE_COUNT);
    tcase_add_test(tc, guard_language_tags);
    suite_add_tcase(s, tc);

    tc = tcase_create("bad input");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, bad_input_matrix, 0, (int)BAD_ROW_COUNT);
    tcase_add_test(tc, line_count_saturates);
    suite_add_tcase(s, tc);

    tc = tcase_create("threads");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, threads_agree_with_one_thread);
    suite_add_tcase(s, tc);

#if !defined(ROBUST_NO_ALLOC_COUNTING)
    tc = tcase_create("no allocation");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, alloc_counter_sees_allocations);
    tcase_add_test(tc, no_heap_allocation);
    suite_add_tcase(s, tc);
#else
    fprintf(stderr, "check_robustness: no way to count allocations here (not glibc, no "
                    "sanitizer): the no-allocation tests are left out\n");
#endif
    return s;
}

int main(void)
{
    return test_run(robustness_suite());
}
