// SPDX-License-Identifier: GPL-2.0
/*
 * --script (ui/script.c): the input is a script (up to the first NUL) and
 * then guest console output.  A script that parses is started against a
 * control layer with no machine behind it, the console text arrives as
 * CONSOLE events for its wait steps, the steps that are ready run, the
 * rest is aborted and the report written (TAP or JUnit, by the first
 * byte) to /dev/null.
 */
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>

#include "../../ui/control.h"
#include "../../ui/input.h"
#include "../../ui/script.h"
#include "harness.h"

static void nothing(void *arg) { (void)arg; }
static void typed(void *arg, const void *buf, size_t len) { (void)arg; (void)buf; (void)len; }
static void sink(void *arg, const struct input_event *ev) { (void)arg; (void)ev; }
static struct input_sink input;
static void done(void *arg, bool ok) { (void)arg; (void)ok; }

static const struct control_ops ops = {
	.powerdown = nothing, .quit = nothing, .console_input = typed,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	enum report_format fmt = in_u8(&in) & 1 ? REPORT_JUNIT : REPORT_TAP;
	const uint8_t *nul = memchr(in.p, 0, in.n);
	size_t text_len = nul ? (size_t)(nul - in.p) : in.n;
	char *text = malloc(text_len + 1), err[256];
	struct event_base *base;
	struct control *ctl;
	struct script *s;
	int i;

	if (!text)
		return 0;
	memcpy(text, in.p, text_len);
	text[text_len] = 0;
	s = script_parse(text, "fuzz", err, sizeof(err));
	free(text);
	if (!s)
		return 0;
	in.p += text_len;
	in.n -= text_len;
	input_sink_init(&input);
	input_set_sink(&input, sink, NULL);
	base = event_base_new();
	ctl = control_create(base, NULL, &input, &ops, NULL);
	if (!base || !ctl || script_start(s, base, ctl, done, NULL))
		abort();
	for (i = 0; i < 8; i++) {
		size_t len = in_u8(&in) * 4, got;
		const uint8_t *p = in_bytes(&in, len, &got);

		control_console_output(ctl, p, got);
		event_base_loop(base, EVLOOP_NONBLOCK);
	}
	control_stopped(ctl, "poweroff");
	event_base_loop(base, EVLOOP_NONBLOCK);
	script_abort(s, "fuzz input ended");
	script_report(s, fmt, "/dev/null");
	script_free(s);
	control_destroy(ctl);
	event_base_free(base);
	return 0;
}
