/* SPDX-License-Identifier: MIT */
/*
 * page_text_rows.h - the page-text rows of one language file. Includes
 * PAGE_TEXT_FILE with its code rows read as nothing, so that only its
 * SMTPREPLY_TR_TEXT rows expand, as the includer has defined that macro;
 * then undefines both. Included once per use, so it has no guard.
 */
#define SMTPREPLY_TR_BASIC(code, name, description, when, fix)
#define SMTPREPLY_TR_ENHANCED(subject, detail, name, description, when, fix)
#define SMTPREPLY_TR_BASIC_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_TR_STATUS_CLASS(digit, name, class_name, description, when, fix)
#define SMTPREPLY_TR_STATUS_SUBJECT(subject, name, description, when, fix)
#include PAGE_TEXT_FILE
#undef SMTPREPLY_TR_TEXT
#undef SMTPREPLY_TR_BASIC
#undef SMTPREPLY_TR_ENHANCED
#undef SMTPREPLY_TR_BASIC_CLASS
#undef SMTPREPLY_TR_STATUS_CLASS
#undef SMTPREPLY_TR_STATUS_SUBJECT
#undef PAGE_TEXT_FILE
