/* SPDX-License-Identifier: MIT */
/*
 * log_lines.c - see log_lines.h. One reader per mail program, tried in
 * turn; each looks for the fields its program always writes, and takes
 * spans of the line, never bytes past its end.
 */
#define _GNU_SOURCE 1   /* memmem */
#include <stdio.h>
#include <string.h>
#include <smtpreply.h>
#include "json_read.h"
#include "log_lines.h"

/* Where `word` starts in the `len` bytes at `s`, or NULL. */
static const char *find(const char *s, size_t len, const char *word)
{
    return memmem(s, len, word, strlen(word));
}

/* The length of the span of `s` up to the first byte of `stops`. */
static size_t span_to(const char *s, size_t len, const char *stops)
{
    size_t i, k;

    for (i = 0; i < len; i++)
        for (k = 0; stops[k] != '\0'; k++)
            if (s[i] == stops[k])
                return i;
    return len;
}

static int starts(const char *s, size_t len, const char *word)
{
    size_t w = strlen(word);

    return len >= w && memcmp(s, word, w) == 0;
}

/* The value after `field` (" to=<") up to a byte of `stops`; 0 when the
 * field is absent. */
static size_t field(const char *line, size_t len, const char *name, const char *stops,
                    const char **value)
{
    const char *v = find(line, len, name);
    size_t rest;

    if (v == NULL)
        return 0;
    v += strlen(name);
    rest = (size_t)(line + len - v);
    *value = v;
    return span_to(v, rest, stops);
}

/* "mx.example.com[192.0.2.1]:25" is the host "mx.example.com";
 * "unknown[192.0.2.1]" and "[192.0.2.1]:4321" are the address. */
static void set_host(struct log_event *e, const char *host, size_t len)
{
    size_t name = span_to(host, len, "[");

    if ((name == 0 || (name == 7 && memcmp(host, "unknown", 7) == 0)) && name < len) {
        const char *ip = host + name + 1;
        e->relay = ip;
        e->relay_len = span_to(ip, len - name - 1, "]");
        return;
    }
    e->relay = host;
    e->relay_len = name;
}

/* ---- Postfix ------------------------------------------------------------- */

static const struct {
    const char *word;
    enum log_outcome outcome;
} postfix_status[] = {
    { "sent", LOG_DELIVERED },
    { "deferred", LOG_DEFERRED },
    { "bounced", LOG_BOUNCED },
    { "expired", LOG_EXPIRED },
};

/* "QID: to=<a@b>, relay=mx[ip]:25, ..., status=bounced (reply)", and
 * qmgr's "QID: from=<a@b>, status=expired, returned to sender". */
static enum log_outcome read_postfix(const char *line, size_t len, struct log_event *e)
{
    const char *status = find(line, len, " status=");
    const char *relay, *open;
    size_t rest, i, relay_len;

    if (status == NULL)
        return LOG_NOT_A_DELIVERY;
    status += 8;
    rest = (size_t)(line + len - status);
    for (i = 0; i < sizeof postfix_status / sizeof postfix_status[0]; i++)
        if (starts(status, rest, postfix_status[i].word))
            e->outcome = postfix_status[i].outcome;
    if (e->outcome == LOG_NOT_A_DELIVERY)
        return LOG_NOT_A_DELIVERY;
    e->rcpt_len = field(line, (size_t)(status - line), " to=<", ">", &e->rcpt);
    relay_len = field(line, (size_t)(status - line), " relay=", ",", &relay);
    if (relay_len > 0)
        set_host(e, relay, relay_len);
    open = memchr(status, '(', rest);
    if (open != NULL) {
        e->reply = open + 1;
        e->reply_len = (size_t)(line + len - e->reply);
        if (e->reply_len > 0 && e->reply[e->reply_len - 1] == ')')
            e->reply_len--;
    }
    return e->outcome;
}

/* "NOQUEUE: reject: RCPT from host[ip]: 554 5.7.1 <a@b>: Relay access
 * denied; from=<s> to=<a@b> proto=ESMTP helo=<h>" (smtpd, postscreen). */
static enum log_outcome read_postfix_reject(const char *line, size_t len, struct log_event *e)
{
    static const char *const marks[] = { "NOQUEUE: reject: ", "NOQUEUE: milter-reject: " };
    const char *end = line + len, *p = NULL, *from, *reply, *tail;
    size_t n, i;

    for (i = 0; i < 2 && p == NULL; i++)
        if ((p = find(line, len, marks[i])) != NULL)
            p += strlen(marks[i]);
    if (p == NULL)
        return LOG_NOT_A_DELIVERY;
    n = span_to(p, (size_t)(end - p), " ");
    e->command = smtpreply_command_from_name(p, n);
    if (e->command < 0)
        e->command = SMTPREPLY_COMMAND_NONE;
    from = find(p, (size_t)(end - p), " from ");
    if (from == NULL)
        return LOG_NOT_A_DELIVERY;
    from += 6;
    /* The client is "name[ip]" or "[ip]:port", then ": " and the reply. */
    for (reply = from; (reply = find(reply, (size_t)(end - reply), ": ")) != NULL; reply += 2)
        if (end - reply > 2 && reply[2] >= '2' && reply[2] <= '5')
            break;
    if (reply == NULL)
        return LOG_NOT_A_DELIVERY;
    set_host(e, from, (size_t)(reply - from));
    reply += 2;
    e->reply = reply;
    e->reply_len = (size_t)(end - reply);
    /* The envelope follows the reply: "; from=<...> to=<...>". */
    for (tail = reply; (p = find(tail, (size_t)(end - tail), "; from=<")) != NULL; tail = p + 1)
        e->reply_len = (size_t)(p - reply);
    e->rcpt_len = field(reply + e->reply_len, (size_t)(end - reply) - e->reply_len, " to=<", ">",
                        &e->rcpt);
    e->outcome = LOG_REJECTED;
    return e->outcome;
}

/* ---- Exim ---------------------------------------------------------------- */

/* An Exim message id: "1tABCD-000001-AB", or since 4.97
 * "1tABCD-00000000001-ABCD". */
static int is_exim_id(const char *s, size_t len)
{
    return (len == 16 && s[6] == '-' && s[13] == '-') ||
           (len == 23 && s[6] == '-' && s[18] == '-');
}

static const struct {
    const char *flag;
    enum log_outcome outcome;
} exim_flags[] = {
    { " => ", LOG_DELIVERED },
    { " -> ", LOG_DELIVERED },
    { " ** ", LOG_BOUNCED },
    { " == ", LOG_DEFERRED },
};

/* "DATE TIME [PID] ID FLAG address ...: reply" where FLAG is =>, ->, **,
 * ==; "... rejected RCPT <a@b>: reason" for a refusal. */
static enum log_outcome read_exim(const char *line, size_t len, struct log_event *e)
{
    const char *end = line + len, *mark = NULL, *p, *colon;
    size_t i, id_start;

    for (i = 0; i < sizeof exim_flags / sizeof exim_flags[0] && mark == NULL; i++) {
        p = find(line, len, exim_flags[i].flag);
        if (p == NULL)
            continue;
        for (id_start = (size_t)(p - line); id_start > 0 && line[id_start - 1] != ' '; id_start--)
            ;
        if (is_exim_id(line + id_start, (size_t)(p - line) - id_start)) {
            mark = p + 4;
            e->outcome = exim_flags[i].outcome;
        }
    }
    if (mark == NULL) {
        p = find(line, len, " rejected RCPT <");
        if (p == NULL)
            return LOG_NOT_A_DELIVERY;
        e->outcome = LOG_REJECTED;
        e->command = SMTPREPLY_COMMAND_RCPT;
        mark = p + 16;
        e->rcpt = mark;
        e->rcpt_len = span_to(mark, (size_t)(end - mark), ">");
        e->relay_len = field(line, (size_t)(p - line), " [", "]", &e->relay);
    } else {
        e->rcpt = mark;
        e->rcpt_len = span_to(mark, (size_t)(end - mark), " :");
        e->relay_len = field(mark, (size_t)(end - mark), " H=", " [:", &e->relay);
    }
    colon = find(mark, (size_t)(end - mark), ": ");
    if (colon != NULL) {
        e->reply = colon + 2;
        e->reply_len = (size_t)(end - e->reply);
        /* Exim gives up on an address whose retry time ran out. */
        if (e->outcome == LOG_BOUNCED && find(e->reply, e->reply_len, "retry timeout exceeded"))
            e->outcome = LOG_EXPIRED;
    }
    return e->outcome;
}

/* ---- Sendmail ------------------------------------------------------------ */

/* "to=<a@b>, ..., relay=mx. [ip], dsn=5.1.1, stat=User unknown", and
 * "ruleset=check_rcpt, arg1=<a@b>, relay=host [ip], reject=550 ...". */
static enum log_outcome read_sendmail(const char *line, size_t len, struct log_event *e)
{
    const char *stat = find(line, len, " stat=");
    const char *dsn, *end = line + len, *reject;
    size_t dsn_len;

    if (stat == NULL) {
        reject = find(line, len, ", reject=");
        if (reject == NULL || find(line, len, "ruleset=") == NULL)
            return LOG_NOT_A_DELIVERY;
        e->outcome = LOG_REJECTED;
        if (find(line, len, "ruleset=check_rcpt") != NULL)
            e->command = SMTPREPLY_COMMAND_RCPT;
        else if (find(line, len, "ruleset=check_mail") != NULL)
            e->command = SMTPREPLY_COMMAND_MAIL;
        e->rcpt_len = field(line, len, " arg1=", ",", &e->rcpt);
        e->relay_len = field(line, len, " relay=", ", [", &e->relay);
        e->reply = reject + 9;
        e->reply_len = (size_t)(end - e->reply);
        return e->outcome;
    }
    if (find(line, (size_t)(stat - line), "to=") == NULL)
        return LOG_NOT_A_DELIVERY;
    stat += 6;
    dsn_len = field(line, len, " dsn=", ",", &dsn);
    if (dsn_len > 0 && dsn[0] == '2')
        e->outcome = LOG_DELIVERED;
    else if (dsn_len == 5 && memcmp(dsn, "4.4.7", 5) == 0)
        e->outcome = LOG_EXPIRED;       /* the queue's time ran out */
    else if (dsn_len > 0 && dsn[0] == '4')
        e->outcome = LOG_DEFERRED;
    else if (dsn_len > 0 && dsn[0] == '5')
        e->outcome = LOG_BOUNCED;
    else if (starts(stat, (size_t)(end - stat), "Sent"))
        e->outcome = LOG_DELIVERED;
    else if (starts(stat, (size_t)(end - stat), "Deferred"))
        e->outcome = LOG_DEFERRED;
    else
        e->outcome = LOG_BOUNCED;
    e->rcpt_len = field(line, (size_t)(stat - line), " to=", ",", &e->rcpt);
    e->relay_len = field(line, (size_t)(stat - line), " relay=", ", [", &e->relay);
    while (e->relay_len > 0 && e->relay[e->relay_len - 1] == '.')
        e->relay_len--;
    e->reply = stat;
    e->reply_len = (size_t)(end - stat);
    return e->outcome;
}

/* ---- KumoMTA ------------------------------------------------------------- */

static const struct {
    const char *type;
    enum log_outcome outcome;
} kumo_types[] = {
    { "\"Delivery\"", LOG_DELIVERED },
    { "\"TransientFailure\"", LOG_DEFERRED },
    { "\"Bounce\"", LOG_BOUNCED },
    { "\"AdminBounce\"", LOG_BOUNCED },
    { "\"Expiration\"", LOG_EXPIRED },
    { "\"Rejection\"", LOG_REJECTED },
};

/* The reply of a record's "response": {"code":550,"enhanced_code":
 * {"class":5,"subject":1,"detail":1},"content":"...","command":"RCPT TO:..."}
 * written back as "550 5.1.1 content". */
static void kumo_reply(const struct json_value *response, struct log_event *e)
{
    struct json_value v, ec;
    long code = -1, part[3] = { -1, -1, -1 };
    static const char *const parts[3] = { "class", "subject", "detail" };
    size_t n = 0, k;
    char *b = e->reply_buf;

    if (json_member(response->start, response->len, "code", &v))
        code = json_small_integer(&v);
    if (json_member(response->start, response->len, "enhanced_code", &ec) &&
        ec.type == JSON_OBJECT)
        for (k = 0; k < 3; k++)
            if (json_member(ec.start, ec.len, parts[k], &v))
                part[k] = json_small_integer(&v);
    if (code >= 200 && code <= 599)
        n += (size_t)snprintf(b + n, sizeof e->reply_buf - n, "%ld ", code);
    if (part[0] >= 2 && part[0] <= 5 && part[1] >= 0 && part[1] <= 999 && part[2] >= 0 &&
        part[2] <= 999)
        n += (size_t)snprintf(b + n, sizeof e->reply_buf - n, "%ld.%ld.%ld ", part[0],
                              part[1], part[2]);
    if (json_member(response->start, response->len, "content", &v))
        n += json_string_decode(&v, b + n, sizeof e->reply_buf - n);
    e->reply = b;
    e->reply_len = n;
    if (json_member(response->start, response->len, "command", &v)) {
        char command[32];
        size_t len = json_string_decode(&v, command, sizeof command);
        size_t word = span_to(command, len, " :\r\n");
        e->command = smtpreply_command_from_name(command, word);
        if (e->command < 0)
            e->command = SMTPREPLY_COMMAND_NONE;
    }
}

static enum log_outcome read_kumomta(const char *line, size_t len, struct log_event *e)
{
    struct json_value type, v;
    size_t i;

    if (!json_member(line, len, "type", &type) || type.type != JSON_STRING)
        return LOG_NOT_A_DELIVERY;
    for (i = 0; i < sizeof kumo_types / sizeof kumo_types[0]; i++)
        if (type.len == strlen(kumo_types[i].type) &&
            memcmp(type.start, kumo_types[i].type, type.len) == 0)
            e->outcome = kumo_types[i].outcome;
    if (e->outcome == LOG_NOT_A_DELIVERY)
        return e->outcome;
    if (json_member(line, len, "recipient", &v)) {
        e->rcpt = e->rcpt_buf;
        e->rcpt_len = json_string_decode(&v, e->rcpt_buf, sizeof e->rcpt_buf);
    }
    if (json_member(line, len, "peer_address", &v) && v.type == JSON_OBJECT) {
        struct json_value name;
        if (json_member(v.start, v.len, "name", &name)) {
            e->relay = e->relay_buf;
            e->relay_len = json_string_decode(&name, e->relay_buf, sizeof e->relay_buf);
        }
    }
    if (json_member(line, len, "response", &v) && v.type == JSON_OBJECT)
        kumo_reply(&v, e);
    return e->outcome;
}

/* ---- all of them --------------------------------------------------------- */

typedef enum log_outcome reader(const char *line, size_t len, struct log_event *e);

/* In the order tried: a line one of them reads is not tried by the next. */
static reader *const readers[] = {
    read_postfix, read_postfix_reject, read_exim, read_sendmail,
};

/* How many readers a line that Postfix wrote needs: its own two. The
 * others' searches are most of the time a scan spends on the lines that
 * are not deliveries, which are most lines. */
#define POSTFIX_READERS 2

/* A syslog line of Postfix: "... postfix/smtp[123]: " (or a second
 * instance's "postfix-out/smtp[123]: ") in the header. */
static int written_by_postfix(const char *line, size_t len)
{
    return find(line, len < 80 ? len : 80, " postfix") != NULL;
}

static void clear(struct log_event *e)
{
    e->outcome = LOG_NOT_A_DELIVERY;
    e->command = SMTPREPLY_COMMAND_NONE;
    e->rcpt = e->relay = e->reply = NULL;
    e->rcpt_len = e->relay_len = e->reply_len = 0;
}

enum log_outcome log_line_read(const char *line, size_t len, struct log_event *e)
{
    size_t i = 0;

    clear(e);
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    /* KumoMTA writes one JSON object a line; no other log starts so. */
    if (i < len && line[i] == '{')
        return read_kumomta(line, len, e);
    for (i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        if (i == POSTFIX_READERS && written_by_postfix(line, len))
            break;
        if (readers[i](line, len, e) != LOG_NOT_A_DELIVERY)
            return e->outcome;
        clear(e);
    }
    return LOG_NOT_A_DELIVERY;
}
