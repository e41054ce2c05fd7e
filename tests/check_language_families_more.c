/* SPDX-License-Identifier: MIT */
/*
 * check_language_families_more.c - the wording families of Bulgarian,
 * Serbian, Croatian, Hebrew, Indonesian and Malay, Vietnamese, Albanian,
 * Basque, Occitan, Norwegian and Esperanto in lib/data/phrases.def: a
 * reply of each family, written for this test in the words a server or a
 * list manager of the language would use, is read as the family's reason
 * by the family's row; and a word of a family in a sentence that says
 * something else is not taken by that row.
 */
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

struct family_reply {
    const char *line;
    int reason;
    const char *rule;
};

#define R(reason) SMTPREPLY_REASON_##reason

static const struct family_reply replies[] = {
    /* Bulgarian */
    { "Домейнът example.bg не съществува", R(HOSTUNKNOWN), "bg-domain-does-not-exist" },
    { "Потребителят ivan@example.bg не съществува", R(USERUNKNOWN), "bg-user-does-not-exist" },
    { "Получателят не съществува в системата", R(USERUNKNOWN), "bg-recipient-does-not-exist" },
    { "Квотата на пощенската кутия е надвишена", R(MAILBOXFULL), "bg-quota-exceeded" },
    { "Писмото има твърде много получатели", R(RATELIMITED), "bg-too-many-recipients" },
    { "Съобщението е твърде голямо за този списък", R(MESGTOOBIG), "bg-too-large" },
    { "Подателят не е член на списъка", R(FILTERED), "bg-not-a-member" },
    { "Не сте член на този пощенски списък", R(FILTERED), "bg-you-are-not-a-member" },
    { "Съобщението ви очаква одобрение от модератора", R(ONHOLD), "bg-approval" },
    { "Съобщението няма тема", R(POLICYVIOLATION), "bg-no-subject" },
    /* Serbian, Cyrillic and Latin; Croatian */
    { "Нема таквог корисника: pera", R(USERUNKNOWN), "sr-no-such-user" },
    { "Квота поштанског сандучета је премашена", R(MAILBOXFULL), "sr-quota-exceeded" },
    { "Nema takvog korisnika na ovom serveru", R(USERUNKNOWN), "sr-hr-no-such-user" },
    { "Korisnik marko@example.hr ne postoji", R(USERUNKNOWN), "sr-hr-user-does-not-exist" },
    { "Kvota sandučeta je premašena", R(MAILBOXFULL), "sr-quota-exceeded-latin" },
    { "Kvota poštanskog pretinca je prekoračena", R(MAILBOXFULL), "hr-quota-exceeded" },
    /* Hebrew */
    { "ההודעה שלך נשלחה לאישור המנחה", R(ONHOLD), "he-for-approval" },
    { "אינך חבר ברשימה זו", R(FILTERED), "he-you-are-not-a-member" },
    { "השולח אינו חבר ברשימה", R(FILTERED), "he-not-a-member" },
    { "יש בהודעה יותר מדי נמענים", R(RATELIMITED), "he-too-many-recipients" },
    { "הקובץ המצורף גדול מדי", R(MESGTOOBIG), "he-too-large" },
    { "ההודעה גדולה מדי", R(MESGTOOBIG), "he-too-large-f" },
    { "להודעה אין נושא", R(POLICYVIOLATION), "he-no-subject" },
    { "ההודעה סווגה כדואר זבל", R(SPAMDETECTED), "he-junk-mail" },
    /* Indonesian and Malay */
    { "Tidak ada pengguna dengan nama itu", R(USERUNKNOWN), "id-no-such-user" },
    { "Kotak surat penerima telah melebihi kuota", R(MAILBOXFULL), "id-over-quota" },
    { "Kuota penyimpanan sudah dilewati", R(MAILBOXFULL), "id-quota-passed" },
    { "Anda bukan anggota milis ini", R(FILTERED), "id-not-a-member" },
    { "Anda bukan ahli senarai ini", R(FILTERED), "ms-not-a-member" },
    { "Pesan Anda sedang menunggu persetujuan moderator", R(ONHOLD), "id-awaiting-approval" },
    /* Vietnamese */
    { "Hạn ngạch hộp thư của người nhận đã bị vượt quá", R(MAILBOXFULL), "vi-quota-exceeded" },
    { "Thư có quá nhiều người nhận", R(RATELIMITED), "vi-too-many-recipients" },
    /* Albanian */
    { "Mesazhi ka më tepër se 20 marrës", R(RATELIMITED), "sq-more-recipients-than" },
    { "Mesazhi juaj është më i madh se sa lejohet", R(MESGTOOBIG), "sq-larger-than" },
    { "Dërguesi është i dëbuar nga kjo listë", R(REJECTED), "sq-sender-banned" },
    { "Dërguesi nuk është anëtar i kësaj liste", R(FILTERED), "sq-not-a-member" },
    { "Dërguesi s’është anëtar i listës", R(FILTERED), "sq-not-from-a-member" },
    { "Ju jeni një anëtar i moderuar", R(ONHOLD), "sq-moderated" },
    { "Lista është nën moderim", R(ONHOLD), "sq-moderation" },
    { "Mesazhi s’ka subjekt", R(POLICYVIOLATION), "sq-no-subject" },
    { "Mesazhi s'ka subjekt", R(POLICYVIOLATION), "sq-no-subject-b" },
    { "Mesazhi nuk ka subjekt", R(POLICYVIOLATION), "sq-no-subject-c" },
    /* Basque */
    { "Mezuaren tamainak muga gainditu du", R(MESGTOOBIG), "eu-size-exceeded" },
    { "Mezua handiegia da", R(MESGTOOBIG), "eu-too-large" },
    { "Mezuan birusa aurkitu da", R(VIRUSDETECTED), "eu-virus" },
    { "Ezin da bidali barne errore baten ondorioz", R(SYSTEMERROR), "eu-internal-error" },
    { "Ez zara kidea zerrenda honetan", R(FILTERED), "eu-not-a-member" },
    { "Zure mezua moderatzailearen onespenaren zain dago", R(ONHOLD), "eu-awaiting-approval" },
    /* Occitan */
    { "Vòstre messatge a pas cap de subjècte", R(POLICYVIOLATION), "oc-no-subject" },
    /* Norwegian, Bokmål and Nynorsk */
    { "Avsenderen er ikke et listemedlem", R(FILTERED), "nb-not-from-a-list-member" },
    { "Du er ikkje medlem av denne lista", R(FILTERED), "nn-not-a-member" },
    { "E-posten mangler emne", R(POLICYVIOLATION), "nb-missing-subject" },
    { "Meldinga manglar emne", R(POLICYVIOLATION), "nn-missing-subject" },
    { "Innlegget venter på moderatorgodkjenning", R(ONHOLD), "nb-moderator-approval" },
    { "Meldinga har for mange mottakarar", R(RATELIMITED), "nb-too-many-recipients" },
    /* Esperanto */
    { "Al via mesaĝo mankas temo", R(POLICYVIOLATION), "eo-missing-subject" },
    { "Vi ne estas membro de la listo", R(FILTERED), "eo-not-a-member" },
    { "La mesaĝo estas tro granda", R(MESGTOOBIG), "eo-too-large" },
};

/* A family's word in a sentence of another meaning, and the row that
 * must not take it. */
struct unrelated_reply {
    const char *line;
    const char *rule;
};

static const struct unrelated_reply unrelated[] = {
    { "Потребителят съществува и пощата е доставена", "bg-user-does-not-exist" },
    { "Размерът е голям, но е в рамките на квотата", "bg-quota-exceeded" },
    { "Корисник постоји", "sr-no-such-user" },
    { "Korisnik postoji i poruka je isporučena", "sr-hr-user-does-not-exist" },
    { "Kvota je dovoljna", "sr-quota-exceeded-latin" },
    { "ההודעה אינה גדולה", "he-too-large" },
    { "Pengguna ada di dalam daftar", "id-no-such-user" },
    { "Kuota Anda masih tersedia", "id-quota-passed" },
    { "Không thể gửi thư lúc này", "vi-quota-exceeded" },
    { "Không thể gửi thư lúc này", "vi-too-many-recipients" },
    { "Mesazhi ka subjektin e duhur", "sq-no-subject-c" },
    { "Mesazhi ka subjektin e duhur", "sq-no-subject" },
    { "Antibirusak ez du ezer aurkitu", "eu-virus" },
    { "Mezuaren tamaina egokia da", "eu-size-exceeded" },
    { "Lo messatge a un subjècte", "oc-no-subject" },
    { "Du er medlem av lista", "nn-not-a-member" },
    { "Meldingen har emne", "nb-missing-subject" },
    { "Vi estas membro de la listo", "eo-not-a-member" },
};

START_TEST(family_reply_reads_as_its_reason)
{
    const struct family_reply *r = &replies[_i];
    struct smtpreply_verdict v = { .size = sizeof v };

    ck_assert_int_eq(smtpreply_classify(r->line, strlen(r->line), SMTPREPLY_COMMAND_NONE, 0, &v),
                     SMTPREPLY_OK);
    ck_assert_msg(v.reason == r->reason && strcmp(v.rule, r->rule) == 0,
                  "\"%s\": got %s (rule %s), want %s (rule %s)", r->line,
                  smtpreply_reason_name(v.reason), v.rule, smtpreply_reason_name(r->reason),
                  r->rule);
    /* A post held for approval is waited for, not refused. */
    if (r->reason == SMTPREPLY_REASON_ONHOLD)
        ck_assert_int_eq(v.verdict, SMTPREPLY_VERDICT_TRANSIENT);
}
END_TEST

START_TEST(unrelated_sentence_is_not_the_family)
{
    const struct unrelated_reply *r = &unrelated[_i];
    struct smtpreply_verdict v = { .size = sizeof v };

    ck_assert_int_eq(smtpreply_classify(r->line, strlen(r->line), SMTPREPLY_COMMAND_NONE, 0, &v),
                     SMTPREPLY_OK);
    ck_assert_msg(strcmp(v.rule, r->rule) != 0, "\"%s\" taken by %s", r->line, r->rule);
}
END_TEST

static Suite *language_families_suite(void)
{
    Suite *s = suite_create("language_families_more");
    TCase *tc = tcase_create("families");

    tcase_add_loop_test(tc, family_reply_reads_as_its_reason, 0,
                        (int)(sizeof replies / sizeof replies[0]));
    tcase_add_loop_test(tc, unrelated_sentence_is_not_the_family, 0,
                        (int)(sizeof unrelated / sizeof unrelated[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(language_families_suite());
}
