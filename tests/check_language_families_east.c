/* SPDX-License-Identifier: MIT */
/*
 * check_language_families_east.c - the wording families of Polish, Czech,
 * Slovak, Slovenian, Ukrainian, Russian, Hungarian, Estonian, Finnish,
 * Turkish, Greek, Persian, Chinese, Japanese and Korean replies
 * (lib/data/phrases.def, the issue 18 language families block): one line
 * of each family a language has rows for, written for this test, read
 * with no code and no command, must come out with the family's reason;
 * and a word of a family in an unrelated sentence must not read as it.
 */
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

struct family_line {
    const char *lang, *family;
    int reason;
    const char *text;
};

static const struct family_line family_lines[] = {
    { "cs", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Příjemce neexistuje" },
    { "cs", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Schránka příjemce je zcela plná" },
    { "cs", "message-too-large", SMTPREPLY_REASON_MESGTOOBIG, "Zpráva překročila maximální velikost" },
    { "cs", "not-a-member", SMTPREPLY_REASON_FILTERED, "Nejste členem této konference" },
    { "cs", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Zpráva byla označena jako nežádoucí pošta" },
    { "cs", "held", SMTPREPLY_REASON_ONHOLD, "Vaše zpráva čeká na schválení moderátorem" },
    { "cs", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Zpráva porušuje pravidla serveru" },
    { "cs", "relay-denied", SMTPREPLY_REASON_NORELAYING, "Relay není povolen" },
    { "cs", "syntax", SMTPREPLY_REASON_SYNTAXERROR, "Chyba syntaxe v parametrech" },
    { "el", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Ο παραλήπτης δεν υπάρχει" },
    { "el", "not-a-member", SMTPREPLY_REASON_FILTERED, "Δεν είστε μέλος αυτής της λίστας" },
    { "el", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Το μήνυμα χαρακτηρίστηκε ως ανεπιθύμητο" },
    { "el", "held", SMTPREPLY_REASON_ONHOLD, "Το μήνυμά σας αναμένει έγκριση από τον διαχειριστή" },
    { "el", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Το μήνυμα παραβιάζει την πολιτική του διακομιστή" },
    { "et", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Kasutajat ei leitud" },
    { "et", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Saaja postkast on täis" },
    { "et", "account-disabled", SMTPREPLY_REASON_SUSPEND, "Konto on blokeeritud" },
    { "et", "too-many-recipients", SMTPREPLY_REASON_RATELIMITED, "Liiga palju saajaid" },
    { "et", "message-too-large", SMTPREPLY_REASON_MESGTOOBIG, "Kiri on liiga suur" },
    { "et", "not-a-member", SMTPREPLY_REASON_FILTERED, "Te ei ole listi liige" },
    { "et", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Kiri tunnistati rämpspostiks" },
    { "et", "held", SMTPREPLY_REASON_ONHOLD, "Teie kiri ootab moderaatori kinnitamist" },
    { "et", "virus", SMTPREPLY_REASON_VIRUSDETECTED, "Manuses leiti viirus" },
    { "et", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Kiri rikub serveri reegleid" },
    { "et", "rate", SMTPREPLY_REASON_RATELIMITED, "Olete saatnud liiga palju kirju" },
    { "et", "server-busy", SMTPREPLY_REASON_SYSTEMERROR, "Server on ülekoormatud" },
    { "fa", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "گیرنده یافت نشد" },
    { "fa", "not-a-member", SMTPREPLY_REASON_FILTERED, "شما عضو این فهرست نیستید" },
    { "fa", "spam", SMTPREPLY_REASON_SPAMDETECTED, "پیام به عنوان هرزنامه شناسایی شد" },
    { "fa", "held", SMTPREPLY_REASON_ONHOLD, "پیام شما در انتظار تایید مدیر است" },
    { "fa", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "پیام سیاست سرور را نقض می کند" },
    { "fi", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Vastaanottajaa ei löydy" },
    { "fi", "not-a-member", SMTPREPLY_REASON_FILTERED, "Et ole tämän listan jäsen" },
    { "fi", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Viesti tunnistettiin roskapostiksi" },
    { "fi", "held", SMTPREPLY_REASON_ONHOLD, "Viestisi odottaa moderointia" },
    { "fi", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Viesti rikkoo palvelimen sääntöjä" },
    { "hu", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "A címzett nem létezik" },
    { "hu", "not-a-member", SMTPREPLY_REASON_FILTERED, "Ön nem tagja ennek a levelezőlistának" },
    { "hu", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Az üzenetet kéretlen levélnek minősítettük" },
    { "hu", "held", SMTPREPLY_REASON_ONHOLD, "Az üzenete moderátori jóváhagyásra vár" },
    { "hu", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Az üzenet sérti a szerver szabályait" },
    { "ja", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "宛先のメールアドレスが見つかりません" },
    { "ja", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "受信者のメールボックスがいっぱいです" },
    { "ja", "account-disabled", SMTPREPLY_REASON_SUSPEND, "アカウントは凍結されています" },
    { "ja", "too-many-recipients", SMTPREPLY_REASON_RATELIMITED, "宛先が多すぎます" },
    { "ja", "message-too-large", SMTPREPLY_REASON_MESGTOOBIG, "メッセージがサイズ上限を超えています" },
    { "ja", "not-a-member", SMTPREPLY_REASON_FILTERED, "あなたはこのリストのメンバーではありません" },
    { "ja", "held", SMTPREPLY_REASON_ONHOLD, "投稿は管理者の承認待ちです" },
    { "ja", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "メールはポリシー違反のため拒否されました" },
    { "ja", "rate", SMTPREPLY_REASON_RATELIMITED, "送信件数の上限に達しました" },
    { "ja", "server-busy", SMTPREPLY_REASON_SYSTEMERROR, "サーバーが混雑しています" },
    { "ko", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "받는 사람이 존재하지 않습니다: 받는 사람 주소가 존재하지 않습니다" },
    { "ko", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "받는 사람의 사서함이 가득 찼습니다" },
    { "ko", "not-a-member", SMTPREPLY_REASON_FILTERED, "이 메일링 리스트의 회원이 아닙니다" },
    { "ko", "spam", SMTPREPLY_REASON_SPAMDETECTED, "광고성 메일로 분류되었습니다" },
    { "ko", "held", SMTPREPLY_REASON_ONHOLD, "메시지가 관리자 승인 대기 중입니다" },
    { "ko", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "메일이 정책 위반으로 거부되었습니다" },
    { "pl", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Skrzynka odbiorcy jan@example.pl nie istnieje" },
    { "pl", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Skrzynka odbiorcy jest przepełniona" },
    { "pl", "account-disabled", SMTPREPLY_REASON_SUSPEND, "Konto odbiorcy zostało zawieszone" },
    { "pl", "too-many-recipients", SMTPREPLY_REASON_RATELIMITED, "Wiadomość ma zbyt wielu odbiorców" },
    { "pl", "message-too-large", SMTPREPLY_REASON_MESGTOOBIG, "Przekroczono maksymalny rozmiar wiadomości" },
    { "pl", "not-a-member", SMTPREPLY_REASON_FILTERED, "Nie jesteś członkiem tej listy dyskusyjnej" },
    { "pl", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Wiadomość uznana za niechcianą pocztę: niechciana poczta" },
    { "pl", "held", SMTPREPLY_REASON_ONHOLD, "Twoja wiadomość oczekuje na zatwierdzenie przez moderatora" },
    { "pl", "virus", SMTPREPLY_REASON_VIRUSDETECTED, "Załącznik zawiera złośliwe oprogramowanie" },
    { "pl", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Wiadomość narusza zasady serwera" },
    { "pl", "rate", SMTPREPLY_REASON_RATELIMITED, "Wysyłasz wiadomości zbyt często" },
    { "pl", "server-busy", SMTPREPLY_REASON_SYSTEMERROR, "Serwer jest przeciążony, spróbuj ponownie później" },
    { "ru", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Получатель не найден" },
    { "ru", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Почтовый ящик получателя переполнен" },
    { "ru", "not-a-member", SMTPREPLY_REASON_FILTERED, "Вы не являетесь участником этой рассылки" },
    { "ru", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Письмо распознано как нежелательная почта" },
    { "ru", "held", SMTPREPLY_REASON_ONHOLD, "Ваше сообщение ожидает одобрения модератором" },
    { "ru", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Сообщение нарушает правила сервера" },
    { "ru", "rate", SMTPREPLY_REASON_RATELIMITED, "Вы отправили слишком много писем" },
    { "sk", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Príjemca neexistuje" },
    { "sk", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Schránka príjemcu je preplnená" },
    { "sk", "account-disabled", SMTPREPLY_REASON_SUSPEND, "Účet príjemcu bol pozastavený" },
    { "sk", "not-a-member", SMTPREPLY_REASON_FILTERED, "Nie ste členom tejto konferencie" },
    { "sk", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Správa bola označená ako nevyžiadaná pošta" },
    { "sk", "held", SMTPREPLY_REASON_ONHOLD, "Vaša správa čaká na schválenie moderátorom" },
    { "sk", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Správa je v rozpore s pravidlami servera" },
    { "sk", "relay-denied", SMTPREPLY_REASON_NORELAYING, "Relay nie je povolený" },
    { "sl", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Prejemnik ne obstaja" },
    { "sl", "not-a-member", SMTPREPLY_REASON_FILTERED, "Niste član tega poštnega seznama" },
    { "sl", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Sporočilo je bilo označeno kot neželena pošta" },
    { "sl", "held", SMTPREPLY_REASON_ONHOLD, "Sporočilo čaka na moderacijo" },
    { "sl", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Sporočilo krši pravila strežnika" },
    { "tr", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Alıcı bulunamadı" },
    { "tr", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Alıcının posta kutusu tamamen dolu" },
    { "tr", "not-a-member", SMTPREPLY_REASON_FILTERED, "Bu listenin üyesi değilsiniz" },
    { "tr", "held", SMTPREPLY_REASON_ONHOLD, "İletiniz moderatör onayı bekliyor" },
    { "tr", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "İleti sunucu politikasını ihlal ediyor" },
    { "uk", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "Адреса не існує" },
    { "uk", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "Поштову скриньку переповнено" },
    { "uk", "account-disabled", SMTPREPLY_REASON_SUSPEND, "Обліковий запис одержувача заблоковано" },
    { "uk", "too-many-recipients", SMTPREPLY_REASON_RATELIMITED, "Забагато одержувачів" },
    { "uk", "message-too-large", SMTPREPLY_REASON_MESGTOOBIG, "Повідомлення занадто велике" },
    { "uk", "not-a-member", SMTPREPLY_REASON_FILTERED, "Ви не є учасником цього списку розсилки" },
    { "uk", "spam", SMTPREPLY_REASON_SPAMDETECTED, "Лист визнано як небажана пошта" },
    { "uk", "held", SMTPREPLY_REASON_ONHOLD, "Ваше повідомлення очікує схвалення модератором" },
    { "uk", "virus", SMTPREPLY_REASON_VIRUSDETECTED, "Вкладення містить шкідливе програмне забезпечення" },
    { "uk", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "Повідомлення порушує правила сервера" },
    { "uk", "rate", SMTPREPLY_REASON_RATELIMITED, "Ви надіслали забагато листів" },
    { "uk", "server-busy", SMTPREPLY_REASON_SYSTEMERROR, "Сервер перевантажений" },
    { "zh", "user-unknown", SMTPREPLY_REASON_USERUNKNOWN, "收件人邮件地址不存在" },
    { "zh", "mailbox-full", SMTPREPLY_REASON_MAILBOXFULL, "收件人邮箱已满" },
    { "zh", "account-disabled", SMTPREPLY_REASON_SUSPEND, "收件人账号已被停用" },
    { "zh", "too-many-recipients", SMTPREPLY_REASON_RATELIMITED, "收件人过多" },
    { "zh", "message-too-large", SMTPREPLY_REASON_MESGTOOBIG, "邮件大小超过限制" },
    { "zh", "not-a-member", SMTPREPLY_REASON_FILTERED, "您不是成员，无权发送到此列表" },
    { "zh", "spam", SMTPREPLY_REASON_SPAMDETECTED, "该邮件被判定为垃圾信" },
    { "zh", "held", SMTPREPLY_REASON_ONHOLD, "您的邮件正在等待版主审批" },
    { "zh", "virus", SMTPREPLY_REASON_VIRUSDETECTED, "邮件中含有病毒" },
    { "zh", "policy", SMTPREPLY_REASON_POLICYVIOLATION, "邮件内容违规" },
    { "zh", "rate", SMTPREPLY_REASON_RATELIMITED, "发送数量超过限制" },
    { "zh", "server-busy", SMTPREPLY_REASON_SYSTEMERROR, "服务器繁忙" },
    /* The list managers' and delivery agents' words (the last group of
     * the block). */
    { "cs", "not-in-member-list", SMTPREPLY_REASON_FILTERED, "Vaše adresa není v seznamu členů této konference" },
    { "cs", "content-type", SMTPREPLY_REASON_POLICYVIOLATION, "Typ obsahu přílohy není v konferenci povolen" },
    { "sk", "not-a-subscriber", SMTPREPLY_REASON_FILTERED, "Správu nemožno doručiť, lebo nie ste abonentom konferencie" },
    { "sk", "largest-size", SMTPREPLY_REASON_MESGTOOBIG, "Správa prekročila maximálnu veľkosť 10 MB" },
    { "pl", "internal-server-error", SMTPREPLY_REASON_SYSTEMERROR, "Nie można dostarczyć wiadomości z powodu wewnętrznego błędu serwera" },
    { "ru", "quota-exceeded-by-user", SMTPREPLY_REASON_MAILBOXFULL, "Получатель превысил квоту почтового ящика" },
    { "fi", "quota-exceeded", SMTPREPLY_REASON_MAILBOXFULL, "Postilaatikon kiintiö ylitettiin" },
    { "tr", "not-from-a-member", SMTPREPLY_REASON_FILTERED, "Gönderen liste üyesinden değil" },
    { "tr", "no-subject", SMTPREPLY_REASON_POLICYVIOLATION, "İletinin konusu yok" },
    { "zh", "not-a-subscriber", SMTPREPLY_REASON_FILTERED, "因为您不是订阅者，邮件被拒绝" },
    { "zh", "moderator-review", SMTPREPLY_REASON_ONHOLD, "您的邮件需要版主审核后才能发布" },
    { "zh", "internal-server-error", SMTPREPLY_REASON_SYSTEMERROR, "由于内部服务器错误，邮件无法发送" },
    { "ko", "not-a-list-member", SMTPREPLY_REASON_FILTERED, "보낸 사람이 목록 회원이 아님" },
    { "ko", "awaits-approval", SMTPREPLY_REASON_ONHOLD, "메시지가 관리자의 승인을 기다리고 있습니다" },
    { "ko", "content-type", SMTPREPLY_REASON_POLICYVIOLATION, "첨부 파일의 내용 유형이 허용되지 않습니다" },
    { "ko", "internal-server-error", SMTPREPLY_REASON_SYSTEMERROR, "내부 서버 오류로 메시지를 배포할 수 없습니다" },
};

/* Unrelated sentences with a word of a family: `reason` is the one they
 * must not be read as. */
static const struct family_line unrelated_lines[] = {
    { "pl", "unrelated", SMTPREPLY_REASON_SUSPEND, "Twoje konto zostało utworzone, zablokowanie spamu jest włączone" },
    { "pl", "unrelated", SMTPREPLY_REASON_RATELIMITED, "Dziękujemy, sprawdzamy pocztę zbyt rzadko" },
    { "cs", "unrelated", SMTPREPLY_REASON_ONHOLD, "Děkujeme za zprávu, schůzka je ke schválení odložena" },
    { "cs", "unrelated", SMTPREPLY_REASON_VIRUSDETECTED, "Obsahuje virtuální adresu" },
    { "sk", "unrelated", SMTPREPLY_REASON_USERUNKNOWN, "Používateľ nebol prihlásený včas" },
    { "sl", "unrelated", SMTPREPLY_REASON_FILTERED, "Nikolaj ni clanek napisal" },
    { "uk", "unrelated", SMTPREPLY_REASON_USERUNKNOWN, "Існуюча адреса працює" },
    { "ru", "unrelated", SMTPREPLY_REASON_RATELIMITED, "Количество писем в папке: 3" },
    { "hu", "unrelated", SMTPREPLY_REASON_FILTERED, "Kérjük, maradjon velünk, a tagjainak köszönjük" },
    { "et", "unrelated", SMTPREPLY_REASON_VIRUSDETECTED, "Virulentne arutelu jätkub homme" },
    { "fi", "unrelated", SMTPREPLY_REASON_SUSPEND, "Tilitoimisto on suljettu maanantaisin" },
    { "tr", "unrelated", SMTPREPLY_REASON_ONHOLD, "Toplantı onaylandı, yarın görüşürüz" },
    { "el", "unrelated", SMTPREPLY_REASON_USERUNKNOWN, "Ο χρήστης υπάρχει και είναι ενεργός" },
    { "fa", "unrelated", SMTPREPLY_REASON_USERUNKNOWN, "کاربر گرامی، پیام شما دریافت شد" },
    { "zh", "unrelated", SMTPREPLY_REASON_VIRUSDETECTED, "病人已经出院" },
    { "zh", "unrelated", SMTPREPLY_REASON_USERUNKNOWN, "收件人地址正确" },
    { "ja", "unrelated", SMTPREPLY_REASON_MAILBOXFULL, "会場は満席です" },
    { "ko", "unrelated", SMTPREPLY_REASON_RATELIMITED, "수신자 목록을 확인해 주세요" },
    { "cs", "unrelated", SMTPREPLY_REASON_POLICYVIOLATION, "Typický obsah zprávy je v pořádku" },
    { "ko", "unrelated", SMTPREPLY_REASON_MESGTOOBIG, "최대한 빨리 답장 드리겠습니다" },
    { "zh", "unrelated", SMTPREPLY_REASON_ONHOLD, "版主已经发布了新的公告" },
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static struct smtpreply_verdict read_line(const char *text)
{
    struct smtpreply_verdict v;

    memset(&v, 0, sizeof v);
    v.size = sizeof v;
    ck_assert_int_eq(smtpreply_classify(text, strlen(text), SMTPREPLY_COMMAND_NONE, 0, &v),
                     SMTPREPLY_OK);
    return v;
}

START_TEST(family_line_reads_as_its_reason)
{
    const struct family_line *l = &family_lines[_i];
    struct smtpreply_verdict v = read_line(l->text);

    ck_assert_msg(v.reason == l->reason, "%s %s: \"%s\" read as %s (rule %s), wanted %s",
                  l->lang, l->family, l->text, smtpreply_reason_name(v.reason), v.rule,
                  smtpreply_reason_name(l->reason));
}
END_TEST

START_TEST(unrelated_line_does_not_read_as_the_family)
{
    const struct family_line *l = &unrelated_lines[_i];
    struct smtpreply_verdict v = read_line(l->text);

    ck_assert_msg(v.reason != l->reason, "%s: \"%s\" read as %s (rule %s)", l->lang, l->text,
                  smtpreply_reason_name(v.reason), v.rule);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("language_families_east");
    TCase *tc = tcase_create("families");

    tcase_add_loop_test(tc, family_line_reads_as_its_reason, 0, COUNT(family_lines));
    tcase_add_loop_test(tc, unrelated_line_does_not_read_as_the_family, 0,
                        COUNT(unrelated_lines));
    suite_add_tcase(s, tc);
    return test_run(s);
}
