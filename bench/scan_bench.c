/* SPDX-License-Identifier: MIT */
/*
 * scan_bench.c - the throughput and peak memory of `smtpreply scan` on a
 * generated mail log (`make bench`; docs/PERFORMANCE.md), beside
 * pflogsumm's measured the same way where pflogsumm is installed.
 *
 *   scan_bench --tool PATH [--lines N]... [--pflogsumm PATH]
 *
 * For each N (default 1,000,000 and 4,000,000) a Postfix log of N lines is
 * generated into a pipe to the program (nothing is written to disk): per
 * message, smtpd's connect, cleanup's message-id, qmgr's from=, a delivery
 * agent's status (sent, deferred or bounced, to one of 20,000 recipient
 * domains, so the scanner's tables are always full) and qmgr's removed,
 * with a NOQUEUE refusal now and then. The program's output goes to
 * /dev/null; the wall time is from the first byte written to the child's
 * exit, the CPU time and the peak memory are the child's ru_utime +
 * ru_stime and ru_maxrss from wait4(). pflogsumm
 * is given only the first N of the largest size (it keeps per-domain
 * tables in memory and is slower by far).
 *
 * Exit status: 0; 1 when a program fails or a usage error.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SIZES 8
#define DOMAINS 20000

/* The status part of a delivery line, one of seven (three sent). */
static void status_text(char *out, size_t size, unsigned which, int domain, int qid, unsigned r)
{
    switch (which % 7) {
    case 3:
        snprintf(out, size, "dsn=4.4.1, status=deferred (connect to mx.d%d.example[192.0.2.1]:25: "
                 "Connection timed out)", domain);
        break;
    case 4:
        snprintf(out, size, "dsn=5.1.1, status=bounced (host mx.d%d.example[192.0.2.1] said: 550 "
                 "5.1.1 <u@d.example>: Recipient address rejected: User unknown in local "
                 "recipient table (in reply to RCPT TO command))", domain);
        break;
    case 5:
        snprintf(out, size, "dsn=4.2.2, status=deferred (host mx.d%d.example[192.0.2.1] said: 452 "
                 "4.2.2 Mailbox full (in reply to RCPT TO command))", domain);
        break;
    case 6:
        snprintf(out, size, "dsn=5.7.1, status=bounced (host mx.d%d.example[192.0.2.1] said: "
                 "550-5.7.1 [192.0.2.7 %d] Our system has detected that this message is "
                 "550-5.7.1 likely unsolicited mail. 550 5.7.1 See the help page. %08x - gsmtp "
                 "(in reply to end of DATA command))", domain, qid, r);
        break;
    default:
        snprintf(out, size, "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as %05X)", qid);
        break;
    }
}

/* Writes the log's lines into `fd` until `lines` have been written. */
static int write_log(int fd, long lines)
{
    static char buf[1 << 16];
    size_t used = 0;
    long n = 0;
    unsigned seed = 12345;

    while (n < lines) {
        char line[1024];
        int len, kind, domain, qid;
        seed = seed * 1103515245u + 12345u;
        kind = (int)((seed >> 8) % 5);
        domain = (int)((seed >> 4) % DOMAINS);
        qid = (int)(n & 0xFFFFF);
        switch (kind) {
        case 0:
            len = snprintf(line, sizeof line, "Dec  6 10:%02ld:%02ld mx1 postfix/smtpd[%d]: connect "
                           "from client%d.example[198.51.100.%d]\n", (n / 60) % 60, n % 60,
                           1000 + domain % 50, domain, domain % 250);
            if ((seed >> 20) % 7 == 0)
                len = snprintf(line, sizeof line, "Dec  6 10:%02ld:%02ld mx1 postfix/smtpd[%d]: "
                               "NOQUEUE: reject: RCPT from unknown[198.51.100.%d]: 554 5.7.1 "
                               "<x%d@d%d.example>: Relay access denied; from=<s@sender.example> "
                               "to=<x%d@d%d.example> proto=ESMTP helo=<h>\n", (n / 60) % 60,
                               n % 60, 1000 + domain % 50, domain % 250, qid, domain, qid, domain);
            break;
        case 1:
            len = snprintf(line, sizeof line, "Dec  6 10:%02ld:%02ld mx1 postfix/cleanup[%d]: %05X: "
                           "message-id=<%d.%d@sender.example>\n", (n / 60) % 60, n % 60,
                           2000 + domain % 50, qid, qid, domain);
            break;
        case 2:
            len = snprintf(line, sizeof line, "Dec  6 10:%02ld:%02ld mx1 postfix/qmgr[900]: %05X: "
                           "from=<news@sender.example>, size=%d, nrcpt=1 (queue active)\n",
                           (n / 60) % 60, n % 60, qid, 1000 + domain);
            break;
        case 3: {
            char status[512];
            status_text(status, sizeof status, seed >> 12, domain, qid, seed);
            len = snprintf(line, sizeof line, "Dec  6 10:%02ld:%02ld mx1 postfix/smtp[%d]: %05X: "
                           "to=<u%d@d%d.example>, relay=mx.d%d.example[192.0.2.1]:25, delay=1.2, "
                           "delays=0.1/0/0.5/0.6, %s\n", (n / 60) % 60, n % 60,
                           3000 + domain % 50, qid, qid, domain, domain, status);
            break;
        }
        default:
            len = snprintf(line, sizeof line, "Dec  6 10:%02ld:%02ld mx1 postfix/qmgr[900]: %05X: "
                           "removed\n", (n / 60) % 60, n % 60, qid);
            break;
        }
        if (used + (size_t)len > sizeof buf) {
            size_t off = 0;
            while (off < used) {
                ssize_t w = write(fd, buf + off, used - off);
                if (w < 0 && errno == EINTR)
                    continue;
                if (w < 0)
                    return -1;
                off += (size_t)w;
            }
            used = 0;
        }
        memcpy(buf + used, line, (size_t)len);
        used += (size_t)len;
        n++;
    }
    if (used > 0 && write(fd, buf, used) != (ssize_t)used)
        return -1;
    return 0;
}

/* Runs argv with the generated log on its standard input; returns 0 and
 * the seconds and peak kilobytes, or -1. */
static int measure(char *const argv[], long lines, double *seconds, double *cpu, long *peak_kb)
{
    int fds[2], status;
    struct timespec t0, t1;
    struct rusage ru;
    pid_t pid;

    if (pipe(fds) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(fds[0], 0);
        dup2(null, 1);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[0]);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (write_log(fds[1], lines) != 0)
        fprintf(stderr, "scan_bench: writing to %s: %s\n", argv[0], strerror(errno));
    close(fds[1]);
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    *peak_kb = ru.ru_maxrss;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Lines per second of wall time (the generator runs beside the program),
 * and per second of the program's own CPU time, which a busy machine
 * changes less. */
static void report(const char *name, long lines, double seconds, double cpu, long peak_kb)
{
    printf("%-10s %9ld lines  %7.2f s  %9.0f lines/s  %9.0f lines/CPU-s  peak RSS %6.1f MB\n",
           name, lines, seconds, (double)lines / seconds, (double)lines / cpu,
           (double)peak_kb / 1024.0);
}

int main(int argc, char **argv)
{
    char *tool = NULL, *pflogsumm = NULL, scan[] = "scan";
    long sizes[MAX_SIZES];
    int count = 0, i, bad = 0;

    signal(SIGPIPE, SIG_IGN);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tool") == 0 && i + 1 < argc)
            tool = argv[++i];
        else if (strcmp(argv[i], "--pflogsumm") == 0 && i + 1 < argc)
            pflogsumm = argv[++i];
        else if (strcmp(argv[i], "--lines") == 0 && i + 1 < argc && count < MAX_SIZES)
            sizes[count++] = atol(argv[++i]);
        else {
            fprintf(stderr, "usage: scan_bench --tool PATH [--lines N]... [--pflogsumm PATH]\n");
            return 1;
        }
    }
    if (tool == NULL) {
        fprintf(stderr, "scan_bench: --tool is needed\n");
        return 1;
    }
    if (count == 0) {
        sizes[count++] = 1000000;
        sizes[count++] = 4000000;
    }
    printf("smtpreply scan on a generated Postfix log, read from a pipe:\n");
    for (i = 0; i < count; i++) {
        char *args[] = { tool, scan, NULL };
        double s, cpu;
        long kb;
        if (measure(args, sizes[i], &s, &cpu, &kb) != 0) {
            fprintf(stderr, "scan_bench: %s scan failed\n", tool);
            bad = 1;
            continue;
        }
        report("smtpreply", sizes[i], s, cpu, kb);
    }
    if (pflogsumm != NULL) {
        char *args[] = { pflogsumm, NULL };
        double s, cpu;
        long kb;
        if (measure(args, sizes[0], &s, &cpu, &kb) != 0) {
            fprintf(stderr, "scan_bench: %s failed\n", pflogsumm);
            bad = 1;
        } else {
            report("pflogsumm", sizes[0], s, cpu, kb);
        }
    } else {
        printf("pflogsumm: not installed; not measured\n");
    }
    return bad;
}
