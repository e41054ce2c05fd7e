#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end checks of the smtpreply command: output, JSON keys, exit codes.
set -u
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

# scan: bounced and deferred deliveries of a mixed log, counted.
log="$data/mail.log"
expect_match '^8 lines, 4 bounced, 2 deferred$' "$tool" scan "$log"
expect_match '^ +3  userunknown$' "$tool" scan "$log"
expect_match '^ +2  <\.\.\.>: Recipient address rejected: User unknown in local recipient table$' "$tool" scan "$log"
expect_match '"domain":\[\{"key":"example.com","count":2\}' "$tool" scan --json --top 1 "$log"
checks=$((checks + 1))
out=$("$tool" scan --json < "$log")
case $out in
    *'"bounced":4,"deferred":2'*) ;;
    *) fail "scan from stdin printed: $out" ;;
esac
expect_status 1 "$tool" scan /nonexistent/mail.log
expect_status 2 "$tool" scan --top 0 "$log"

# bounce: whole emails, one line per recipient; an mbox of two messages
# (Postfix pads its From_ lines with two spaces); a Maildir; stdin.
msgs="$top_srcdir/tests/data/messages"
expect_match '"recipient":"bob@example.com".*"dsn_action":"failed".*"reason":"userunknown"' \
    "$tool" bounce --json "$msgs/dsn-postfix-userunknown.eml"
expect_match '"kind":"auto_reply"}$' "$tool" bounce --json "$msgs/autoreply-rfc3834.eml"
expect_match '^1 messages: 0 not_bounce, 1 delivery_status' "$tool" bounce "$msgs/dsn-delayed.eml"
scratch=$(mktemp -d)
{
    printf 'From MAILER-DAEMON  Thu Nov  5 10:00:00 2026\n'
    cat "$msgs/dsn-postfix-userunknown.eml"
    printf '\nFrom MAILER-DAEMON  Thu Nov  5 10:00:01 2026\n'
    cat "$msgs/dsn-delayed.eml"
} > "$scratch/mbox"
expect_match '^2 messages: .* 2 recipients' "$tool" bounce "$scratch/mbox"
expect_match "mbox#2 .*dave@example.com" "$tool" bounce "$scratch/mbox"
mkdir -p "$scratch/Maildir/cur" "$scratch/Maildir/new" "$scratch/Maildir/tmp"
cp "$msgs/dsn-delayed.eml" "$scratch/Maildir/cur/1.host:2,S"
cp "$msgs/arf-abuse.eml" "$scratch/Maildir/new/2.host"
cp "$msgs/dsn-postfix-userunknown.eml" "$scratch/Maildir/tmp/3.host"
expect_match '^2 messages: 0 not_bounce, 1 delivery_status, 1 feedback' \
    "$tool" bounce "$scratch/Maildir"
checks=$((checks + 1))
out=$("$tool" bounce --json < "$msgs/dsn-three-recipients.eml" 2>/dev/null | wc -l)
[ "$out" -eq 3 ] || fail "bounce from stdin printed $out lines"
expect_status 1 "$tool" bounce /nonexistent/bounce.eml
expect_status 2 "$tool" bounce --tsv
rm -rf "$scratch"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
