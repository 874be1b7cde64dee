// SPDX-License-Identifier: GPL-2.0
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

/* Process-wide, like the stderr these lines go to: one hook (the control
 * socket's ERROR events) and one -D file per molvm process. */
FILE *debug_log;

static void (*err_hook)(void *arg, const char *line);
static void *err_hook_arg;

void log_set_err_hook(void (*fn)(void *arg, const char *line), void *arg)
{
	err_hook = fn;
	err_hook_arg = arg;
}

static void PRINTF(1, 0) vmsg(const char *fmt, va_list ap)
{
	char line[1024];

	/* One write per message, so lines from two threads do not interleave. */
	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "molvm: %s\n", line);
}

void pr_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (err_hook) {
		char line[1024];
		va_list copy;

		va_copy(copy, ap);
		vsnprintf(line, sizeof(line), fmt, copy);
		va_end(copy);
		err_hook(err_hook_arg, line);
	}
	vmsg(fmt, ap);
	va_end(ap);
}

int set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

void pr_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

int debug_log_open(const char *path)
{
	debug_log = fopen(path, "w");
	if (!debug_log)
		return -1;
	setvbuf(debug_log, NULL, _IOLBF, 0);
	return 0;
}

void pr_debug(const char *fmt, ...)
{
	va_list ap;

	if (!debug_log)
		return;
	va_start(ap, fmt);
	vfprintf(debug_log, fmt, ap);
	va_end(ap);
	fputc('\n', debug_log);
}
