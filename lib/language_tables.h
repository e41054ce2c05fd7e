/* SPDX-License-Identifier: MIT */
/*
 * language_tables.h - the tables of one language, compiled from its data
 * file. Included once per language by translations.c with LANGUAGE_TAG
 * (e.g. fr) and LANGUAGE_FILE (e.g. "lang/fr.def") defined.
 *
 * Every table ends with a sentinel row, so a language that translates
 * none of one kind of row still compiles (C11 has no empty initialisers).
 *
 * The page texts are not compiled into the library as they are written:
 * lib/gen/templategen.c includes this file with LANGUAGE_PAGE_TEXTS
 * defined, gets only the texts, and splits them at their placeholders
 * (template_tables.inc). Without it, this file gives the code tables.
 */
#define SR_PASTE2(a, b) a##b
#define SR_PASTE(a, b) SR_PASTE2(a, b)
#define SR_TABLE(suffix) SR_PASTE(LANGUAGE_TAG, suffix)

#ifndef LANGUAGE_PAGE_TEXTS
/* The rows' texts, each a char array of its own size, end to end in one
 * object per language (TAG_code_texts), and the rows hold their offsets
 * in it (struct sr_translated): pointers in the rows would each be a
 * dynamic relocation, 24 bytes of the library and work at every load. A
 * row's members are named after its line in the data file (its keys are
 * numbers such as -1, which make no name); `empty` is the sentinel rows'
 * text. */
#define SR_MEMBER(field) SR_PASTE(SR_PASTE(line_, __LINE__), _##field)
#define SR_ROW_TEXTS(name_text, class_text, description_text, when_text, fix_text) \
    char SR_MEMBER(name)[sizeof name_text], SR_MEMBER(class_name)[sizeof class_text], \
        SR_MEMBER(description)[sizeof description_text], SR_MEMBER(when)[sizeof when_text], \
        SR_MEMBER(fix)[sizeof fix_text];
#define SMTPREPLY_TR_TEXT(key, text)
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix) \
    SR_ROW_TEXTS(name, "", description, when, fix)
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix) \
    SR_ROW_TEXTS(name, "", description, when, fix)
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    SR_ROW_TEXTS(name, class_name, description, when, fix)
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    SR_ROW_TEXTS(name, class_name, description, when, fix)
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix) \
    SR_ROW_TEXTS(name, "", description, when, fix)
struct SR_TABLE(_code_texts_t) {
    char empty[1];
#include LANGUAGE_FILE
};
#undef SR_ROW_TEXTS
#define SR_ROW_TEXTS(name_text, class_text, description_text, when_text, fix_text) \
    name_text, class_text, description_text, when_text, fix_text,
static const struct SR_TABLE(_code_texts_t) SR_TABLE(_code_texts) = {
    "",
#include LANGUAGE_FILE
};
#undef SR_ROW_TEXTS
#undef SMTPREPLY_TR_BASIC
#undef SMTPREPLY_TR_ENHANCED
#undef SMTPREPLY_TR_BASIC_CLASS
#undef SMTPREPLY_TR_STATUS_CLASS
#undef SMTPREPLY_TR_STATUS_SUBJECT
#define SR_AT(field) offsetof(struct SR_TABLE(_code_texts_t), SR_MEMBER(field))
#define SR_ROW_AT SR_AT(name), SR_AT(class_name), SR_AT(description), SR_AT(when), SR_AT(fix)
#undef SR_TRANSLATED_END
#define SR_TRANSLATED_END \
    { -1000, 0, offsetof(struct SR_TABLE(_code_texts_t), empty), \
      offsetof(struct SR_TABLE(_code_texts_t), empty), \
      offsetof(struct SR_TABLE(_code_texts_t), empty), \
      offsetof(struct SR_TABLE(_code_texts_t), empty), \
      offsetof(struct SR_TABLE(_code_texts_t), empty) }

#define SMTPREPLY_TR_BASIC(code, name, description, when, fix) { code, 0, SR_ROW_AT },
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix)
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix)
static const struct sr_translated SR_TABLE(_basic)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_BASIC
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix)
#undef SMTPREPLY_TR_ENHANCED
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix) \
    { subject, detail, SR_ROW_AT },
static const struct sr_translated SR_TABLE(_enhanced)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_ENHANCED
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix)
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    { digit, 0, SR_ROW_AT },
static const struct sr_translated SR_TABLE(_basic_class)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix)
#undef SMTPREPLY_TR_STATUS_CLASS
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    { digit, 0, SR_ROW_AT },
static const struct sr_translated SR_TABLE(_status_class)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_STATUS_CLASS
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix)
#undef SMTPREPLY_TR_STATUS_SUBJECT
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix) \
    { subject, 0, SR_ROW_AT },
static const struct sr_translated SR_TABLE(_subject)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_STATUS_SUBJECT
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix)
#undef SR_TRANSLATED_END
#undef SR_ROW_AT
#undef SR_AT
#undef SR_MEMBER

/* The rows of the tables above indexed by code and by class digit, as
 * code_table.c indexes the English ones: the codes of pages come in no
 * particular order, and a binary search mispredicts at nearly every step.
 * Row numbers in .def order (a code listed twice fails the build), then
 * row + 1 at [key + 1], 0 where the language has no row. Element 0 is no
 * key's: it keeps the initialiser of a language with no rows of one kind
 * from being empty. A key outside the span fails the build. (The
 * subjects, keyed -1 for the unknown one, are few and read only for codes
 * outside the table: they are searched.) */
#undef SMTPREPLY_TR_BASIC
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix) \
    SR_PASTE(SR_TABLE(_basic_row_), code),
enum {
#include LANGUAGE_FILE
    SR_TABLE(_basic_rows)
};
#undef SMTPREPLY_TR_BASIC
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix) \
    [(code) - SR_BASIC_FIRST + 1] = SR_PASTE(SR_TABLE(_basic_row_), code) + 1,
static const unsigned char SR_TABLE(_basic_index)[SR_BASIC_SPAN + 1] = {
    [0] = 0,
#include LANGUAGE_FILE
};
#undef SMTPREPLY_TR_BASIC
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix)
#undef SMTPREPLY_TR_ENHANCED
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix) \
    SR_PASTE(SR_PASTE(SR_TABLE(_enhanced_row_), subject), SR_PASTE(_, detail)),
enum {
#include LANGUAGE_FILE
    SR_TABLE(_enhanced_rows)
};
#undef SMTPREPLY_TR_ENHANCED
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix) \
    [(subject) + 1][detail] = SR_PASTE(SR_PASTE(SR_TABLE(_enhanced_row_), subject), \
                                       SR_PASTE(_, detail)) + 1,
static const unsigned char SR_TABLE(_enhanced_index)[SR_SUBJECT_SPAN + 1][SR_DETAIL_SPAN] = {
    [0][0] = 0,
#include LANGUAGE_FILE
};
#undef SMTPREPLY_TR_ENHANCED
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix)
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    SR_PASTE(SR_TABLE(_basic_class_row_), digit),
enum {
#include LANGUAGE_FILE
    SR_TABLE(_basic_class_rows)
};
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    [(digit) + 1] = SR_PASTE(SR_TABLE(_basic_class_row_), digit) + 1,
static const unsigned char SR_TABLE(_basic_class_index)[SR_CLASS_SPAN + 1] = {
    [0] = 0,
#include LANGUAGE_FILE
};
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix)
#undef SMTPREPLY_TR_STATUS_CLASS
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    SR_PASTE(SR_TABLE(_status_class_row_), digit),
enum {
#include LANGUAGE_FILE
    SR_TABLE(_status_class_rows)
};
#undef SMTPREPLY_TR_STATUS_CLASS
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    [(digit) + 1] = SR_PASTE(SR_TABLE(_status_class_row_), digit) + 1,
static const unsigned char SR_TABLE(_status_class_index)[SR_CLASS_SPAN + 1] = {
    [0] = 0,
#include LANGUAGE_FILE
};
_Static_assert(SR_TABLE(_basic_rows) < 255 && SR_TABLE(_enhanced_rows) < 255 &&
               SR_TABLE(_basic_class_rows) < 255 && SR_TABLE(_status_class_rows) < 255,
               "row indexes are bytes");
#undef SMTPREPLY_TR_TEXT
#undef SMTPREPLY_TR_BASIC
#undef SMTPREPLY_TR_ENHANCED
#undef SMTPREPLY_TR_BASIC_CLASS
#undef SMTPREPLY_TR_STATUS_CLASS
#undef SMTPREPLY_TR_STATUS_SUBJECT
#else
#define SMTPREPLY_TR_TEXT(key, text) [SR_TEXT_##key] = text,
static const char *const SR_TABLE(_texts)[SR_TEXT_COUNT] = {
#define PAGE_TEXT_FILE LANGUAGE_FILE
#include "page_text_rows.h"
};
#endif

#undef SR_TABLE
#undef SR_PASTE
#undef SR_PASTE2
