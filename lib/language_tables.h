/*
 * language_tables.h - the tables of one language, compiled from its data
 * file. Included once per language by translations.c with LANGUAGE_TAG
 * (e.g. fr) and LANGUAGE_FILE (e.g. "lang/fr.def") defined.
 *
 * Every table ends with a sentinel row, so a language that translates
 * none of one kind of row still compiles (C11 has no empty initialisers).
 */
#define SR_PASTE2(a, b) a##b
#define SR_PASTE(a, b) SR_PASTE2(a, b)
#define SR_TABLE(suffix) SR_PASTE(LANGUAGE_TAG, suffix)

#define SMTPREPLY_TR_TEXT(key, text)
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix) \
    { code, 0, name, "", description, when, fix },
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
    { subject, detail, name, "", description, when, fix },
static const struct sr_translated SR_TABLE(_enhanced)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_ENHANCED
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix)
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix) \
    { digit, 0, name, class_name, description, when, fix },
static const struct sr_translated SR_TABLE(_basic_class)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_BASIC_CLASS
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix)
#undef SMTPREPLY_TR_STATUS_CLASS
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix) \
    { digit, 0, name, class_name, description, when, fix },
static const struct sr_translated SR_TABLE(_status_class)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_STATUS_CLASS
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix)
#undef SMTPREPLY_TR_STATUS_SUBJECT
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix) \
    { subject, 0, name, "", description, when, fix },
static const struct sr_translated SR_TABLE(_subject)[] = {
#include LANGUAGE_FILE
    SR_TRANSLATED_END
};
#undef SMTPREPLY_TR_STATUS_SUBJECT
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix)
#undef SMTPREPLY_TR_TEXT
#define SMTPREPLY_TR_TEXT(key, text) [SR_TEXT_##key] = text,
static const char *const SR_TABLE(_texts)[SR_TEXT_COUNT] = {
#include LANGUAGE_FILE
};

#undef SMTPREPLY_TR_TEXT
#undef SMTPREPLY_TR_BASIC
#undef SMTPREPLY_TR_ENHANCED
#undef SMTPREPLY_TR_BASIC_CLASS
#undef SMTPREPLY_TR_STATUS_CLASS
#undef SMTPREPLY_TR_STATUS_SUBJECT
#undef SR_TABLE
#undef SR_PASTE
#undef SR_PASTE2
