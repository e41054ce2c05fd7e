/* SPDX-License-Identifier: MIT */
/*
 * internal.h - declarations shared between the library's own files.
 * Nothing here is installed or exported; every name is hidden by
 * -fvisibility=hidden and carries the internal prefix sr_.
 */
#ifndef SMTPREPLY_INTERNAL_H
#define SMTPREPLY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "smtpreply.h"
#include "input_limits.h"

/* ---- caller-sized result structs (result_struct.c) ---------------------- */

/* The smallest layout ever released of each result struct: a caller whose
 * size field is below it gets SMTPREPLY_ERR_STRUCT_SIZE. These never move. */
#define SR_DESCRIPTION_MIN_SIZE \
    (offsetof(struct smtpreply_description, lang) + sizeof(const char *))
#define SR_VERDICT_MIN_SIZE \
    (offsetof(struct smtpreply_verdict, host_length) + sizeof(size_t))
#define SR_COMPARISON_MIN_SIZE \
    (offsetof(struct smtpreply_comparison, flags) + sizeof(unsigned int))
#define SR_REPLY_MIN_SIZE \
    (offsetof(struct smtpreply_reply, host_length) + sizeof(size_t))

/* 0 when `out` is usable for a struct whose first released layout was
 * `min_size` bytes (and whose size field is at most SR_RESULT_SIZE_MAX),
 * else the negative error to return. */
int sr_result_check(const void *out, size_t min_size);

/* Copies the library's complete `full` struct (whose size is `full_size`)
 * into the caller's `out`: as much as the caller's size field allows, with
 * any tail the library does not know zeroed, and the size field kept. */
void sr_result_store(void *out, const void *full, size_t full_size);

/* ---- the code table (code_table.c) ------------------------------------- */

/* The rows' texts are offsets into one object of the table's texts, and
 * sr_code_text() gives the text at one: pointers would each cost a
 * dynamic relocation (24 bytes of the library and work at every load). */
typedef uint32_t sr_code_text_at;
const char *sr_code_text(sr_code_text_at at);

struct sr_basic_entry {
    short code;
    sr_code_text_at code_text;
    sr_code_text_at name;
    sr_code_text_at rfc;
    sr_code_text_at description;
    sr_code_text_at when;
    sr_code_text_at fix;
};

struct sr_enhanced_entry {
    short subject;
    short detail;
    sr_code_text_at code_text;   /* "X.1.1" */
    sr_code_text_at name;
    sr_code_text_at rfc;
    sr_code_text_at associated;
    sr_code_text_at description;
    sr_code_text_at when;
    sr_code_text_at fix;
};

/* Meaning of a whole class or subject, for codes the table lacks. */
struct sr_generic_entry {
    sr_code_text_at code_text;   /* "5xx", "X.1.x" */
    sr_code_text_at name;
    sr_code_text_at class_name;  /* "5xx Permanent Negative" ("" for subjects) */
    sr_code_text_at description;
    sr_code_text_at when;
    sr_code_text_at fix;
};

/* The spans the tables indexed by code cover: reply codes 200..599, and
 * enhanced subjects 0..7 with details 0..63 (a .def row outside them fails
 * the build). */
#define SR_BASIC_FIRST 200
#define SR_BASIC_SPAN 400
#define SR_SUBJECT_SPAN 8
#define SR_DETAIL_SPAN 64
/* Class digits, of reply codes and of enhanced status codes alike. */
#define SR_CLASS_SPAN 10

/* The table's row for a code, or NULL: one load, whatever the order in
 * which codes come. */
const struct sr_basic_entry *sr_table_find_basic(int code);
const struct sr_enhanced_entry *sr_table_find_enhanced(int subject, int detail);
size_t sr_table_basic_count(void);
size_t sr_table_enhanced_count(void);
const struct sr_basic_entry *sr_table_basic_at(size_t index);
const struct sr_enhanced_entry *sr_table_enhanced_at(size_t index);

/* Class meanings: basic classes 2..5, enhanced classes 2, 4, 5;
 * NULL for any other value. */
const struct sr_generic_entry *sr_generic_basic_class(int reply_class);
const struct sr_generic_entry *sr_generic_enhanced_class(int status_class);
/* Subject meanings 0..7; any other subject gets the "unknown subject" row. */
const struct sr_generic_entry *sr_generic_subject(int subject);

/* ---- descriptions (describe.c) ------------------------------------------ */

/* What smtpreply_describe_basic() and smtpreply_describe_enhanced() give,
 * in a language already resolved, written into the full struct `d` (its
 * LANG_FALLBACK flag is the caller's to set). */
int sr_describe_basic(int code, int language, struct smtpreply_description *d);
int sr_describe_enhanced(int status_class, int subject, int detail, int language,
                         struct smtpreply_description *d);

/* ---- code syntax (code_syntax.c) ---------------------------------------- */

struct sr_code {
    int kind;            /* SMTPREPLY_KIND_BASIC or SMTPREPLY_KIND_ENHANCED */
    int basic;           /* 200..599 */
    int status_class;    /* 0 (the "X." form), 2, 4, 5 */
    int subject;
    int detail;
};

/* Reads one code, basic ("550") or enhanced ("5.1.1", "X.1.1"), written
 * strictly as RFC 5321 and RFC 3463 allow, from the `len` bytes at `text`
 * with surrounding white space ignored. Returns 0, SMTPREPLY_ERR_EMPTY or
 * SMTPREPLY_ERR_MALFORMED_CODE. */
int sr_code_read(const char *text, size_t len, struct sr_code *out);

/* ---- languages (translations.c) ---------------------------------------- */

/* The keys of the page texts, from the English file that defines them. */
enum sr_text_key {
#define SMTPREPLY_TR_TEXT(key, text) SR_TEXT_##key,
#define PAGE_TEXT_FILE "lang/en.def"
#include "page_text_rows.h"
    SR_TEXT_COUNT
};

/* The supported language a tag names ("fr", "fr-CA", "de_DE.UTF-8",
 * NULL = English). Sets *fallback to 1 when the tag names a language the
 * library lacks (English is returned), else 0. */
int sr_language_resolve(const char *tag, int *fallback);
const char *sr_language_tag(int language);
int sr_language_count(void);
/* Replaces the English texts of `d` by those of `language`, field by
 * field, where the language has them. */
void sr_translate(int language, struct smtpreply_description *d);

/* ---- page templates (split at build time by lib/gen/templategen.c) ------ */

/* What a placeholder of a page text stands for: a field of code a or b,
 * maybe with its first letter in lower case ("{a}" the label, "{an}" the
 * name, "{bdl}" b's description lowered; en.def lists them). */
enum sr_field {
    SR_FIELD_LABEL, SR_FIELD_NAME, SR_FIELD_CLASS, SR_FIELD_DESCRIPTION,
    SR_FIELD_WHEN, SR_FIELD_FIX,
    SR_FIELD_RFC,    /* the RFC, or the class name for a code with none */
    SR_FIELD_COUNT
};
#define SR_SLOT_FIELD 0x07u   /* the bits that hold the enum sr_field */
#define SR_SLOT_B     0x08u   /* code b, else code a */
#define SR_SLOT_LOWER 0x10u   /* first letter in lower case */
#define SR_SLOT_END   0xffu   /* no placeholder: the text ends */

/* A page text is read as pieces: a run of bytes copied as they are, then
 * the placeholder that follows it (`marker` bytes of the text, "{an}"),
 * until a piece whose slot is SR_SLOT_END. */
struct sr_template_piece {
    unsigned short literal;
    unsigned char marker;
    unsigned char slot;
};

/* A page text: where it starts in the one string of every language's
 * page texts, and where its pieces start (offsets, not pointers, so that
 * the tables need no dynamic relocation); sr_template_text() and
 * sr_template_pieces() give the pointers. */
struct sr_template {
    uint32_t text;
    uint32_t pieces;
};
const char *sr_template_text(const struct sr_template *t);
const struct sr_template_piece *sr_template_pieces(const struct sr_template *t);

/* The page texts of `language`, indexed by enum sr_text_key; a text the
 * language lacks is the English one. */
const struct sr_template *sr_templates(int language);

/* ---- sorted tables ------------------------------------------------------ */

/* The index of the row whose key is `key` among `count` rows sorted by
 * the keys `key_of` gives, or -1: the one binary search every table uses. */
static inline long sr_find_sorted(size_t count, long key, long (*key_of)(size_t index))
{
    size_t lo = 0, hi = count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        long here = key_of(mid);
        if (here < key)
            lo = mid + 1;
        else if (here > key)
            hi = mid;
        else
            return (long)mid;
    }
    return -1;
}

/* ---- byte spans (bytes.c) ---------------------------------------------- */

static inline unsigned char sr_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}
static inline int sr_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Whether the three bytes at p[k] have a reply code's shape: digits, the
 * first from 2 to 5. The caller knows that the three are there. */
static inline int sr_code_shape(const unsigned char *p, size_t k)
{
    return p[k] >= '2' && p[k] <= '5' && sr_is_digit(p[k + 1]) && sr_is_digit(p[k + 2]);
}
/* Whether a reply line's code starts at p[k]: the code's shape, then the
 * space of a last line or the dash of a continued one ("550 ", "421-").
 * The caller knows that the four bytes are there. */
static inline int sr_reply_code_at(const unsigned char *p, size_t k)
{
    return sr_code_shape(p, k) && (p[k + 3] == ' ' || p[k + 3] == '-');
}
static inline int sr_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int sr_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A function inlined whatever the compiler's own estimate says, where a
 * measurement showed the call to cost (the phrase pass's bucket check). */
#if defined(__GNUC__) || defined(__clang__)
#define SR_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SR_ALWAYS_INLINE inline
#endif

/* The index of the lowest set bit of a non-zero 64-bit `bits`. */
static inline int sr_lowest_bit64(unsigned long long bits)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(bits);
#else
    int k = 0;
    while (!(bits & 1u)) {
        bits >>= 1;
        k++;
    }
    return k;
#endif
}

/* The index of the lowest set bit of a non-zero `bits`. */
static inline int sr_lowest_bit(unsigned bits)
{
    return sr_lowest_bit64(bits);
}

/* How many bits of `bits` are set. */
static inline int sr_popcount(unsigned bits)
{
    int k = 0;

    for (; bits != 0; bits &= bits - 1)
        k++;
    return k;
}

/* How many bits of the 64-bit `bits` are set, in a dozen operations
 * without a branch or a processor's own instruction. */
static inline int sr_popcount64(unsigned long long bits)
{
    bits -= (bits >> 1) & 0x5555555555555555ull;
    bits = (bits & 0x3333333333333333ull) + ((bits >> 2) & 0x3333333333333333ull);
    bits = (bits + (bits >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((bits * 0x0101010101010101ull) >> 56);
}

/* Offset of the first case-insensitive occurrence of the lower-case
 * `needle`, of `len` bytes, in the `n` bytes at `p`, or `n` when there
 * is none. */
size_t sr_find_ci_len(const unsigned char *p, size_t n, const char *needle, size_t len);

/* The same for a NUL-terminated `needle`: inline, so that the length of
 * a literal is counted by the compiler, not at every call (a measured
 * speed change: docs/PERFORMANCE.md, Appendix A, change 23). */
static inline size_t sr_find_ci(const unsigned char *p, size_t n, const char *needle)
{
    return sr_find_ci_len(p, n, needle, strlen(needle));
}

/* True when the `n` bytes at `p` start with the lower-case `prefix`. */
static inline int sr_starts_ci(const unsigned char *p, size_t n, const char *prefix)
{
    size_t i;

    for (i = 0; prefix[i] != '\0'; i++)
        if (i >= n || sr_lower(p[i]) != (unsigned char)prefix[i])
            return 0;
    return 1;
}
/* The first offset at or after `i` that is not a blank (SP, HT) or, for
 * sr_skip_space, not any white space. sr_skip_space is inline: the
 * white space it skips is mostly none or one byte (a content type's
 * value, a reply after its code), where a call costs more than the loop. */
size_t sr_skip_blanks(const unsigned char *p, size_t n, size_t i);
static inline size_t sr_skip_space(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && sr_is_space(p[i]))
        i++;
    return i;
}
/* Writes `value` in decimal at `out` (no NUL); returns the end. */
char *sr_put_decimal(char *out, unsigned value);
/* Reads a reply code (first digit 2-5) standing alone at offset `i`. */
int sr_read_basic_code(const unsigned char *p, size_t n, size_t i, int *code);

struct sr_status {
    int status_class, subject, detail;
    int malformed;   /* had leading zeros: read leniently */
};
/* Reads an enhanced status code token at offset `i`; returns its length,
 * or 0 when there is none. */
size_t sr_read_status(const unsigned char *p, size_t n, size_t i,
                      struct sr_status *st);

/* ---- wrappers (wrappers.c) --------------------------------------------- */

/* The texts wrappers are recognised by (lib/data/wrapper_markers.def). */
enum sr_marker {
#define SMTPREPLY_MARKER(name, text) SR_MARKER_##name,
#include "data/wrapper_markers.def"
#undef SMTPREPLY_MARKER
    SR_MARKER_COUNT
};

/* Each marker's text, in lower case (marker_search.c). */
extern const char *const sr_marker_text[SR_MARKER_COUNT];

/* Sets at[m] to the first offset of marker m (in either case) in the `n`
 * bytes at `p`, or to n, for each m whose bit (1u << m) is in `wanted`;
 * the others are set to n and not searched for. Returns the bits of the
 * wanted markers found (marker_search.c). */
unsigned sr_find_markers(const unsigned char *p, size_t n, unsigned wanted,
                         size_t at[SR_MARKER_COUNT]);

struct sr_unwrapped {
    int wrapper;             /* enum smtpreply_wrapper */
    int command;             /* enum smtpreply_command the wrapper names */
    size_t reply_start;      /* the reply inside the input */
    size_t reply_end;
    size_t host_offset;      /* the remote host the wrapper names */
    size_t host_length;
    int has_status;          /* the wrapper itself gives a status code */
    struct sr_status status;
    int basic_code;          /* the reply code the wrapper gives apart from
                              * the reply (SES's "550-'text'"), or 0 */
};

/* Finds the reply inside whatever wraps it in the `n` bytes at `p`.
 * `markers` holds SR_SIGNAL_MARKER(m) for each marker that may occur in
 * them (SR_SIGNAL_MARKERS when nothing is known): the others are not
 * searched for. */
void sr_unwrap(const unsigned char *p, size_t n, unsigned markers, struct sr_unwrapped *u);

/* ---- the reply parser (parse.c) ----------------------------------------- */

/* Parses the `n` bytes at `p` (not NULL) into the full struct `r`.
 * `hints` holds what a pass over the same bytes already found out: the
 * markers that may occur, as for sr_unwrap(), and SR_SIGNAL_PLAIN when
 * every byte is known to be printable ASCII (then they are not checked
 * again). SR_SIGNAL_MARKERS when nothing is known. */
int sr_parse(const unsigned char *p, size_t n, unsigned int options, unsigned hints,
             struct smtpreply_reply *r);

/* ---- phrases (phrase_match.c) ------------------------------------------ */

/* What the phrase pass reports besides the phrase, as bits (checked
 * against the tables when they are compiled): the wrapper markers it saw
 * (the first bits, in the order of lib/data/wrapper_markers.def), then the
 * signals of lib/data/signals.def, then whether a word of
 * lib/data/wait_words.def occurs; last, whether the pass read every byte
 * and found them all printable ASCII (0x20 to 0x7E, or a tab). */
#define SR_SIGNAL_MARKER(m)     (1u << (m))
#define SR_SIGNAL_MARKERS       (SR_SIGNAL_MARKER(SR_MARKER_COUNT) - 1)
#define SR_SIGNAL_DEFERRED      (1u << (SR_MARKER_COUNT + 0))
#define SR_SIGNAL_NO_RECIPIENT  (1u << (SR_MARKER_COUNT + 1))
#define SR_SIGNAL_GAVE_UP       (1u << (SR_MARKER_COUNT + 2))
#define SR_SIGNAL_STILL_TRYING  (1u << (SR_MARKER_COUNT + 3))
#define SR_SIGNAL_BUSY          (1u << (SR_MARKER_COUNT + 4))
#define SR_SIGNAL_SENDER_FRAME  (1u << (SR_MARKER_COUNT + 5))
#define SR_SIGNAL_TEMPORARY     (1u << (SR_MARKER_COUNT + 6))
#define SR_SIGNAL_KIND_OF_ADDRESS (1u << (SR_MARKER_COUNT + 7))
#define SR_SIGNAL_TRY_AGAIN     (1u << (SR_MARKER_COUNT + 8))
#define SR_SIGNAL_AFTER_A_CHANGE (1u << (SR_MARKER_COUNT + 9))
#define SR_SIGNAL_WAIT          (1u << (SR_MARKER_COUNT + 10))
#define SR_SIGNAL_PLAIN         (1u << (SR_MARKER_COUNT + 11))
_Static_assert(SR_MARKER_COUNT + 11 < 32, "the signals must fit an unsigned int");

/* The row of lib/data/phrases.def nearest the top whose phrase appears in
 * the `n` bytes at `p`, or -1; sets `*signals` to the signals found. */
int sr_phrase_find(const unsigned char *p, size_t n, unsigned *signals);
int sr_phrase_reason(int row);
int sr_phrase_is_strong(int row);
/* Whether the row's words are a refused connection (REFUSED_CONNECTION in
 * lib/data/phrases.def): the sending side's connect() failure, or, under
 * a server's own code, that server refusing the client. */
int sr_phrase_names_refused_connection(int row);
/* Whether a weak row's words name the connecting host (CLIENT_HOST in
 * lib/data/phrases.def: "your IP", "host rejected"), which is what a
 * refusal at MAIL FROM then concerns, not the sender. */
int sr_phrase_names_client_host(int row);
/* Whether the row's words name the message's size against a limit that
 * is not the recipient's own (SYSTEM_LIMIT in lib/data/phrases.def: a
 * system's "message size limit", the sender's or its organisation's), and
 * so decide over the recipient's limit that X.2.3 names. */
int sr_phrase_names_system_limit(int row);
const char *sr_phrase_rule(int row);

/* ---- stated waits (retry_after.c) --------------------------------------- */

/* The wait in seconds a reply states ("try again in 5 minutes"), or -1. */
int sr_retry_after_stated(const unsigned char *p, size_t n);

/* ---- the classifier (classify.c) --------------------------------------- */

/* Classifies the `n` bytes at `p` (not NULL) into the full struct `v`.
 * When `command_matters` is not NULL, it is set to whether the command
 * would have changed the verdict (the command rules of docs/REASONS.md
 * step 3: an address reason, or a failure nothing but weak words or
 * nothing at all explains), for a caller that may learn the command
 * elsewhere. */
int sr_classify(const unsigned char *p, size_t n, int command,
                unsigned int options, struct smtpreply_verdict *v, int *command_matters);

/* ---- names (names.c) ---------------------------------------------------- */

/* True when the `len` bytes at `a` spell the NUL-terminated `b`, ignoring
 * ASCII case. */
int sr_name_equal(const char *a, size_t len, const char *b);

/* smtpreply_command_count(), smtpreply_command_name() and
 * smtpreply_action_name(), for the library's own files. They never call
 * an exported function of another file: the call puts a declaration of
 * it in the caller's debug information, which the ABI tools (abidw) can
 * take for the function itself and then record without its type
 * (abi/record.sh refuses such a record). */
int sr_command_count(void);
const char *sr_command_name(int command);
const char *sr_action_name(int action);

/* ---- comparing (compare.c) -------------------------------------------- */

/* One code of a comparison: its description and what follows from it. */
struct sr_compare_side {
    struct smtpreply_description d;
    int rc;          /* SMTPREPLY_OK or SMTPREPLY_GENERIC */
    char label[16];  /* the code as people write it: "421", "4.7.1" */
    /* The texts a page writes, by enum sr_field: d's texts and the label,
     * each measured once for a page that uses most of them several times,
     * and found by one load where a placeholder names them. */
    struct sr_page_text {
        const char *text;
        size_t len;
    } field[SR_FIELD_COUNT];
    int scope;       /* enum smtpreply_scope */
    int retryable;
    int action;
};

/* Reads one code and weighs it for a comparison; returns as describe(),
 * and with `need_class` refuses a class-free "X." code. Only the codes,
 * class and flags of side->d are set: a comparison reads no text, and
 * looking the texts up was most of its cost. */
int sr_compare_side(const char *code, size_t len, int need_class,
                    struct sr_compare_side *side);
/* Adds the texts of a side in `language` (resolved), their lengths and its
 * label, for a page. */
int sr_compare_side_texts(struct sr_compare_side *side, int language);
void sr_compare_sides(const struct sr_compare_side *a,
                      const struct sr_compare_side *b,
                      struct smtpreply_comparison *c);
/* Both sides and their comparison; returns SMTPREPLY_OK, SMTPREPLY_GENERIC
 * when a code is not in the table, or the first side's error. */
int sr_compare_codes(const char *a, size_t a_len, const char *b, size_t b_len,
                     struct sr_compare_side *side_a, struct sr_compare_side *side_b,
                     struct smtpreply_comparison *c);

/* ---- reasons (reason_table.c) ------------------------------------------ */

struct sr_reason_info {
    const char *name;
    int no_code_verdict;     /* verdict to assume when the reply has no code */
    int action_transient;    /* action when the failure is transient */
    int action_permanent;    /* action when the failure is permanent */
    int retry_seconds;       /* default wait before a retry */
    int hard_when_permanent; /* a permanent failure of this kind is a hard bounce */
    int hard_when_transient; /* ... and so is a transient one */
};

const struct sr_reason_info *sr_reason_info(int reason);

/* Fills verdict, bounce, action and retry_after of `v` from v->reason and
 * v->reply_class (or, with no class, the reason's no-code verdict). */
void sr_verdict_settle(struct smtpreply_verdict *v);
/* The bounce weight, action and default wait that follow from v->verdict
 * and v->reason (the second half of sr_verdict_settle()). */
void sr_verdict_consequences(struct smtpreply_verdict *v);

/* Whether an enhanced code of `subject` says what a reply with this basic
 * code is about: not an address or mailbox status beside a 421. */
int sr_status_fits_basic(int basic_code, int status_class, int subject);
/* Sets v->reason and v->rule from v's codes and reply_class. */
void sr_reason_from_codes(struct smtpreply_verdict *v);
/* The rule sr_reason_from_codes() names for a provider-documented code:
 * classify tells it by this pointer, not by comparing its text. */
extern const char sr_rule_vendor_status[];
/* The rule it names for a reason the basic code alone implies. */
extern const char sr_rule_basic_code[];
/* "enhanced-status-code": the enhanced code's registered subject decided. */
extern const char sr_rule_enhanced_status[];

/* Reason an enhanced status code implies, or SMTPREPLY_REASON_UNDEFINED. */
int sr_reason_for_status(int status_class, int subject, int detail);
/* Reason a basic reply code alone implies, or SMTPREPLY_REASON_UNDEFINED. */
int sr_reason_for_basic(int code);
/* Reason a provider documents for an enhanced status code
 * (lib/data/vendor_codes.def), or SMTPREPLY_REASON_UNDEFINED when none
 * does or two rows disagree. Says nothing of whether the registry defines
 * the code: the caller asks that first. */
int sr_reason_for_vendor_status(int status_class, int subject, int detail);

/* Reason a code gives when nothing else decided a reply
 * (lib/data/fallback_reasons.def): the broad meaning of an "other or
 * undefined" enhanced code (X.n.0), or of a basic code with no enhanced
 * code of another subject beside it; else SMTPREPLY_REASON_UNDEFINED. */
int sr_reason_fallback(int status_class, int subject, int detail, int basic_code);
/* The rule classify names for such a reason: a weaker cue than any fact
 * the whole message adds, which tells it by this pointer. */
extern const char sr_rule_code_fallback[];
/* Reason a basic code with no word beside it gives in reply to `command`
 * (SMTPREPLY_BARE_CODE in lib/data/fallback_reasons.def), or
 * SMTPREPLY_REASON_UNDEFINED. */
int sr_reason_for_bare_code(int basic_code, int command);
/* What outranks the basic code's own reason beside the strong phrases
 * (SMTPREPLY_BASIC_YIELDS in lib/data/fallback_reasons.def): 0 nothing
 * more, bit SR_YIELDS_TO_WORDS the word weights, bit
 * SR_YIELDS_TO_WEAK_PHRASE the weak phrases; SR_YIELDS_TO_ANY_PHRASE is
 * both. */
enum { SR_YIELDS_TO_WORDS = 1, SR_YIELDS_TO_WEAK_PHRASE = 2, SR_YIELDS_TO_ANY_PHRASE = 3 };
int sr_basic_code_yields(int basic_code);

/* ---- the word weights (word_guess.c) ------------------------------------ */

/* The reason the words of the `n` bytes at `p` point to, when one clearly
 * leads the others, else SMTPREPLY_REASON_UNDEFINED. Never a reason that
 * makes the bounce hard, but "userunknown" when `allow_userunknown` (the
 * reply refuses a recipient for good). Unless `transient` is NULL, it
 * is set to whether the same words clearly say that the failure passes
 * (weights per word for transient against permanent lines), read in the
 * same pass. */
int sr_word_guess(const unsigned char *p, size_t n, int allow_userunknown, int *transient);

#endif /* SMTPREPLY_INTERNAL_H */
