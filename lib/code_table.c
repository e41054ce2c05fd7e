/*
 * code_table.c - the built-in table of reply codes and enhanced status
 * codes, compiled from the .def files into static const storage.
 *
 * Rows are kept sorted in the .def files (tests check it), so lookups are
 * binary searches and nothing is built at run time.
 */
#include "internal.h"

static const struct sr_basic_entry basic_table[] = {
#define SMTPREPLY_BASIC_CODE(code, name, rfc, description, when, fix) \
    { code, #code, name, rfc, description, when, fix },
#include "data/basic_codes.def"
#undef SMTPREPLY_BASIC_CODE
};

static const struct sr_enhanced_entry enhanced_table[] = {
#define SMTPREPLY_ENHANCED_CODE(subject, detail, name, rfc, associated, \
                                description, when, fix) \
    { subject, detail, "X." #subject "." #detail, name, rfc, associated, \
      description, when, fix },
#include "data/enhanced_codes.def"
#undef SMTPREPLY_ENHANCED_CODE
};

#define COUNT(table) (sizeof(table) / sizeof((table)[0]))

/* The generic rows: index 0..3 basic classes 2..5, then enhanced classes
 * 2, 4, 5, then subjects 0..7 and the unknown-subject row. */
static const struct sr_generic_entry basic_class_rows[] = {
#define SMTPREPLY_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    { #digit "xx", name, class_name, description, when, fix },
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
    { #digit ".X.X", name, class_name, description, when, fix },
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
    { pattern, name, "", description, when, fix },
#include "data/generic_codes.def"
#undef SMTPREPLY_BASIC_CLASS
#undef SMTPREPLY_STATUS_CLASS
#undef SMTPREPLY_STATUS_SUBJECT
};

static long basic_key(size_t i)
{
    return basic_table[i].code;
}

static long enhanced_key(size_t i)
{
    return enhanced_table[i].subject * 1000L + enhanced_table[i].detail;
}

const struct sr_basic_entry *sr_table_find_basic(int code)
{
    long i = sr_find_sorted(COUNT(basic_table), code, basic_key);

    return i < 0 ? NULL : &basic_table[i];
}

const struct sr_enhanced_entry *sr_table_find_enhanced(int subject, int detail)
{
    long i = sr_find_sorted(COUNT(enhanced_table), subject * 1000L + detail, enhanced_key);

    return i < 0 ? NULL : &enhanced_table[i];
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
