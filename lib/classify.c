/* SPDX-License-Identifier: MIT */
/*
 * classify.c - a verdict on a reply from everything it carries: the reply
 * code, the enhanced status code, the text, and the SMTP command.
 *
 * The codes give a first reason (classify_codes.c); the text refines or,
 * when it is unambiguous, overrides it (phrase_match.c); the command then
 * says whose address a failure concerns, or what an unexplained refusal
 * refused; a weak phrase fills whatever gap is left.
 */
#include <string.h>
#include "internal.h"
#include "word_tokens.h"

/* Pairs where the code's reason is a finer form of the text's: the text
 * then confirms the code rather than overriding it ("message size
 * exceeds" under X.2.3 is the recipient's own limit), unless its words say
 * the limit is another's (apply_text()). */
static const struct { int code_reason, text_reason; } refinements[] = {
    { SMTPREPLY_REASON_EXCEEDLIMIT, SMTPREPLY_REASON_MESGTOOBIG },
    { SMTPREPLY_REASON_EXCEEDLIMIT, SMTPREPLY_REASON_MAILBOXFULL },
};

static int code_refines_text(int code_reason, int text_reason)
{
    size_t i;

    for (i = 0; i < sizeof refinements / sizeof refinements[0]; i++)
        if (refinements[i].code_reason == code_reason &&
            refinements[i].text_reason == text_reason)
            return 1;
    return 0;
}

/* Pairs where a weak phrase names a finer form of the reason that the
 * subject of an enhanced status code gives, and so decides over it, as a
 * strong one would: an X.4.x routing status is a network failure, and
 * words that say the connection could not be opened or the delivery time
 * ran out ("cannot connect to", "has been delayed") say which
 * (docs/REASONS.md: a connection that could not be opened is expired);
 * an X.1.x address status is an unknown address, and words that say the
 * mailbox exists but is inactive, disabled or locked say it is
 * suspended. */
static const struct { int code_reason, text_reason; } weak_refinements[] = {
    { SMTPREPLY_REASON_NETWORKERROR, SMTPREPLY_REASON_EXPIRED },
    { SMTPREPLY_REASON_USERUNKNOWN, SMTPREPLY_REASON_SUSPEND },
};

static int text_refines_code(const struct smtpreply_verdict *v, int text_reason)
{
    size_t i;

    if (v->rule != sr_rule_enhanced_status)
        return 0;
    for (i = 0; i < sizeof weak_refinements / sizeof weak_refinements[0]; i++)
        if (weak_refinements[i].code_reason == v->reason &&
            weak_refinements[i].text_reason == text_reason)
            return 1;
    return 0;
}

/* What the text adds to the reason the codes gave. A strong phrase
 * confirms, fills in or corrects the codes (and says so); a weak one is
 * kept for later, to fill a gap nothing else could. Returns whether the
 * phrase decided the reason now. */
static int apply_text(struct smtpreply_verdict *v, int row, int *weak_row)
{
    int text_reason;

    *weak_row = -1;
    if (row < 0)
        return 0;
    text_reason = sr_phrase_reason(row);
    /* Servers give X.2.3 to any message over a size limit, their own too
     * ("552 5.2.3 Your message exceeded Google's message size limits"):
     * words that say whose limit it is (a system's, the sender's or its
     * organisation's) decide over the recipient's own limit the code
     * names, and fall through to override it. */
    if (v->reason == text_reason ||
        (code_refines_text(v->reason, text_reason) && !sr_phrase_names_system_limit(row))) {
        v->rule = sr_phrase_rule(row);
        return 1;
    }
    /* A weak phrase, or any phrase beside a code its provider documents
     * (Microsoft's "451 4.7.500 Server busy" is its IP throttling, not a
     * busy server), only fills a gap; but any phrase names the cause
     * better than a basic code that servers also send for other causes
     * than its own (SMTPREPLY_BASIC_YIELDS: "521 access denied"). */
    if ((!sr_phrase_is_strong(row) && !text_refines_code(v, text_reason) &&
         !(v->rule == sr_rule_basic_code &&
           (sr_basic_code_yields(v->basic_code) & SR_YIELDS_TO_WEAK_PHRASE))) ||
        v->rule == sr_rule_vendor_status) {
        *weak_row = row;
        return 0;
    }
    if (v->reason != SMTPREPLY_REASON_UNDEFINED)
        v->flags |= SMTPREPLY_FLAG_TEXT_OVERRIDE;
    v->reason = text_reason;
    v->rule = sr_phrase_rule(row);
    return 1;
}

/* Whether a weak phrase names a cause that no command's default reading
 * stands for: a network or system failure, a full system, a delivery
 * delayed or held, the client's protocol or security setup, a rate (the
 * list docs/REASONS.md's step 3 gives). Those outrank what the command alone would make
 * of an unexplained refusal ("451 Timeout reading data" at MAIL FROM is
 * not the sender refused); the broad words of a refusal ("denied", "not
 * allowed", "blocked") do not, and leave the refusal to the command,
 * which says whom it concerns. */
static int weak_names_other_cause(int reason)
{
    switch (reason) {
    case SMTPREPLY_REASON_NETWORKERROR:
    case SMTPREPLY_REASON_SYSTEMERROR:
    case SMTPREPLY_REASON_SYSTEMFULL:
    case SMTPREPLY_REASON_EXPIRED:
    case SMTPREPLY_REASON_ONHOLD:
    case SMTPREPLY_REASON_SYNTAXERROR:
    case SMTPREPLY_REASON_SECURITYERROR:
    case SMTPREPLY_REASON_RATELIMITED:
        return 1;
    default:
        return 0;
    }
}

/* Whether the reason, inside the frame Postfix puts around a refusal of
 * the envelope sender ("Sender address rejected: Domain not found"), is
 * the sender refused after all: an address, a domain or a mailbox said
 * unknown, disabled, not well formed or taking no mail (a null MX) is the
 * sender's, whatever the
 * command; the broad words of a block or of spam ("Access denied",
 * "Blocked due to spam") say why the sender is refused, not that the host
 * or the message is. A rate, a greylisting, a system's state keep their
 * own reason. */
static int names_sender_address(const struct smtpreply_verdict *v, unsigned signals)
{
    if (!(signals & SR_SIGNAL_SENDER_FRAME))
        return 0;
    switch (v->reason) {
    case SMTPREPLY_REASON_USERUNKNOWN:
    case SMTPREPLY_REASON_HOSTUNKNOWN:
    case SMTPREPLY_REASON_NOTACCEPT:
    case SMTPREPLY_REASON_SUSPEND:
    case SMTPREPLY_REASON_BLOCKED:
    case SMTPREPLY_REASON_SPAMDETECTED:
        return 1;
    case SMTPREPLY_REASON_SYNTAXERROR:
        /* An address not well formed is the sender's; the client's use of
         * the protocol that the same frame reports is its software's
         * (Postfix's reject_unauth_pipelining among the sender
         * restrictions: "Sender address rejected: Improper use of SMTP
         * command pipelining"). */
        return v->rule == NULL || strcmp(v->rule, "postfix-improper-use-of-pipelining") != 0;
    default:
        return 0;
    }
}

/* The envelope sender refused: what an unknown address or domain at MAIL
 * FROM, or inside the sender's frame, says (names_sender_address()). */
static void refuse_sender(struct smtpreply_verdict *v)
{
    v->reason = SMTPREPLY_REASON_REJECTED;
    v->rule = "sender-address-at-mail-from";
}

/* Adjustments that follow from the command, whatever the wording.
 * `weak_row` is the row of a weak phrase found in the text, or -1. */
static void apply_context(struct smtpreply_verdict *v, unsigned signals, int weak_row)
{
    int weak_reason = weak_row >= 0 ? sr_phrase_reason(weak_row) : SMTPREPLY_REASON_UNDEFINED;
    int address_reason = v->reason == SMTPREPLY_REASON_USERUNKNOWN ||
                         v->reason == SMTPREPLY_REASON_HOSTUNKNOWN;
    int failed = v->reply_class == 4 || v->reply_class == 5;

    /* In reply to MAIL FROM, or inside the frame of a refusal of the
     * sender, an unknown address or domain is the sender's own: the
     * envelope sender is rejected. */
    if ((v->command == SMTPREPLY_COMMAND_MAIL && address_reason) ||
        names_sender_address(v, signals)) {
        refuse_sender(v);
        return;
    }
    /* A recipient refused after the message was sent (DATA, or BDAT under
     * CHUNKING) had been accepted at RCPT, so a "user unknown" then is
     * the verdict of the receiver's processing of the message, a filter's;
     * unless the server's own status calls it an address failure (X.1.x),
     * or the transcript shows that the recipients were already refused at
     * RCPT and DATA failed for want of one. */
    if (v->reason == SMTPREPLY_REASON_USERUNKNOWN &&
        (v->command == SMTPREPLY_COMMAND_DATA || v->command == SMTPREPLY_COMMAND_BDAT) &&
        !(v->status_class != 0 && v->status_subject == 1) &&
        !(signals & SR_SIGNAL_NO_RECIPIENT)) {
        v->reason = SMTPREPLY_REASON_FILTERED;
        v->rule = "recipient-refused-after-data";
        return;
    }
    if (!failed || v->reason != SMTPREPLY_REASON_UNDEFINED)
        return;
    /* Before MAIL FROM the server knows only the connecting host: an
     * unexplained refusal there is a refusal of the host. At MAIL FROM it
     * also knows the sender, which is what an unexplained refusal then
     * concerns. Words that name another cause outrank either reading; at
     * the greeting only under a 4xx: "421 Service not available" is the
     * receiving system's state (RFC 5321 s4.2.3), while a 554 there
     * refuses the client whatever it adds ("554 SMTP service not
     * available", docs/REASONS.md). */
    switch (v->command) {
    case SMTPREPLY_COMMAND_CONNECT:
    case SMTPREPLY_COMMAND_HELO:
    case SMTPREPLY_COMMAND_EHLO:
        if (v->reply_class == 4 && weak_names_other_cause(weak_reason))
            break;
        v->reason = SMTPREPLY_REASON_BLOCKED;
        v->rule = "refused-before-mail-from";
        break;
    case SMTPREPLY_COMMAND_MAIL:
        /* Words that name the connecting host ("Mail from your IP is not
         * accepted", "Host rejected") say the host is what is refused,
         * not the sender the command names. */
        if (weak_names_other_cause(weak_reason) ||
            (weak_row >= 0 && sr_phrase_names_client_host(weak_row)))
            break;
        v->reason = SMTPREPLY_REASON_REJECTED;
        v->rule = "refused-at-mail-from";
        break;
    default:
        break;
    }
}

/* Whether the text holds no word but those of addresses, host names and
 * numbers ("<a@example.com>...", "mx.example.com", "[192.0.2.1]"): the
 * words of an address say nothing of why it was refused. A word is a run
 * of SR_WORD_MIN letters, as for the word weights. */
static int text_names_nothing(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t start, run = 0;
        int word = 0, address = 0;
        while (i < n && sr_is_space(p[i]))
            i++;
        start = i;
        if (i < n && (p[i] == '<' || p[i] == '['))
            address = 1;
        for (; i < n && !sr_is_space(p[i]); i++) {
            if (p[i] == '@' ||
                (p[i] == '.' && i > start && sr_word_byte(p[i - 1]) && i + 1 < n &&
                 sr_word_byte(p[i + 1])))
                address = 1;
            run = sr_word_byte(p[i]) ? run + 1 : 0;
            if (run >= SR_WORD_MIN)
                word = 1;
        }
        if (word && !address)
            return 0;
    }
    return 1;
}

static const char sr_rule_word_weights[] = "word-weights";

/* A basic code with no word beside it, and no enhanced code that says
 * more than "other" (X.0.0), means at some commands what the large mail
 * programs' defaults give it for (SMTPREPLY_BARE_CODE in
 * lib/data/fallback_reasons.def): a bare "550" at RCPT TO refuses the
 * recipient as unknown. */
static void apply_bare_code(struct smtpreply_verdict *v, const unsigned char *p)
{
    int reason;

    if (v->reason != SMTPREPLY_REASON_UNDEFINED || v->basic_code == 0 ||
        (v->status_class != 0 && (v->status_subject != 0 || v->status_detail != 0)))
        return;
    reason = sr_reason_for_bare_code(v->basic_code, v->command);
    if (reason == SMTPREPLY_REASON_UNDEFINED || !text_names_nothing(p + v->text_offset, v->text_length))
        return;
    v->reason = reason;
    v->rule = "bare-code-at-command";
}

/* A basic code whose own reason yields to the text (SMTPREPLY_BASIC_YIELDS)
 * and that no phrase decided: the words, when they clearly point
 * elsewhere, say more than the code ("552 MIME/REJECT: Invalid
 * structure"); the code's reason stays when they point nowhere. */
static void apply_words_over_broad_code(struct smtpreply_verdict *v, const unsigned char *p)
{
    int guess;

    if (v->rule != sr_rule_basic_code || !(sr_basic_code_yields(v->basic_code) & SR_YIELDS_TO_WORDS) ||
        v->text_length == 0 || text_names_nothing(p + v->text_offset, v->text_length))
        return;
    guess = sr_word_guess(p + v->text_offset, v->text_length, v->reply_class == 5, NULL);
    if (guess != SMTPREPLY_REASON_UNDEFINED && guess != v->reason) {
        v->reason = guess;
        v->rule = sr_rule_word_weights;
    }
}

const char sr_rule_code_fallback[] = "code-fallback";

/* When neither the codes' own meaning, nor a phrase, nor the command, nor
 * the words decided, the broad meaning of a code that covers many causes
 * is the strongest cue left: "450 4.3.0" is the mail system's state,
 * "550 5.5.0" the protocol's, a bare 421 a service closing the channel
 * (lib/data/fallback_reasons.def). A reply whose words only ask to try
 * again is a vague temporary refusal, which docs/REASONS.md leaves
 * "undefined" (retry) unless a code with a meaning of its own decides. */
static void apply_code_fallback(struct smtpreply_verdict *v, unsigned signals)
{
    int reason;

    if (v->reason != SMTPREPLY_REASON_UNDEFINED || (v->reply_class != 4 && v->reply_class != 5))
        return;
    if (signals & (SR_SIGNAL_DEFERRED | SR_SIGNAL_STILL_TRYING))
        return;
    if (sr_status_fits_basic(v->basic_code, v->status_class, v->status_subject))
        reason = sr_reason_fallback(v->status_class, v->status_subject, v->status_detail,
                                    v->basic_code);
    else
        reason = sr_reason_fallback(0, 0, 0, v->basic_code);
    if (reason != SMTPREPLY_REASON_UNDEFINED) {
        v->reason = reason;
        v->rule = sr_rule_code_fallback;
    }
}

/* "Connection refused" is a connect() failure, expired, when the sending
 * side reports it (no code, or the sender's own X.4.x routing status:
 * "451 4.4.1 ... Connection refused"). When a server answers with a code
 * and says only that, it refused the connecting client itself ("554
 * Connection refused"): the host is refused, blocked, as
 * docs/REASONS.md's policy on connections says. Which words are a
 * refused connection is the phrase table's to say (REFUSED_CONNECTION);
 * `decided_row` is the phrase that decided the reason, or -1. */
static void apply_server_refusal(struct smtpreply_verdict *v, int decided_row)
{
    if (decided_row < 0 || !sr_phrase_names_refused_connection(decided_row) ||
        v->basic_code == 0 || (v->status_class != 0 && v->status_subject == 4))
        return;
    v->reason = SMTPREPLY_REASON_BLOCKED;
    v->rule = "server-refused-connection";
}

/* A destination that takes no mail at all (521, 556, a null MX) says so
 * for good. X.3.2, "system not accepting network messages", under a 4xx
 * says the system takes none for now ("452 4.3.2 System not accepting
 * network messages", "421 4.3.2 Service not available"): the receiving
 * system's state, a "systemerror" retried like a busy server. A null MX
 * stays "notaccept" even in a delay report: it does not pass. */
static void apply_transient_refusal(struct smtpreply_verdict *v)
{
    if (v->reply_class == 4 && v->reason == SMTPREPLY_REASON_NOTACCEPT &&
        v->status_subject == 3 && v->status_detail == 2)
        v->reason = SMTPREPLY_REASON_SYSTEMERROR;
    /* A destination host that cannot be found (X.1.2) or routed to
     * (X.4.4) is a wrong address only when it is so for good: under a
     * 4xx, with no word that says the domain does not exist, the code
     * says only that the lookup or the route failed for now ("451 4.4.4
     * Unable to route", a DNS answer that did not come), a network error
     * the sender retries. */
    if (v->reply_class == 4 && v->reason == SMTPREPLY_REASON_HOSTUNKNOWN &&
        v->rule == sr_rule_enhanced_status) {
        v->reason = SMTPREPLY_REASON_NETWORKERROR;
        v->rule = "transient-routing-status";
    }
}

/* Whether p[i] starts the UTF-8 of a letter of the scripts written
 * without spaces: kana and CJK ideographs (U+3040 to U+9FFF), Yi and
 * Hangul (U+A000 to U+D7FF). Not the CJK punctuation below them, the
 * ideographic space among it, nor the box-drawing lines and no-break
 * spaces that pad a notice: a run of those is no sentence. */
static int no_space_letter(const unsigned char *p, size_t n, size_t i)
{
    if (p[i] == 0xE3)
        return i + 1 < n && p[i + 1] >= 0x81;
    return p[i] > 0xE3 && p[i] <= 0xED;
}

/* Whether the text holds a word that says something: not only the
 * boilerplate of a bounce report ("Delivery to the following recipients
 * failed") or bytes that make no word. A refusal word says that the
 * reply refuses ("Message refused"), though not why. A sentence of a
 * script written without spaces (Japanese "メールを配信できませんでした",
 * Chinese) is one run of letters longer than any word the word weights
 * read, which they skip as an identifier: it is words all the same,
 * where two letters of such a script are in the run (a run of lines or
 * padding is none). */
static int has_words(const unsigned char *p, size_t n)
{
    char word[SR_WORD_MAX + 1];
    size_t at = 0, i, run = 0, letters = 0;

    if (sr_next_word_of(p, n, &at, word, 0) > 0)
        return 1;
    for (i = 0; i < n; i++) {
        if (p[i] < 0x80) {
            run = letters = 0;
            continue;
        }
        letters += no_space_letter(p, n, i);
        if (++run > SR_WORD_MAX && letters >= 2)
            return 1;
    }
    return 0;
}

/* The reasons a guess from the words may name whose cause passes by
 * itself, whatever else the words say: a message held for a moderator
 * waits (docs/REASONS.md), a full system or a network that failed
 * recovers without anyone acting ("Insufficient storage space on the
 * server", "Lost connection to server" in the languages no phrase row
 * covers). Other guessed causes, a rate or a full mailbox among them,
 * are as often reported when the sender gave up as when it waits: on the
 * labelled lines, taking every reason's usual verdict for a guess agreed
 * on 6 more verdicts of the writing part and 2 fewer of the measuring
 * part; these three on 3 more of the writing part and as many of the
 * measuring part. */
static int guess_passes(int reason)
{
    return reason == SMTPREPLY_REASON_ONHOLD || reason == SMTPREPLY_REASON_SYSTEMFULL ||
           reason == SMTPREPLY_REASON_NETWORKERROR;
}

/* A reply with no code says nothing of permanence but by its words: the
 * sender says it will try again (transient), gave up (permanent), or names
 * a cause that passes (transient). What the sender says it does next
 * outranks what it reports so far (Postfix's delay notice: "could not be
 * delivered for more than 4 hour(s). It will be retried"); giving up
 * outranks the cause it gave up on ("Connection timed out ... retry
 * timeout exceeded"). Words that say neither leave the
 * reason's usual verdict (sr_verdict_settle); when no reason was found
 * either, any word beyond a bounce report's boilerplate (has_words():
 * "rcpt is rejected", "Recipient check did not succeed", "restricted")
 * is taken as the final answer of whoever wrote it: permanent, since
 * nothing in it says the cause passes, unless, no reason being named, the
 * word weights for permanence say that it does (`words_transient`, which
 * sr_word_guess() set when it found no reason: a post held for a
 * moderator in a language no phrase row covers). So is a reply whose
 * reason only the word weights guessed: a guess is weak evidence of the
 * cause and none of its permanence ("rcpt is rejected" guessed
 * "greylisted" is not a deferral), but for a guessed cause that passes
 * by itself (guess_passes()): a message held for a moderator waits by
 * what the reason is, and is never a final answer (docs/REASONS.md). A
 * reply with no such word keeps "unknown". Two other readings of words
 * that say nothing of permanence were measured on the labelled lines
 * (2,393 writing, 1,591 measuring): the reason's usual verdict
 * (transient for "undefined") agreed on fewer verdicts in both parts
 * (98.7% and 97.9%, against 99.0% and 98.1%), and permanent only beside
 * a word of refusal ("rejected", "refused", "denied") on as many in the
 * writing part and fewer in the measuring part (97.9%). Measured again
 * on 3,546 writing and 2,319 measuring lines, the reason's usual verdict
 * agreed on 2 fewer verdicts of the writing part and on 6 more of the
 * measuring part, but on 3 fewer of its English lines: the languages'
 * notices split both ways, and no reading of the words alone tells them
 * apart. */
static void apply_codeless_permanence(struct smtpreply_verdict *v, const unsigned char *p,
                                      unsigned signals, int words_transient)
{
    if (v->reply_class != 0)
        return;
    if (signals & SR_SIGNAL_STILL_TRYING)
        v->verdict = SMTPREPLY_VERDICT_TRANSIENT;
    else if (signals & SR_SIGNAL_GAVE_UP)
        v->verdict = SMTPREPLY_VERDICT_PERMANENT;
    else if (signals & (SR_SIGNAL_DEFERRED | SR_SIGNAL_BUSY))
        v->verdict = SMTPREPLY_VERDICT_TRANSIENT;
    else if ((v->reason == SMTPREPLY_REASON_UNDEFINED || v->rule == sr_rule_word_weights) &&
             has_words(p + v->text_offset, v->text_length))
        v->verdict = (v->reason == SMTPREPLY_REASON_UNDEFINED && words_transient) ||
                             guess_passes(v->reason)
                         ? SMTPREPLY_VERDICT_TRANSIENT
                         : SMTPREPLY_VERDICT_PERMANENT;
}

/* Reasons that say only that delivery did not get through (a connection,
 * the receiving system, nothing decidable): when the caller knows the
 * queue gave up, "expired" is the more useful name. A reply that names a
 * cause (a full mailbox, a block, a rate limit) keeps it. */
static int expired_covers(int reason)
{
    switch (reason) {
    case SMTPREPLY_REASON_UNDEFINED:
    case SMTPREPLY_REASON_NETWORKERROR:
    case SMTPREPLY_REASON_SYSTEMERROR:
    case SMTPREPLY_REASON_ONHOLD:
    case SMTPREPLY_REASON_EXPIRED:
        return 1;
    default:
        return 0;
    }
}

/* What the caller's SMTPREPLY_CONTEXT_* bits decide before the verdict is
 * settled: the reason of an expired delivery, and the permanence of a
 * returned message whose reply carries no code. */
static void apply_caller_context_before(struct smtpreply_verdict *v, unsigned int options)
{
    int failed = v->reply_class == 0 || v->reply_class == 4 || v->reply_class == 5;

    if ((options & SMTPREPLY_CONTEXT_EXPIRED) && failed && expired_covers(v->reason) &&
        v->reason != SMTPREPLY_REASON_EXPIRED) {
        v->reason = SMTPREPLY_REASON_EXPIRED;
        v->rule = "context-expired";
        v->flags |= SMTPREPLY_FLAG_CONTEXT_DECIDED;
    }
    if ((options & (SMTPREPLY_CONTEXT_FAILED | SMTPREPLY_CONTEXT_EXPIRED)) &&
        v->reply_class == 0 && v->verdict != SMTPREPLY_VERDICT_PERMANENT) {
        v->verdict = SMTPREPLY_VERDICT_PERMANENT;
        v->flags |= SMTPREPLY_FLAG_CONTEXT_DECIDED;
    }
}

/* A delivery the sender still tries is never a permanent failure, whatever
 * the reply's class: its consequences are those of a transient one. */
static void apply_caller_context_after(struct smtpreply_verdict *v, unsigned int options)
{
    if (!(options & SMTPREPLY_CONTEXT_DEFERRED))
        return;
    if (v->verdict == SMTPREPLY_VERDICT_PERMANENT || v->verdict == SMTPREPLY_VERDICT_UNKNOWN) {
        v->verdict = SMTPREPLY_VERDICT_TRANSIENT;
        v->flags |= SMTPREPLY_FLAG_CONTEXT_DECIDED;
        sr_verdict_consequences(v);
    }
}

int sr_classify(const unsigned char *p, size_t n, int command,
                unsigned int options, struct smtpreply_verdict *v, int *command_matters)
{
    struct smtpreply_reply r;
    unsigned signals = SR_SIGNAL_MARKERS;
    int row = -1, rc;
    /* Whether the words say the failure passes: the word weights read it
     * wherever nothing else named a reason, which is every reply that
     * apply_codeless_permanence() asks it of. */
    int words_transient = 0;
    /* A reply that starts with 2 or 3 is most likely a success, which is
     * not read for phrases. Any other is read first: that single pass also
     * tells the parser which wrapper markers can occur, so it does not
     * search the text for the rest. */
    int phrases_read = !(n > 0 && (p[0] == '2' || p[0] == '3'));

    if (command_matters != NULL)
        *command_matters = 0;
    if (phrases_read)
        row = sr_phrase_find(p, n, &signals);
    rc = sr_parse(p, n, options, signals & (SR_SIGNAL_MARKERS | SR_SIGNAL_PLAIN), &r);
    /* SES and IronPort quote the receiving server's reply after their own
     * generic status and its name ("5.1.0 - Unknown address error
     * 550-'5.7.1 ... Access denied'"): the name is theirs, not the
     * server's, so the phrases are read in the quoted reply alone. */
    if (rc >= 0 && r.wrapper == SMTPREPLY_WRAPPER_SES) {
        row = sr_phrase_find(p + r.reply_offset, r.reply_length, &signals);
        phrases_read = 1;
    }

    memset(v, 0, sizeof *v);
    v->size = sizeof *v;
    if (rc < 0)
        return rc;

    v->basic_code = r.basic_code;
    v->status_class = r.status_class;
    v->status_subject = r.status_subject;
    v->status_detail = r.status_detail;
    v->wrapper = r.wrapper;
    v->flags = r.flags;
    v->text_offset = r.text_offset;
    v->text_length = r.text_length;
    v->host_offset = r.host_offset;
    v->host_length = r.host_length;
    if (command != SMTPREPLY_COMMAND_NONE) {
        v->command = command;
        v->flags &= ~SMTPREPLY_FLAG_COMMAND_FOUND;
    } else {
        v->command = r.command;
    }
    if (r.basic_code != 0) {
        v->reply_class = r.basic_code / 100;
        if (r.status_class != 0 && r.status_class != v->reply_class)
            v->flags |= SMTPREPLY_FLAG_STATUS_CONFLICT;
    } else {
        v->reply_class = r.status_class;
    }

    sr_reason_from_codes(v);
    if (v->reply_class != 2 && v->reply_class != 3) {
        int weak_row, text_decided;
        if (!phrases_read)
            row = sr_phrase_find(p, n, &signals);
        /* The word "temporary" says the failure passes, unless it names
         * a kind of address ("temporary email addresses are not
         * accepted"): lib/data/signals.def. */
        if ((signals & (SR_SIGNAL_TEMPORARY | SR_SIGNAL_KIND_OF_ADDRESS)) == SR_SIGNAL_TEMPORARY)
            signals |= SR_SIGNAL_DEFERRED;
        /* "Try again" is a deferral unless a change is asked for first
         * ("check the address and try again"): lib/data/signals.def. */
        if ((signals & (SR_SIGNAL_TRY_AGAIN | SR_SIGNAL_AFTER_A_CHANGE)) == SR_SIGNAL_TRY_AGAIN)
            signals |= SR_SIGNAL_DEFERRED;
        text_decided = apply_text(v, row, &weak_row);
        apply_server_refusal(v, text_decided ? row : -1);
        apply_words_over_broad_code(v, p);
        if (command_matters != NULL)
            *command_matters = (v->reply_class == 4 || v->reply_class == 5) &&
                               (v->reason == SMTPREPLY_REASON_UNDEFINED ||
                                v->reason == SMTPREPLY_REASON_USERUNKNOWN ||
                                v->reason == SMTPREPLY_REASON_HOSTUNKNOWN);
        apply_context(v, signals, weak_row);
        if (weak_row >= 0 && v->reason == SMTPREPLY_REASON_UNDEFINED) {
            v->reason = sr_phrase_reason(weak_row);
            v->rule = sr_phrase_rule(weak_row);
            if (names_sender_address(v, signals))
                refuse_sender(v);
        }
        apply_bare_code(v, p);
        apply_code_fallback(v, signals);
        /* Last, when nothing decided, the words: the cue a reply still
         * carries when no phrase knows its wording. The words of an
         * address or a host name are no such cue beside a code ("550
         * <john.smith@example.org>" names no cause); a reply without a code
         * has only its words, and keeps them. */
        if (v->reason == SMTPREPLY_REASON_UNDEFINED && v->text_length > 0 &&
            !(v->basic_code != 0 && text_names_nothing(p + v->text_offset, v->text_length))) {
            /* Of the reasons that make a bounce hard, the words may name
             * an unknown user under a permanent code; whose address it is
             * (the sender's at MAIL FROM, a filter's verdict after DATA)
             * is then the command's to say, as for a phrase. */
            int guess = sr_word_guess(p + v->text_offset, v->text_length, v->reply_class == 5,
                                      &words_transient);
            if (guess != SMTPREPLY_REASON_UNDEFINED) {
                v->reason = guess;
                v->rule = sr_rule_word_weights;
                if (guess == SMTPREPLY_REASON_USERUNKNOWN)
                    apply_context(v, signals, -1);
            }
        }
        apply_transient_refusal(v);
    } else {
        signals = 0;
    }
    if (v->reason == SMTPREPLY_REASON_UNDEFINED && v->reply_class == 0)
        v->rule = "no-code-no-phrase";
    apply_codeless_permanence(v, p, signals, words_transient);
    apply_caller_context_before(v, options);
    sr_verdict_settle(v);
    apply_caller_context_after(v, options);

    /* A wait is stated only near a word of waiting: without one, there is
     * nothing to read. */
    if (v->retry_after > 0 && (signals & SR_SIGNAL_WAIT)) {
        int stated = sr_retry_after_stated(p, n);
        if (stated > 0) {
            v->retry_after = stated;
            v->flags |= SMTPREPLY_FLAG_RETRY_FROM_TEXT;
        }
    }
    return SMTPREPLY_OK;
}

int smtpreply_classify(const char *buf, size_t len, int command,
                       unsigned int options, struct smtpreply_verdict *out)
{
    struct smtpreply_verdict v;
    int rc = sr_result_check(out, SR_VERDICT_MIN_SIZE);

    if (rc < 0)
        return rc;
    if (buf == NULL && len > 0)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (!sr_length_possible(len) || (options & ~SR_OPTIONS_KNOWN) != 0 ||
        command < 0 || command >= sr_command_count())
        return SMTPREPLY_ERR_RANGE;
    if ((options & SMTPREPLY_CONTEXT_DEFERRED) &&
        (options & (SMTPREPLY_CONTEXT_FAILED | SMTPREPLY_CONTEXT_EXPIRED)))
        return SMTPREPLY_ERR_RANGE;
    if (buf == NULL)
        return SMTPREPLY_ERR_EMPTY;
    rc = sr_classify((const unsigned char *)buf, len, command, options, &v, NULL);
    if (rc < 0)
        return rc;
    sr_result_store(out, &v, sizeof v);
    return SMTPREPLY_OK;
}
