/* SPDX-License-Identifier: GPL-2.0 */
/* Messages to the user: one line each, on stderr, prefixed "molvm: ". */
#ifndef MOLVM_LOG_H
#define MOLVM_LOG_H

#include <stdbool.h>
#include <stdio.h>

#define PRINTF(a, b) __attribute__((format(printf, a, b)))

void pr_err(const char *fmt, ...) PRINTF(1, 2);
void pr_info(const char *fmt, ...) PRINTF(1, 2);

/* For code that hands its message to the caller instead of printing it:
 * the line into err (errlen bytes); returns -1. */
int set_err(char *err, size_t errlen, const char *fmt, ...) PRINTF(3, 4);

/* Also hand every pr_err line to fn (the control socket's ERROR events);
 * fn must be thread-safe.  NULL turns it off. */
void log_set_err_hook(void (*fn)(void *arg, const char *line), void *arg);

/* Debug log of exits (-D FILE); debug_log is NULL when it is off. */
extern FILE *debug_log;
int debug_log_open(const char *path);
void pr_debug(const char *fmt, ...) PRINTF(1, 2);

#endif
