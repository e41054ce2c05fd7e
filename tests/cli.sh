#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end checks of the smtpreply command: output, JSON keys, exit codes.
set -u
# The locale must not choose the pages' language (the tests that check it
# set it themselves), nor change how grep and awk read bytes.
LC_ALL=C
export LC_ALL
tool="$top_builddir/tools/smtpreply"
data="$top_srcdir/tests/data/cli"
failures=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_status STATUS COMMAND...: the command exits with STATUS.
expect_status() {
    want=$1
    shift
    checks=$((checks + 1))
    "$@" >/dev/null 2>&1
    got=$?
    [ "$got" -eq "$want" ] || fail "$* exited $got, want $want"
}

# expect_output GOLDEN COMMAND...: the command's stdout equals the file.
expect_output() {
    golden=$1
    shift
    checks=$((checks + 1))
    out=$("$@" 2>/dev/null)
    printf '%s\n' "$out" | diff -u "$golden" - >&2 || fail "$* differs from $golden"
}

# expect_match PATTERN COMMAND...: stdout matches the extended regex.
expect_match() {
    pattern=$1
    shift
    checks=$((checks + 1))
    out=$("$@" 2>/dev/null)
    printf '%s\n' "$out" | grep -Eq "$pattern" || fail "$* printed: $out"
}

expect_output "$data/describe-550.out" "$tool" describe 550
expect_output "$data/describe-5.7.26.out" "$tool" describe 5.7.26
expect_match '^SMTP 4\.9\.12 Unknown Subject' "$tool" describe 4.9.12
expect_match '^SMTP 599 Permanent Negative Reply' "$tool" describe 599
expect_match '^Beschreibung$' "$tool" describe 550 --lang de
expect_match '"code":"550"' "$tool" describe 550 --format json
expect_match '^SMTP 421 Service Not Available vs 550 Mailbox Not Found$' "$tool" compare 421 550
expect_match '^## 550 ' "$tool" compare 421 550 --format markdown
expect_match '^X\.7\.30	' "$tool" list
expect_status 1 "$tool" compare 421 5500
# Regression: the error named the second code whichever was wrong.
checks=$((checks + 1))
err=$("$tool" compare 5500 421 2>&1 >/dev/null)
case $err in
    *5500*) ;;
    *) fail "compare 5500 421 said: $err" ;;
esac
expect_status 2 "$tool" compare 421
expect_status 2 "$tool" compare 421 550 --format pdf
expect_status 0 "$tool" describe 550 --lang fr
expect_status 1 "$tool" describe 5500
expect_status 1 "$tool" describe 6.1.1
expect_status 2 "$tool" describe
expect_status 2 "$tool" describe 550 551
expect_status 2 "$tool" describe --lang
expect_status 2 "$tool" frobnicate
expect_status 2 "$tool"
expect_status 0 "$tool" --version
expect_status 0 "$tool" --help
expect_status 0 "$tool" describe --help
expect_status 0 "$tool" classify --help

json=$("$tool" classify --json "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table")
checks=$((checks + 1))
for key in '"code":550' '"status":"5.1.1"' '"class":5' '"verdict":"permanent"' '"hard":true' \
           '"reason":"userunknown"' '"action":"fix_recipient"' '"retry_after":0' '"rule":' '"flags":'; do
    case $json in
        *"$key"*) ;;
        *) fail "classify --json lacks $key: $json" ;;
    esac
done

expect_match '"reason":"mailboxfull"' "$tool" classify --json "452 4.2.2 The email account that you tried to reach is over quota"
expect_match '"reason":"rejected"' "$tool" classify --json --command MAIL "550 5.1.1 <x@example.com>: User unknown"
expect_match 'permanent, hard bounce, reason userunknown' "$tool" classify "550 5.1.1 User unknown"
expect_match '^no code: permanent, hard bounce, reason userunknown' "$tool" classify "user unknown"
expect_match '^code 250 2\.0\.0: success, reason delivered, action none' "$tool" classify "250 2.0.0 Ok"
expect_status 2 "$tool" classify --command FROB "550 x"
expect_status 1 "$tool" classify ""

# Standard input: a multi-line reply is one input.
checks=$((checks + 1))
count=$(printf '550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Please check the address.\r\n250 2.0.0 Ok\n' |
        "$tool" classify --json | grep -c '"verdict"')
[ "$count" -eq 2 ] || fail "classify of a multi-line reply and a line printed $count verdicts, want 2"

# Standard input: one verdict per non-empty line.
checks=$((checks + 1))
count=$(printf '550 5.1.1 User unknown\n\n451 4.7.1 Greylisted, try again in 5 minutes\n' |
        "$tool" classify --json | grep -c '"verdict"')
[ "$count" -eq 2 ] || fail "classify from stdin printed $count verdicts, want 2"

# ---- scan ------------------------------------------------------------------

# expect_both GOLDEN_OUT GOLDEN_ERR STATUS COMMAND...: stdout, stderr and
# the exit status, all exact.
expect_both() {
    golden_out=$1 golden_err=$2 want=$3
    shift 3
    checks=$((checks + 1))
    "$@" > "$work/out" 2> "$work/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "$* exited $got, want $want"
    diff -u "$golden_out" "$work/out" >&2 || fail "$* stdout differs from $golden_out"
    diff -u "$golden_err" "$work/err" >&2 || fail "$* stderr differs from $golden_err"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/empty"

# Every outcome the logs state, apart, with the log's status as the
# classifier's context: Postfix smtp, lmtp, error, qmgr expiry and NOQUEUE,
# Exim, Sendmail, KumoMTA.
expect_output "$data/scan-outcomes.txt" "$tool" scan "$data/outcomes.log"
expect_output "$data/scan-outcomes.json" "$tool" scan --json "$data/outcomes.log"
expect_output "$data/scan-outcomes.json" "$tool" scan --format=json - < "$data/outcomes.log"
expect_output "$data/scan-outcomes.prom" "$tool" scan -f prometheus -n 2 "$data/outcomes.log"
expect_output "$data/scan-top1.txt" "$tool" scan --top=1 "$data/mail.log"
# Control characters of a remote reply never reach the terminal; the JSON
# is valid UTF-8 and says what it replaced.
expect_output "$data/scan-hostile.txt" "$tool" scan "$data/hostile.log"
expect_output "$data/scan-hostile.json" "$tool" scan --json "$data/hostile.log"
# More distinct domains than a table keeps: the counts that may be too
# high are marked, in text and JSON.
awk 'BEGIN { for (i = 0; i < 300; i++) printf "Dec  1 10:00:00 mx postfix/smtp[1]: Q%d: to=<u@d%03d.example>, relay=none, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)\n", i, i;
             for (i = 0; i < 5; i++) print "Dec  1 10:00:00 mx postfix/smtp[1]: Q: to=<u@heavy.example>, relay=none, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)" }' > "$work/many.log"
expect_output "$data/scan-estimates.txt" "$tool" scan -n 3 "$work/many.log"
checks=$((checks + 1))
"$tool" scan -j -n 2 "$work/many.log" | grep -q '"domain":\[{"key":"heavy.example","count":6,"estimate":true,"max_error":1},{"key":"d256.example","count":2,"estimate":true,"max_error":1}\]' ||
    fail "scan --json does not mark estimates"
# A line longer than 64 KiB is cut and counted; the lines after it are read.
awk 'BEGIN { s = "x"; while (length(s) < 70000) s = s s; print s; print "Dec  1 10:00:00 mx postfix/smtp[1]: Q: to=<a@b.example>, relay=none, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)" }' > "$work/long.log"
expect_output "$data/scan-long.txt" "$tool" scan -n 1 "$work/long.log"
# A log of NUL bytes and no newline: one line, cut, in fixed memory.
checks=$((checks + 1))
out=$(head -c 3000000 /dev/zero | "$tool" scan -j)
case $out in
    '{"lines":1,"cut_lines":1,"delivered":0,'*) ;;
    *) fail "scan of NUL bytes printed: $out" ;;
esac
# Compressed logs: inflated with zlib, else refused; never read as text.
gzip -c "$data/outcomes.log" > "$work/outcomes.log.gz"
if [ -n "${ZLIB_LIBS:-}" ]; then
    expect_output "$data/scan-outcomes.txt" "$tool" scan "$work/outcomes.log.gz"
    expect_output "$data/scan-outcomes.txt" "$tool" scan - < "$work/outcomes.log.gz"
    head -c 300 "$work/outcomes.log.gz" > "$work/cut.gz"
    printf 'smtpreply: scan: %s: gzip data cut short\n' "$work/cut.gz" > "$work/cut.err"
    expect_both "$work/empty" "$work/cut.err" 1 "$tool" scan "$work/cut.gz"
else
    printf 'smtpreply: scan: %s: compressed with gzip, which this smtpreply cannot read (built without zlib); uncompress it first\n' "$work/outcomes.log.gz" > "$work/gz.err"
    expect_both "$work/empty" "$work/gz.err" 1 "$tool" scan "$work/outcomes.log.gz"
fi
printf 'BZh91AY&SY' > "$work/log.bz2"
printf 'smtpreply: scan: %s: compressed with bzip2, which this smtpreply cannot read; uncompress it first\n' "$work/log.bz2" > "$work/bz2.err"
expect_both "$work/empty" "$work/bz2.err" 1 "$tool" scan "$work/log.bz2"
# A file that cannot be read is an error, never an empty report.
printf 'smtpreply: scan: /nonexistent/mail.log: No such file or directory\n' > "$work/missing.err"
expect_both "$work/empty" "$work/missing.err" 1 "$tool" scan "$data/mail.log" /nonexistent/mail.log
printf 'smtpreply: scan: /proc/self/mem: read error: Input/output error\n' > "$work/eio.err"
expect_both "$work/empty" "$work/eio.err" 1 "$tool" scan /proc/self/mem
# Progress goes to a terminal (here a pseudo-terminal), never to a pipe or
# a file.
expect_both "$data/scan-outcomes.txt" "$work/empty" 0 "$tool" scan "$data/outcomes.log"
checks=$((checks + 1))
out=$(script -qec "'$tool' scan '$data/outcomes.log' > /dev/null" /dev/null | tr '\r' '\n' | grep . | tail -n 1)
[ "$out" = "$data/outcomes.log: 100%  15 failures" ] || fail "scan on a terminal showed: $out"
# Usage errors: "smtpreply:", then the command's usage.
expect_both "$work/empty" "$data/scan-usage.err" 2 "$tool" scan --bogus "$data/mail.log"
expect_status 2 "$tool" scan --top 0 "$data/mail.log"
expect_status 2 "$tool" scan --top
expect_status 2 "$tool" scan --format xml "$data/mail.log"
checks=$((checks + 1))
err=$("$tool" scan --top 100000 "$data/mail.log" 2>&1 >/dev/null)
[ "$err" = "smtpreply: scan: --top 100000 is more than the 256 rows each table keeps; printing 256" ] ||
    fail "scan --top 100000 said: $err"

# ---- classify --------------------------------------------------------------

# Context: a deferral is never permanent; an expiry is named so.
expect_output "$data/classify-context.out" "$tool" classify -x deferred "550 5.1.1 User unknown" \
    --context=expired "Connection timed out"
# Records: TSV and JSON lines, each with its command, context and id.
expect_both "$data/classify-records.out" "$data/classify-records.err" 1 \
    "$tool" classify --json --input tsv < "$data/records.tsv"
expect_both "$data/classify-records.out" "$data/classify-records.err" 1 \
    "$tool" classify -j -i jsonl < "$data/records.jsonl"
expect_output "$data/classify-records.txt" "$tool" classify -i tsv < "$data/records.tsv"
# An id that is not UTF-8 is replaced in the JSON, and flagged.
expect_match '^\{"id":"a.+b","invalid_utf8":true,"code":550,' sh -c 'printf "a\377b\t\t\t550 5.1.1 User unknown\n" | "$0" classify -j -i tsv' "$tool"
# NUL bytes: the whole line and its length go to the library.
checks=$((checks + 1))
out=$(printf '451 4.3.0 Try later\000 greylisted, try again in 5 minutes\n\000452 4.2.2 Mailbox full\n' | "$tool" classify)
[ "$out" = "code 451 4.3.0: transient, soft bounce, reason greylisted, action retry, retry after 300s [rule greylist]
no code 4.2.2: transient, soft bounce, reason mailboxfull, action retry, retry after 14400s [rule mailbox-full]" ] ||
    fail "classify of lines with NUL bytes printed: $out"
# Streaming: a result leaves as soon as its line is read, before the
# input ends.
checks=$((checks + 1))
( printf '550 5.1.1 x\n'; i=0
  while [ ! -s "$work/stream.out" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$work/stream.out" ] && : > "$work/streamed"
  printf '452 4.2.2 y\n' ) | "$tool" classify --json > "$work/stream.out"
[ -f "$work/streamed" ] || fail "classify printed nothing before its input ended"
# A line longer than 64 KiB: its start is classified, with a warning.
checks=$((checks + 1))
err=$(head -n 1 "$work/long.log" | "$tool" classify 2>&1 >/dev/null)
[ "$err" = "smtpreply: classify: line 1 is longer than 65536 bytes; its start is read" ] ||
    fail "classify of a long line said: $err"
# Standard input that cannot be read: a message and status 1.
printf 'smtpreply: classify: standard input: is a directory\n' > "$work/dir.err"
expect_both "$work/empty" "$work/dir.err" 1 sh -c '"$0" classify < /' "$tool"
expect_both "$work/empty" "$data/classify-usage.err" 2 "$tool" classify --context soon "550 x"
expect_status 2 "$tool" classify -i csv

# ---- arguments, help, languages, pages -------------------------------------

expect_output "$data/help.out" "$tool" help
expect_output "$data/help-scan.out" "$tool" help scan
expect_output "$data/help-scan.out" "$tool" scan -h
expect_status 2 "$tool" help frobnicate
expect_output "$data/compare-421-550.out" "$tool" compare 421 550
expect_output "$data/compare-421-550-w40.out" "$tool" compare -w 40 421 550
expect_match '^Description$' "$tool" describe 550 --lang=fr --lang=en
expect_output "$data/describe-550-fr.out" "$tool" describe --lang=fr 550
expect_output "$data/describe-550-fr.out" env LANG=fr_FR.UTF-8 LC_ALL= LC_MESSAGES= "$tool" describe 550
expect_output "$data/describe-550-fr.out" env LANG=C LC_MESSAGES=fr LC_ALL= "$tool" describe 550
expect_output "$data/describe-550.out" env LANG=fr_FR.UTF-8 LC_ALL=C "$tool" describe 550
checks=$((checks + 1))
err=$("$tool" describe --lang zz 550 2>&1 >/dev/null)
[ "$err" = "smtpreply: language zz is not available; using English" ] || fail "describe --lang zz said: $err"
expect_output "$data/list-reasons.out" "$tool" list reasons
expect_output "$data/list-actions.json" "$tool" list actions --json
expect_match '^\[\{"code":"211","name":"System Status"\},' "$tool" list -j
expect_status 2 "$tool" list colours

# bounce: whole emails, one line per recipient; an mbox of two messages
# (Postfix pads its From_ lines with two spaces); a Maildir; stdin.
msgs="$top_srcdir/tests/data/messages"
expect_match '"recipient":"bob@example.com".*"dsn_action":"failed".*"reason":"userunknown"' \
    "$tool" bounce --json "$msgs/dsn-postfix-userunknown.eml"
expect_match '"kind":"auto_reply"}$' "$tool" bounce --json "$msgs/autoreply-rfc3834.eml"
expect_match '^1 messages: 0 not_bounce, 1 delivery_status' "$tool" bounce "$msgs/dsn-delayed.eml"
# the table names the reply code, "-" where there is none
expect_match 'bob@example.com +5.1.1 +550 +permanent' "$tool" bounce "$msgs/dsn-postfix-userunknown.eml"
scratch=$(mktemp -d)
{
    printf 'From MAILER-DAEMON  Thu Nov  5 10:00:00 2026\n'
    cat "$msgs/dsn-postfix-userunknown.eml"
    printf '\nFrom MAILER-DAEMON  Thu Nov  5 10:00:01 2026\n'
    cat "$msgs/dsn-delayed.eml"
} > "$scratch/mbox"
expect_match '^2 messages: .* 2 recipients' "$tool" bounce "$scratch/mbox"
# Progress goes to a terminal (a pseudo-terminal here), never to a pipe.
checks=$((checks + 1))
out=$(script -qec "'$tool' bounce '$scratch/mbox' > /dev/null" /dev/null | tr '\r' '\n' | grep . | tail -n 1)
[ "$out" = "2 messages, 2 recipients" ] || fail "bounce on a terminal showed: $out"
checks=$((checks + 1))
err=$("$tool" bounce "$scratch/mbox" 2>&1 >/dev/null)
[ -z "$err" ] || fail "bounce wrote progress into a pipe: $err"
expect_match "mbox#2 .*dave@example.com" "$tool" bounce "$scratch/mbox"
# a message whose lines end in CR alone, its From_ line too: one message
{
    printf 'From MAILER-DAEMON  Thu Nov  5 10:00:00 2026\n'
    cat "$msgs/dsn-postfix-userunknown.eml"
} | tr '\n' '\r' > "$scratch/cr.eml"
expect_match '^1 messages: 0 not_bounce, 1 delivery_status' "$tool" bounce "$scratch/cr.eml"
mkdir -p "$scratch/Maildir/cur" "$scratch/Maildir/new" "$scratch/Maildir/tmp"
cp "$msgs/dsn-delayed.eml" "$scratch/Maildir/cur/1.host:2,S"
cp "$msgs/arf-abuse.eml" "$scratch/Maildir/new/2.host"
cp "$msgs/dsn-postfix-userunknown.eml" "$scratch/Maildir/tmp/3.host"
expect_match '^2 messages: 0 not_bounce, 1 delivery_status, 1 feedback' \
    "$tool" bounce "$scratch/Maildir"
checks=$((checks + 1))
out=$("$tool" bounce --json < "$msgs/dsn-three-recipients.eml" 2>/dev/null | wc -l)
[ "$out" -eq 3 ] || fail "bounce from stdin printed $out lines"
# Regression: a byte that is not UTF-8 (here in a file's name) went into
# the JSON line as it was, which no JSON reader accepts; it is U+FFFD.
checks=$((checks + 1))
odd=$(printf 'odd\377name.eml')
cp "$msgs/dsn-postfix-userunknown.eml" "$scratch/$odd"
out=$("$tool" bounce --json "$scratch/$odd" 2>/dev/null)
case $out in
    *"$(printf '\377')"*) fail "bounce --json wrote a byte that is not UTF-8: $out" ;;
    *"\"file\":\"$scratch/$(printf 'odd\357\277\275name.eml')\""*) ;;
    *) fail "bounce --json wrote the file's name as: $out" ;;
esac
expect_status 1 "$tool" bounce /nonexistent/bounce.eml
expect_status 2 "$tool" bounce --tsv
rm -rf "$scratch"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
