/* SPDX-License-Identifier: MIT */
/*
 * code_table.c - the built-in table of reply codes and enhanced status
 * codes, compiled from the .def files into static const storage.
 *
 * Rows are kept sorted in the .def files (tests check it), the order in
 * which smtpreply_code_at() lists them. Lookups by code go through row
 * indexes the compiler fills from the same files: codes come in no
 * particular order (a comparison, a log), and a binary search over them
 * mispredicts a branch at nearly every step. Nothing is built at run time.
 */
#include "internal.h"

#define PASTE2(a, b) a##b
#define PASTE(a, b) PASTE2(a, b)
/* The member of struct code_texts that holds one field of the generic
 * row on the current line of generic_codes.def (its subject rows are keyed
 * by numbers such as -1, which make no name). */
#define GENERIC(field) PASTE(PASTE(generic_, __LINE__), _##field)

/* Every text of the tables below, each a char array of its own size, end
 * to end in one object: the rows hold the texts' offsets in it, which
 * sr_code_text() turns into pointers. Pointers in the rows would each be a
 * dynamic relocation, 24 bytes of the library and work at every load. */
struct code_texts {
#define SMTPREPLY_BASIC_CODE(code, name, rfc, description, when, fix) \
    char basic_##code##_code_text[sizeof #code], basic_##code##_name[sizeof name], \
        basic_##code##_rfc[sizeof rfc], basic_##code##_description[sizeof description], \
        basic_##code##_when[sizeof when], basic_##code##_fix[sizeof fix];
#include "data/basic_codes.def"
#undef SMTPREPLY_BASIC_CODE
#define SMTPREPLY_ENHANCED_CODE(subject, detail, name, rfc, associated, \
                                description, when, fix) \
    char enhanced_##subject##_##detail##_code_text[sizeof "X." #subject "." #detail], \
        enhanced_##subject##_##detail##_name[sizeof name], \
        enhanced_##subject##_##detail##_rfc[sizeof rfc], \
        enhanced_##subject##_##detail##_associated[sizeof associated], \
        enhanced_##subject##_##detail##_description[sizeof description], \
        enhanced_##subject##_##detail##_when[sizeof when], \
        enhanced_##subject##_##detail##_fix[sizeof fix];
#include "data/enhanced_codes.def"
#undef SMTPREPLY_ENHANCED_CODE
#define GENERIC_ROW(pattern, name_text, class_text, description_text, when_text, fix_text) \
    char GENERIC(code_text)[sizeof pattern], GENERIC(name)[sizeof name_text], \
        GENERIC(class_name)[sizeof class_text], GENERIC(description)[sizeof description_text], \
        GENERIC(when)[sizeof when_text], GENERIC(fix)[sizeof fix_text];
#define SMTPREPLY_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    GENERIC_ROW(#digit "xx", name, class_name, description, when, fix)
#define SMTPREPLY_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    GENERIC_ROW(#digit ".X.X", name, class_name, description, when, fix)
#define SMTPREPLY_STATUS_SUBJECT(subject, pattern, name, description, when, fix) \
    GENERIC_ROW(pattern, name, "", description, when, fix)
#include "data/generic_codes.def"
#undef GENERIC_ROW
};

static const struct code_texts code_texts = {
#define TEXTS(...) __VA_ARGS__,
#define SMTPREPLY_BASIC_CODE(code, name, rfc, description, when, fix) \
    TEXTS(#code, name, rfc, description, when, fix)
#include "data/basic_codes.def"
#undef SMTPREPLY_BASIC_CODE
#define SMTPREPLY_ENHANCED_CODE(subject, detail, name, rfc, associated, \
                                description, when, fix) \
    TEXTS("X." #subject "." #detail, name, rfc, associated, description, when, fix)
#include "data/enhanced_codes.def"
#undef SMTPREPLY_ENHANCED_CODE
#define GENERIC_ROW TEXTS
#include "data/generic_codes.def"
#undef GENERIC_ROW
#undef TEXTS
};

#define AT(member) offsetof(struct code_texts, member)

const char *sr_code_text(sr_code_text_at at)
{
    return (const char *)&code_texts + at;
}

static const struct sr_basic_entry basic_table[] = {
#define SMTPREPLY_BASIC_CODE(code, name, rfc, description, when, fix) \
    { code, AT(basic_##code##_code_text), AT(basic_##code##_name), AT(basic_##code##_rfc), \
      AT(basic_##code##_description), AT(basic_##code##_when), AT(basic_##code##_fix) },
#include "data/basic_codes.def"
#undef SMTPREPLY_BASIC_CODE
};

static const struct sr_enhanced_entry enhanced_table[] = {
#define SMTPREPLY_ENHANCED_CODE(subject, detail, name, rfc, associated, \
                                description, when, fix) \
    { subject, detail, AT(enhanced_##subject##_##detail##_code_text), \
      AT(enhanced_##subject##_##detail##_name), AT(enhanced_##subject##_##detail##_rfc), \
      AT(enhanced_##subject##_##detail##_associated), \
      AT(enhanced_##subject##_##detail##_description), \
      AT(enhanced_##subject##_##detail##_when), AT(enhanced_##subject##_##detail##_fix) },
#include "data/enhanced_codes.def"
#undef SMTPREPLY_ENHANCED_CODE
};

#define COUNT(table) (sizeof(table) / sizeof((table)[0]))

/* Row numbers, in .def order, to index the rows by code. */
enum basic_row {
#define SMTPREPLY_BASIC_CODE(code, name, rfc, description, when, fix) BASIC_ROW_##code,
#include "data/basic_codes.def"
#undef SMTPREPLY_BASIC_CODE
    BASIC_ROWS
};

enum enhanced_row {
#define SMTPREPLY_ENHANCED_CODE(subject, detail, name, rfc, associated, \
                                description, when, fix) \
    ENHANCED_ROW_##subject##_##detail,
#include "data/enhanced_codes.def"
#undef SMTPREPLY_ENHANCED_CODE
    ENHANCED_ROWS
};

/* Row + 1 by code; 0 where the table has no row. */
static const unsigned char basic_row_of[SR_BASIC_SPAN] = {
#define SMTPREPLY_BASIC_CODE(code, name, rfc, description, when, fix) \
    [(code) - SR_BASIC_FIRST] = BASIC_ROW_##code + 1,
#include "data/basic_codes.def"
#undef SMTPREPLY_BASIC_CODE
};

static const unsigned char enhanced_row_of[SR_SUBJECT_SPAN][SR_DETAIL_SPAN] = {
#define SMTPREPLY_ENHANCED_CODE(subject, detail, name, rfc, associated, \
                                description, when, fix) \
    [subject][detail] = ENHANCED_ROW_##subject##_##detail + 1,
#include "data/enhanced_codes.def"
#undef SMTPREPLY_ENHANCED_CODE
};

_Static_assert(BASIC_ROWS < 255 && ENHANCED_ROWS < 255, "row indexes are bytes");

/* The generic rows: index 0..3 basic classes 2..5, then enhanced classes
 * 2, 4, 5, then subjects 0..7 and the unknown-subject row. */
#define GENERIC_ROW \
    { AT(GENERIC(code_text)), AT(GENERIC(name)), AT(GENERIC(class_name)), \
      AT(GENERIC(description)), AT(GENERIC(when)), AT(GENERIC(fix)) },
#undef SMTPREPLY_BASIC_CLASS
#undef SMTPREPLY_STATUS_CLASS
#undef SMTPREPLY_STATUS_SUBJECT

static const struct sr_generic_entry basic_class_rows[] = {
#define SMTPREPLY_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    GENERIC_ROW
#define SMTPREPLY_STATUS_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_STATUS_SUBJECT(subject, pattern, name, description, when, fix)
#include "data/generic_codes.def"
#undef SMTPREPLY_BASIC_CLASS
#undef SMTPREPLY_STATUS_CLASS
#undef SMTPREPLY_STATUS_SUBJECT
};

static const struct sr_generic_entry status_class_rows[] = {
#define SMTPREPLY_BASIC_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    GENERIC_ROW
#define SMTPREPLY_STATUS_SUBJECT(subject, pattern, name, description, when, fix)
#include "data/generic_codes.def"
#undef SMTPREPLY_BASIC_CLASS
#undef SMTPREPLY_STATUS_CLASS
#undef SMTPREPLY_STATUS_SUBJECT
};

static const struct sr_generic_entry subject_rows[] = {
#define SMTPREPLY_BASIC_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_STATUS_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_STATUS_SUBJECT(subject, pattern, name, description, when, fix) \
    GENERIC_ROW
#include "data/generic_codes.def"
#undef SMTPREPLY_BASIC_CLASS
#undef SMTPREPLY_STATUS_CLASS
#undef SMTPREPLY_STATUS_SUBJECT
};
#undef GENERIC_ROW

const struct sr_basic_entry *sr_table_find_basic(int code)
{
    int row;

    if (code < SR_BASIC_FIRST || code >= SR_BASIC_FIRST + SR_BASIC_SPAN)
        return NULL;
    row = basic_row_of[code - SR_BASIC_FIRST];
    return row == 0 ? NULL : &basic_table[row - 1];
}

const struct sr_enhanced_entry *sr_table_find_enhanced(int subject, int detail)
{
    int row;

    if (subject < 0 || subject >= SR_SUBJECT_SPAN || detail < 0 || detail >= SR_DETAIL_SPAN)
        return NULL;
    row = enhanced_row_of[subject][detail];
    return row == 0 ? NULL : &enhanced_table[row - 1];
}

size_t sr_table_basic_count(void)
{
    return COUNT(basic_table);
}

size_t sr_table_enhanced_count(void)
{
    return COUNT(enhanced_table);
}

const struct sr_basic_entry *sr_table_basic_at(size_t index)
{
    return index < COUNT(basic_table) ? &basic_table[index] : NULL;
}

const struct sr_enhanced_entry *sr_table_enhanced_at(size_t index)
{
    return index < COUNT(enhanced_table) ? &enhanced_table[index] : NULL;
}

const struct sr_generic_entry *sr_generic_basic_class(int reply_class)
{
    if (reply_class < 2 || reply_class > 5)
        return NULL;
    return &basic_class_rows[reply_class - 2];
}

const struct sr_generic_entry *sr_generic_enhanced_class(int status_class)
{
    switch (status_class) {
    case 2: return &status_class_rows[0];
    case 4: return &status_class_rows[1];
    case 5: return &status_class_rows[2];
    default: return NULL;
    }
}

const struct sr_generic_entry *sr_generic_subject(int subject)
{
    /* Rows 0..7 are the registered subjects; the last row is "unknown". */
    if (subject < 0 || subject > 7)
        return &subject_rows[COUNT(subject_rows) - 1];
    return &subject_rows[subject];
}
