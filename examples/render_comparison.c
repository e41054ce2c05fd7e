/* SPDX-License-Identifier: MIT */
/*
 * render_comparison - print the comparison page of two reply codes.
 *
 *   cc render_comparison.c $(pkg-config --cflags --libs smtpreply)
 *   ./a.out 421 550 fr
 *
 * The page is rendered snprintf-style: ask for its length with a NULL
 * buffer, then render into a buffer of that size (nothing is allocated
 * by the library).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>

int main(int argc, char **argv)
{
    const char *lang = argc > 3 ? argv[3] : NULL;
    char *page;
    int len;

    if (argc < 3) {
        fprintf(stderr, "usage: %s CODE CODE [LANG]\n", argv[0]);
        return 2;
    }
    len = smtpreply_render_comparison(argv[1], strlen(argv[1]), argv[2], strlen(argv[2]),
                                      lang, SMTPREPLY_FORMAT_TEXT, NULL, 0);
    if (len < 0) {
        fprintf(stderr, "%s\n", smtpreply_strerror(len));
        return 1;
    }
    page = malloc((size_t)len + 1);
    if (page == NULL)
        return 1;
    smtpreply_render_comparison(argv[1], strlen(argv[1]), argv[2], strlen(argv[2]), lang,
                                SMTPREPLY_FORMAT_TEXT, page, (size_t)len + 1);
    fputs(page, stdout);
    free(page);
    return 0;
}
