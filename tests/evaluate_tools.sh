#!/bin/sh
# SPDX-License-Identifier: MIT
# The evaluation tool scores only what an expected file asserts: a field
# left empty in every row is printed as a dash, not as 0%, and a row
# scores its asserted fields whether or not the others are given.
set -u
LC_ALL=C
export LC_ALL
tool="$top_builddir/tools/evaluate_bounces"
messages="$top_srcdir/tests/data/messages"
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT
failures=0

mkdir "$work/emails" || exit 99
cp "$messages/dsn-generic-codes.eml" "$messages/text-gmail-dns-error.eml" "$work/emails/" || exit 99
tab=$(printf '\t')
{
    echo "email_file${tab}rcpt_index${tab}recipient${tab}expected_status${tab}expected_reply_code${tab}expected_reason${tab}expected_hard${tab}expected_permanence${tab}feedback_type${tab}kind${tab}asserted_by"
    echo "dsn-generic-codes.eml${tab}1${tab}sam@example.net${tab}${tab}${tab}${tab}${tab}permanent${tab}${tab}dsn${tab}test"
    echo "dsn-generic-codes.eml${tab}2${tab}tina@example.net${tab}${tab}${tab}${tab}${tab}permanent${tab}${tab}dsn${tab}test"
    echo "text-gmail-dns-error.eml${tab}1${tab}info@shop-example.test${tab}${tab}${tab}${tab}${tab}permanent${tab}${tab}text${tab}test"
} > "$work/expected.tsv"

out=$("$tool" "$work" | grep '^all ') || { echo "FAIL: no summary line" >&2; exit 1; }
echo "$out"
for want in 'rcpt 100.0%' 'status      - (0)' 'code      - (0)' 'reason      - (merged      -)' \
            'hard      -' 'perm 100.0%' 'kind 100.0%'; do
    case $out in
    *"$want"*) ;;
    *) echo "FAIL: summary lacks '$want'" >&2; failures=$((failures + 1)) ;;
    esac
done

# --by-layout: every row under what the reader made of its email, the
# plain-text layout it took or the report's kind.
by_layout=$("$tool" "$work" --by-layout) || { echo "FAIL: --by-layout failed" >&2; exit 1; }
echo "$by_layout"
for want in 'dsn              2  rcpt 100.0%' 'gmail            1  rcpt 100.0%' 'all              3'; do
    case $by_layout in
    *"$want"*) ;;
    *) echo "FAIL: --by-layout lacks '$want'" >&2; failures=$((failures + 1)) ;;
    esac
done
# evaluate_labelled: --lang counts only one language's rows, --rules the
# rows each rule decided and the ones it agreed on; the usage names every
# option. Rows written here, their sources moved to the writing part.
labelled="$top_builddir/tools/evaluate_labelled"
usage=$("$labelled" 2>&1)
for want in '--rules writing|measuring' '--lang L' '--fold K/N' '--show-verdicts writing'; do
    case $usage in
    *"$want"*) ;;
    *) echo "FAIL: evaluate_labelled usage lacks '$want'" >&2; failures=$((failures + 1)) ;;
    esac
done
printf 'test-en\ntest-de\n' > "$work/moved.txt"
{
    echo "source${tab}url${tab}lang${tab}command${tab}context${tab}verdict${tab}reason${tab}action${tab}line"
    echo "test-en${tab}-${tab}en${tab}${tab}${tab}permanent${tab}userunknown${tab}fix_recipient${tab}550 5.1.1 <a@example.test>: Recipient address rejected: User unknown in virtual mailbox table"
    echo "test-en${tab}-${tab}en${tab}${tab}${tab}transient${tab}mailboxfull${tab}retry${tab}452 4.2.2 Mailbox full"
    echo "test-de${tab}-${tab}de${tab}${tab}${tab}permanent${tab}blocked${tab}fix_sender${tab}550 5.1.1 <b@example.test>: Empfaenger unbekannt"
} > "$work/labelled.tsv"
# check_labelled OPTION VALUE WANT...: each WANT in what the option prints.
check_labelled() {
    out=$("$labelled" --moved "$work/moved.txt" "$1" "$2" "$work/labelled.tsv") ||
        { echo "FAIL: evaluate_labelled $1 $2" >&2; failures=$((failures + 1)); return; }
    shift 2
    for want in "$@"; do
        case $out in
        *"$want"*) ;;
        *) echo "FAIL: evaluate_labelled lacks '$want'" >&2; failures=$((failures + 1)) ;;
        esac
    done
}
check_labelled --lang de 'writing    rows     1  reason   0.0%' 'measuring  rows     0'
check_labelled --lang en 'writing    rows     2  reason 100.0%'
check_labelled --rules writing '     1    1  user-unknown' '     1    1  mailbox-full' \
    '     1    0  de-empfaenger-unbekannt'
# --show-verdicts lists the writing part's verdict disagreements and
# never a measuring row (test-a falls in the measuring part by its name):
# asked for the measuring part, it refuses before reading a row.
{
    echo "test-en${tab}-${tab}en${tab}${tab}${tab}permanent${tab}mailboxfull${tab}retry${tab}452 4.2.2 Mailbox full, writing"
    echo "test-a${tab}-${tab}en${tab}${tab}${tab}permanent${tab}mailboxfull${tab}retry${tab}452 4.2.2 Mailbox full, measuring"
} > "$work/verdicts.tsv"
out=$("$labelled" --moved "$work/moved.txt" --show-verdicts writing "$work/verdicts.tsv")
case $out in
*'measuring  rows     1'*) ;;
*) echo "FAIL: --show-verdicts fixture: test-a is not in the measuring part" >&2; failures=$((failures + 1)) ;;
esac
case $out in
*'Mailbox full, writing'*) ;;
*) echo "FAIL: --show-verdicts writing lacks the writing row" >&2; failures=$((failures + 1)) ;;
esac
case $out in
*'Mailbox full, measuring'*) echo "FAIL: --show-verdicts writing printed a measuring row" >&2; failures=$((failures + 1)) ;;
esac
if out=$("$labelled" --moved "$work/moved.txt" --show-verdicts measuring "$work/verdicts.tsv" 2>/dev/null) ||
   [ -n "$out" ]; then
    echo "FAIL: --show-verdicts measuring did not refuse, or printed" >&2; failures=$((failures + 1))
fi
# A label breaks the policy where it is off the action table or says
# permanent beside a deferral: both are counted, so that such a label is
# seen (tests/labelled_set.sh holds the project's set to none).
{
    echo "test-en${tab}-${tab}en${tab}${tab}deferred${tab}permanent${tab}blocked${tab}fix_sender${tab}554 Blocked by policy"
    echo "test-en${tab}-${tab}en${tab}${tab}${tab}permanent${tab}mailboxfull${tab}fix_sender${tab}552 5.2.2 Mailbox full"
} >> "$work/labelled.tsv"
check_labelled --lang en 'not the one the table gives their reason and verdict: writing 1, measuring 0' \
    'where the context says the sender defers: writing 1, measuring 0'
[ "$failures" -eq 0 ]
