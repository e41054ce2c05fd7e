# SPDX-License-Identifier: MIT
"""smtpreply.bounces() and smtpreply.read_message() on whole emails.

The emails are written in the test itself, from RFC 3464 (a delivery
status notification), RFC 5965 (a feedback report) and RFC 3834 (an
automatic reply), so the tests need nothing outside this directory.
"""

import unittest

import smtpreply
from smtpreply import (DsnAction, MessageFlag, MessageKind, MessageSource,
                       Reason, RecipientFlag, VerdictKind)

DSN = b"""From: MAILER-DAEMON@mx.example.org
To: alice@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Your message could not be delivered.

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; bob@example.com
Original-Recipient: rfc822; bob@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: User unknown
    in virtual mailbox table

Final-Recipient: rfc822; carol@example.com
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; 550 Mailbox busy

--b
Content-Type: message/rfc822

Message-ID: <original-1@example.org>
Subject: virus spam quota

Hello
--b--
"""

ARF = b"""From: abuse@provider.example
Subject: FW: Earn money
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="f"

--f
Content-Type: text/plain

An abuse report.

--f
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: Reporter/1.0
Version: 1

--f--
"""

UNSUBSCRIBE = b"""From: Ines <ines@example.org>
To: leave-7731@news.example.com
Subject: unsubscribe
Auto-Submitted: auto-replied
X-Apple-Unsubscribe: true

Mail sent this email to unsubscribe from the message "Autumn offers".
"""

AUTOREPLY = b"""From: Oscar <oscar@example.com>
To: peggy@example.org
Subject: Automatic reply: Project kickoff
Auto-Submitted: auto-replied

I am out of the office until Monday.
"""


class BouncesTest(unittest.TestCase):

    def test_one_record_per_recipient(self):
        records = smtpreply.bounces(DSN)
        self.assertEqual([r.recipient for r in records],
                         ["bob@example.com", "carol@example.com"])
        bob, carol = records
        self.assertEqual(bob.original_recipient, "bob@example.com")
        self.assertIs(bob.action, DsnAction.FAILED)
        self.assertEqual(bob.status, "5.1.1")
        self.assertEqual(bob.remote_mta, "mx.example.com")
        self.assertEqual(bob.diagnostic_type, "smtp")
        self.assertEqual(bob.diagnostic, "550 5.1.1 <bob@example.com>: User "
                         "unknown in virtual mailbox table")
        self.assertEqual(bob.classified, bob.diagnostic)
        self.assertIs(bob.verdict.verdict, VerdictKind.PERMANENT)
        self.assertIs(bob.verdict.reason, Reason.USERUNKNOWN)
        self.assertTrue(bob.verdict.hard)
        self.assertEqual(bob.verdict.code, 550)
        self.assertEqual(bob.verdict.status, "5.1.1")

    def test_to_dict_has_the_names_of_the_command(self):
        d = smtpreply.bounces(DSN)[0].to_dict()
        self.assertEqual(d["recipient"], "bob@example.com")
        self.assertEqual(d["dsn_action"], "failed")
        self.assertEqual(d["reason"], "userunknown")
        self.assertEqual(d["code"], 550)

    def test_a_delayed_recipient_is_never_permanent(self):
        carol = smtpreply.bounces(DSN)[1]
        self.assertIs(carol.action, DsnAction.DELAYED)
        self.assertIs(carol.verdict.verdict, VerdictKind.TRANSIENT)
        self.assertFalse(carol.verdict.hard)

    def test_message_fields(self):
        m = smtpreply.read_message(bytearray(DSN))
        self.assertIs(m.kind, MessageKind.DELIVERY_STATUS)
        self.assertIs(m.source, MessageSource.DSN)
        self.assertEqual(m.reporting_mta, "dns; mx.example.org")
        self.assertEqual(m.original_message_id, "<original-1@example.org>")
        self.assertEqual(m.original_subject, "virus spam quota")
        self.assertEqual(m.subject, "Undelivered Mail Returned to Sender")
        self.assertEqual(m.layout, "")
        self.assertFalse(m.flags & MessageFlag.MISSING_BOUNDARY)

    def test_feedback_and_auto_replies_have_no_recipients(self):
        m = smtpreply.read_message(ARF)
        self.assertIs(m.kind, MessageKind.FEEDBACK)
        self.assertEqual(m.feedback_type, "abuse")
        self.assertEqual(m.recipients, ())
        self.assertEqual(smtpreply.bounces(AUTOREPLY), ())
        self.assertIs(smtpreply.read_message(AUTOREPLY).kind,
                      MessageKind.AUTO_REPLY)

    def test_a_request_to_leave_a_list_is_a_flagged_auto_reply(self):
        m = smtpreply.read_message(UNSUBSCRIBE)
        self.assertIs(m.kind, MessageKind.AUTO_REPLY)
        self.assertTrue(m.flags & MessageFlag.UNSUBSCRIBE)
        self.assertEqual(m.recipients, ())
        self.assertFalse(smtpreply.read_message(AUTOREPLY).flags
                         & MessageFlag.UNSUBSCRIBE)

    def test_crlf_reads_as_lf(self):
        crlf = DSN.replace(b"\n", b"\r\n")
        self.assertEqual([(r.recipient, r.verdict.reason)
                          for r in smtpreply.bounces(crlf)],
                         [(r.recipient, r.verdict.reason)
                          for r in smtpreply.bounces(DSN)])

    def test_a_generic_status_gives_way(self):
        data = DSN.replace(b"Status: 5.1.1", b"Status: 5.0.0")
        bob = smtpreply.bounces(data)[0]
        self.assertEqual(bob.status, "5.0.0")
        self.assertEqual(bob.verdict.status, "5.1.1")
        self.assertTrue(bob.flags & RecipientFlag.STATUS_REFINED)

    def test_errors(self):
        with self.assertRaises(smtpreply.EmptyInputError):
            smtpreply.bounces(b" \r\n")
        with self.assertRaises(TypeError):
            smtpreply.bounces("a str is not the message's bytes")


if __name__ == "__main__":
    unittest.main()
