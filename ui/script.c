// SPDX-License-Identifier: GPL-2.0
#include "script.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <event2/event.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "control.h"
#include "fb_png.h"

#define MAX_ARGS 8
#define CONSOLE_KEEP (1u << 20)		/* console bytes kept for wait */
#define PIXEL_POLL_MS 50

enum step_op {
	OP_TIMEOUT, OP_WAIT, OP_SEND, OP_TYPE, OP_SENDKEY, OP_MOUSE_MOVE,
	OP_MOUSE_BUTTON, OP_SLEEP, OP_SCREENDUMP, OP_EXPECT_SCREEN,
	OP_EXPECT_PIXEL, OP_WAIT_PIXEL, OP_EXPECT_AREA, OP_POWERDOWN, OP_QUIT, OP_WAIT_EXIT,
};

enum step_status { ST_NOT_RUN, ST_PASS, ST_FAIL };

struct step {
	enum step_op op;
	char *line;			/* the step as written: its test name */
	unsigned int lineno;
	char *arg[MAX_ARGS];
	int nargs;
	enum step_status status;
	char *message;
	double seconds;
};

struct script {
	char *name;
	struct step *steps;
	unsigned int nr, cur;
	double default_timeout;

	struct event_base *base;
	struct control *ctl;
	struct event *timer;		/* timeouts and sleeps */
	struct event *poll;		/* wait-pixel */
	struct event *next;		/* runs the next step from the loop */
	void (*done)(void *arg, bool ok);
	void *done_arg;
	bool waiting;			/* the current step ends on an event */
	bool finished;
	bool vm_stopped;
	double step_start;

	char *console;
	size_t con_len, mark;
};

static const struct {
	const char *name;
	enum step_op op;
	int min, max;			/* argument counts */
} ops[] = {
	{ "timeout", OP_TIMEOUT, 1, 1 },
	{ "wait", OP_WAIT, 1, 2 },
	{ "send", OP_SEND, 1, 1 },
	{ "type", OP_TYPE, 1, 1 },
	{ "sendkey", OP_SENDKEY, 1, 1 },
	{ "mouse_move", OP_MOUSE_MOVE, 2, 2 },
	{ "mouse_button", OP_MOUSE_BUTTON, 1, 1 },
	{ "sleep", OP_SLEEP, 1, 1 },
	{ "screendump", OP_SCREENDUMP, 1, 1 },
	{ "expect-screen", OP_EXPECT_SCREEN, 1, 3 },
	{ "expect-pixel", OP_EXPECT_PIXEL, 3, 4 },
	{ "wait-pixel", OP_WAIT_PIXEL, 3, 5 },
	{ "expect-area", OP_EXPECT_AREA, 6, 7 },
	{ "powerdown", OP_POWERDOWN, 0, 0 },
	{ "quit", OP_QUIT, 0, 0 },
	{ "wait-exit", OP_WAIT_EXIT, 0, 1 },
};

static double now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

/* ---- parsing --------------------------------------------------------- */

/* Next word or "quoted string" of *p, unescaped, malloc'd; NULL at the
 * end of the line; *bad set on an unterminated quote or bad escape. */
static char *next_token(const char **p, bool *bad)
{
	const char *s = *p;
	char *out, *o;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '#') {
		*p = s;
		return NULL;
	}
	out = o = malloc(strlen(s) + 1);
	if (!out) {
		*bad = true;
		return NULL;
	}
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s != '\\') {
				*o++ = *s;
				continue;
			}
			switch (*++s) {
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case 't': *o++ = '\t'; break;
			case '\\': *o++ = '\\'; break;
			case '"': *o++ = '"'; break;
			default: *bad = true; free(out); return NULL;
			}
		}
		if (*s != '"') {
			*bad = true;
			free(out);
			return NULL;
		}
		s++;
	} else {
		while (*s && *s != ' ' && *s != '\t')
			*o++ = *s++;
	}
	*o = 0;
	*p = s;
	return out;
}

static bool parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return !errno && end != s && !*end && *out >= 0 && *out < 1e6;
}

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtoul(s, &end, 0);
	return !errno && !*end && *out <= max;
}

static bool parse_rgb(const char *s, uint32_t *out)
{
	unsigned long v;
	char *end;

	if (*s == '#')
		s++;
	if (strlen(s) != 6 || !isxdigit((unsigned char)*s))
		return false;
	v = strtoul(s, &end, 16);
	*out = (uint32_t)v;
	return !*end;
}

/* Check a parsed step's arguments; message in err. */
static bool check_args(const struct step *st, char *err, size_t errlen)
{
	unsigned long u;
	uint32_t rgb;
	double d;

	switch (st->op) {
	case OP_TIMEOUT:
	case OP_SLEEP:
		if (!parse_double(st->arg[0], &d))
			return snprintf(err, errlen, "'%s' is not a number of seconds",
					st->arg[0]), false;
		break;
	case OP_WAIT:
		if (!*st->arg[0])
			return snprintf(err, errlen, "wait needs a non-empty text"), false;
		if (st->nargs > 1 && !parse_double(st->arg[1], &d))
			return snprintf(err, errlen, "'%s' is not a number of seconds",
					st->arg[1]), false;
		break;
	case OP_WAIT_EXIT:
		if (st->nargs > 0 && !parse_double(st->arg[0], &d))
			return snprintf(err, errlen, "'%s' is not a number of seconds",
					st->arg[0]), false;
		break;
	case OP_MOUSE_MOVE:
		if (!parse_uint(st->arg[0], 65535, &u) || !parse_uint(st->arg[1], 65535, &u))
			return snprintf(err, errlen, "mouse_move needs X Y in pixels"), false;
		break;
	case OP_EXPECT_SCREEN:
		if ((st->nargs > 1 && !parse_uint(st->arg[1], 255, &u)) ||
		    (st->nargs > 2 && !parse_uint(st->arg[2], 1ul << 30, &u)))
			return snprintf(err, errlen, "expect-screen FILE [TOL [MAXPIXELS]]"), false;
		break;
	case OP_EXPECT_PIXEL:
	case OP_WAIT_PIXEL:
		if (!parse_uint(st->arg[0], 65535, &u) || !parse_uint(st->arg[1], 65535, &u) ||
		    !parse_rgb(st->arg[2], &rgb) ||
		    (st->nargs > 3 && !parse_uint(st->arg[3], 255, &u)) ||
		    (st->nargs > 4 && !parse_double(st->arg[4], &d)))
			return snprintf(err, errlen, "%s X Y RRGGBB [TOL]%s",
					st->op == OP_WAIT_PIXEL ? "wait-pixel" : "expect-pixel",
					st->op == OP_WAIT_PIXEL ? " [SEC]" : ""), false;
		break;
	case OP_EXPECT_AREA:
		if (!parse_uint(st->arg[0], 65535, &u) || !parse_uint(st->arg[1], 65535, &u) ||
		    !parse_uint(st->arg[2], 65535, &u) || !parse_uint(st->arg[3], 65535, &u) ||
		    !parse_rgb(st->arg[4], &rgb) || !parse_uint(st->arg[5], 1ul << 30, &u) ||
		    (st->nargs > 6 && !parse_uint(st->arg[6], 255, &u)))
			return snprintf(err, errlen, "expect-area X Y W H RRGGBB MINPIXELS [TOL]"), false;
		break;
	default:
		break;
	}
	return true;
}

static void step_free(struct step *st)
{
	int i;

	free(st->line);
	free(st->message);
	for (i = 0; i < st->nargs; i++)
		free(st->arg[i]);
}

static void on_event(void *arg, const char *event, struct json_object *data);

void script_free(struct script *s)
{
	unsigned int i;

	if (!s)
		return;
	if (s->ctl)
		control_remove_listener(s->ctl, on_event, s);
	for (i = 0; i < s->nr; i++)
		step_free(&s->steps[i]);
	if (s->timer)
		event_free(s->timer);
	if (s->poll)
		event_free(s->poll);
	if (s->next)
		event_free(s->next);
	free(s->steps);
	free(s->console);
	free(s->name);
	free(s);
}

static int parse_line(struct script *s, const char *line, unsigned int lineno,
		      char *err, size_t errlen)
{
	const char *p = line;
	struct step st, *ns;
	bool bad = false;
	char *word, *tok, msg[200];
	size_t i, len;

	word = next_token(&p, &bad);
	if (!word)
		return bad ? (snprintf(err, errlen, "%s:%u: bad quoting", s->name, lineno), -1) : 0;
	memset(&st, 0, sizeof(st));
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(ops[i].name, word))
			break;
	if (i == sizeof(ops) / sizeof(ops[0])) {
		snprintf(err, errlen, "%s:%u: unknown step '%s'", s->name, lineno, word);
		free(word);
		return -1;
	}
	free(word);
	st.op = ops[i].op;
	st.lineno = lineno;
	while ((tok = next_token(&p, &bad))) {
		if (st.nargs == MAX_ARGS) {
			free(tok);
			bad = true;
			break;
		}
		st.arg[st.nargs++] = tok;
	}
	if (bad || st.nargs < ops[i].min || st.nargs > ops[i].max) {
		snprintf(err, errlen, "%s:%u: %s takes %d to %d arguments%s", s->name, lineno,
			 ops[i].name, ops[i].min, ops[i].max, bad ? " (or bad quoting)" : "");
		step_free(&st);
		return -1;
	}
	if (!check_args(&st, msg, sizeof(msg))) {
		snprintf(err, errlen, "%s:%u: %s", s->name, lineno, msg);
		step_free(&st);
		return -1;
	}
	len = strcspn(line, "\n");
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	while (*line == ' ' || *line == '\t')
		line++, len--;
	st.line = strndup(line, len);
	ns = realloc(s->steps, (s->nr + 1) * sizeof(*ns));
	if (!ns || !st.line) {
		snprintf(err, errlen, "out of memory");
		step_free(&st);
		return -1;
	}
	s->steps = ns;
	s->steps[s->nr++] = st;
	return 0;
}

struct script *script_parse(const char *text, const char *name, char *err, size_t errlen)
{
	struct script *s = calloc(1, sizeof(*s));
	unsigned int lineno = 1;
	const char *p = text;

	if (!s)
		return NULL;
	s->name = strdup(name);
	s->default_timeout = 30;
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = strndup(p, len);

		if (!line || parse_line(s, line, lineno, err, errlen)) {
			free(line);
			script_free(s);
			return NULL;
		}
		free(line);
		p += len;
		if (*p)
			p++;
		lineno++;
	}
	if (!s->nr) {
		snprintf(err, errlen, "%s: no steps", name);
		script_free(s);
		return NULL;
	}
	return s;
}

struct script *script_load(const char *path, char *err, size_t errlen)
{
	struct script *s;
	FILE *f = fopen(path, "r");
	char *text;
	long len;

	if (!f) {
		snprintf(err, errlen, "--script %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || len > (1 << 20) ||
	    fseek(f, 0, SEEK_SET)) {
		snprintf(err, errlen, "--script %s: not a readable file of at most 1 MiB", path);
		fclose(f);
		return NULL;
	}
	text = calloc(1, (size_t)len + 1);
	if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
		snprintf(err, errlen, "--script %s: read error", path);
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	if (memchr(text, 0, (size_t)len)) {
		snprintf(err, errlen, "--script %s: binary file", path);
		free(text);
		return NULL;
	}
	s = script_parse(text, path, err, errlen);
	free(text);
	return s;
}

unsigned int script_steps(const struct script *s)
{
	return s->nr;
}

/* ---- running ---------------------------------------------------------- */

static void schedule_next(struct script *s)
{
	event_active(s->next, 0, 0);
}

static void finish_step(struct script *s, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void finish_step(struct script *s, bool ok, const char *fmt, ...)
{
	struct step *st = &s->steps[s->cur];
	char msg[512];
	va_list ap;

	if (s->finished || s->cur >= s->nr)
		return;
	msg[0] = 0;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	st->status = ok ? ST_PASS : ST_FAIL;
	st->seconds = now() - s->step_start;
	free(st->message);
	st->message = msg[0] ? strdup(msg) : NULL;
	s->waiting = false;
	evtimer_del(s->timer);
	evtimer_del(s->poll);
	s->cur++;
	if (!ok)
		script_abort(s, "not run: an earlier step failed");
	else
		schedule_next(s);
}

static void arm_timer(struct event *ev, double sec)
{
	struct timeval tv = { .tv_sec = (time_t)sec,
			      .tv_usec = (suseconds_t)((sec - floor(sec)) * 1e6) };

	evtimer_add(ev, &tv);
}

/* Run a control command built from a JSON literal plus arguments. */
static bool run_cmd(struct script *s, struct json_object *req, char *err, size_t errlen)
{
	struct json_object *reply = control_execute(s->ctl, req), *e, *d;
	bool ok = !json_object_object_get_ex(reply, "error", &e);

	if (!ok && json_object_object_get_ex(e, "desc", &d))
		snprintf(err, errlen, "%s", json_object_get_string(d));
	json_object_put(reply);
	json_object_put(req);
	return ok;
}

static struct json_object *cmd(const char *name, struct json_object *args)
{
	struct json_object *r = json_object_new_object();

	json_object_object_add(r, "execute", json_object_new_string(name));
	if (args)
		json_object_object_add(r, "arguments", args);
	return r;
}

static struct json_object *args1(const char *k, struct json_object *v)
{
	struct json_object *a = json_object_new_object();

	json_object_object_add(a, k, v);
	return a;
}

static bool check_wait(struct script *s)
{
	struct step *st = &s->steps[s->cur];
	const char *hit;

	if (!s->console)
		return false;
	hit = strstr(s->console + s->mark, st->arg[0]);
	if (!hit)
		return false;
	s->mark = (size_t)(hit - s->console) + strlen(st->arg[0]);
	finish_step(s, true, NULL);
	return true;
}

/* Pixel steps: look at the frame now.  1 match, 0 no match (msg says
 * what was there), -1 no frame (msg says why). */
static int check_pixel(struct script *s, char *msg, size_t len)
{
	struct step *st = &s->steps[s->cur];
	unsigned long x, y, tol = 0;
	struct xrgb_image img;
	uint32_t want, got;
	int dr, dg, db;

	parse_uint(st->arg[0], 65535, &x);
	parse_uint(st->arg[1], 65535, &y);
	parse_rgb(st->arg[2], &want);
	if (st->nargs > 3)
		parse_uint(st->arg[3], 255, &tol);
	if (fb_capture(control_framebuffer(s->ctl), &img, msg, len))
		return -1;
	if (x >= img.width || y >= img.height) {
		snprintf(msg, len, "(%lu,%lu) is outside the %ux%u display", x, y, img.width,
			 img.height);
		xrgb_image_free(&img);
		return -1;
	}
	got = img.px[y * img.width + x];
	xrgb_image_free(&img);
	dr = abs((int)((got >> 16) & 255) - (int)((want >> 16) & 255));
	dg = abs((int)((got >> 8) & 255) - (int)((want >> 8) & 255));
	db = abs((int)(got & 255) - (int)(want & 255));
	snprintf(msg, len, "pixel (%lu,%lu) is %06x, expected %06x (tolerance %lu)", x, y,
		 got, want, tol);
	return (unsigned long)dr <= tol && (unsigned long)dg <= tol && (unsigned long)db <= tol;
}

static bool close_to(uint32_t a, uint32_t b, unsigned long tol)
{
	int i;

	for (i = 0; i < 24; i += 8)
		if ((unsigned long)abs((int)((a >> i) & 255) - (int)((b >> i) & 255)) > tol)
			return false;
	return true;
}

/* expect-area: at least MIN pixels of a colour in a rectangle. */
static void expect_area(struct script *s)
{
	struct step *st = &s->steps[s->cur];
	unsigned long x0, y0, w, h, min, tol = 0, x, y, n = 0;
	struct xrgb_image img;
	uint32_t want;
	char err[256];

	parse_uint(st->arg[0], 65535, &x0);
	parse_uint(st->arg[1], 65535, &y0);
	parse_uint(st->arg[2], 65535, &w);
	parse_uint(st->arg[3], 65535, &h);
	parse_rgb(st->arg[4], &want);
	parse_uint(st->arg[5], 1ul << 30, &min);
	if (st->nargs > 6)
		parse_uint(st->arg[6], 255, &tol);
	if (fb_capture(control_framebuffer(s->ctl), &img, err, sizeof(err))) {
		finish_step(s, false, "%s", err);
		return;
	}
	if (x0 + w > img.width || y0 + h > img.height) {
		finish_step(s, false, "the area is outside the %ux%u display", img.width, img.height);
		xrgb_image_free(&img);
		return;
	}
	for (y = y0; y < y0 + h; y++)
		for (x = x0; x < x0 + w; x++)
			n += close_to(img.px[y * img.width + x], want, tol);
	xrgb_image_free(&img);
	if (n >= min)
		finish_step(s, true, "%lu pixels match", n);
	else
		finish_step(s, false, "%lu pixels of %06x (tolerance %lu) in the area, expected at least %lu",
			    n, want, tol, min);
}

static void on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct script *s = arg;
	struct step *st = &s->steps[s->cur];
	char msg[256];

	(void)fd;
	(void)what;
	if (s->cur >= s->nr)
		return;
	switch (st->op) {
	case OP_SLEEP:
		finish_step(s, true, NULL);
		break;
	case OP_WAIT:
		finish_step(s, false, "timed out after %.1f s waiting for the console to print \"%s\"",
			    now() - s->step_start, st->arg[0]);
		break;
	case OP_WAIT_PIXEL:
		check_pixel(s, msg, sizeof(msg));
		finish_step(s, false, "timed out after %.1f s: %s", now() - s->step_start, msg);
		break;
	case OP_WAIT_EXIT:
		finish_step(s, false, "the guest did not power off within %.1f s",
			    now() - s->step_start);
		break;
	default:
		break;
	}
}

static void on_poll(evutil_socket_t fd, short what, void *arg)
{
	struct script *s = arg;
	char msg[256];

	(void)fd;
	(void)what;
	if (s->cur < s->nr && check_pixel(s, msg, sizeof(msg)) == 1)
		finish_step(s, true, NULL);
	else if (s->cur < s->nr)
		arm_timer(s->poll, PIXEL_POLL_MS / 1000.0);
}

static double step_timeout(struct script *s, int idx)
{
	struct step *st = &s->steps[s->cur];
	double d;

	if (st->nargs > idx && parse_double(st->arg[idx], &d))
		return d;
	return s->default_timeout;
}

static void expect_screen(struct script *s)
{
	struct step *st = &s->steps[s->cur];
	struct xrgb_image want, got;
	unsigned long tol = 0, maxpix = 0;
	char err[256];
	uint64_t diff;

	if (st->nargs > 1)
		parse_uint(st->arg[1], 255, &tol);
	if (st->nargs > 2)
		parse_uint(st->arg[2], 1ul << 30, &maxpix);
	if (png_read_xrgb(st->arg[0], &want, err, sizeof(err))) {
		finish_step(s, false, "%s", err);
		return;
	}
	if (fb_capture(control_framebuffer(s->ctl), &got, err, sizeof(err))) {
		xrgb_image_free(&want);
		finish_step(s, false, "%s", err);
		return;
	}
	diff = xrgb_image_diff(&want, &got, (unsigned int)tol);
	if (want.width != got.width || want.height != got.height)
		finish_step(s, false, "the display is %ux%u, %s is %ux%u", got.width, got.height,
			    st->arg[0], want.width, want.height);
	else if (diff > maxpix)
		finish_step(s, false, "%llu pixels differ by more than %lu (at most %lu allowed)",
			    (unsigned long long)diff, tol, maxpix);
	else
		finish_step(s, true, "%llu pixels differ", (unsigned long long)diff);
	xrgb_image_free(&want);
	xrgb_image_free(&got);
}

static void run_step(struct script *s)
{
	struct step *st = &s->steps[s->cur];
	struct json_object *a, *keys;
	char err[256] = "", msg[256], *dup, *k, *save;
	bool ok = true;
	double d;

	s->step_start = now();
	switch (st->op) {
	case OP_TIMEOUT:
		parse_double(st->arg[0], &s->default_timeout);
		break;
	case OP_WAIT:
		if (check_wait(s))
			return;
		if (!s->vm_stopped) {
			s->waiting = true;
			arm_timer(s->timer, step_timeout(s, 1));
			return;
		}
		ok = false;
		snprintf(err, sizeof(err), "the guest stopped before printing \"%s\"", st->arg[0]);
		break;
	case OP_SEND:
		ok = run_cmd(s, cmd("console-write", args1("text", json_object_new_string(st->arg[0]))),
			     err, sizeof(err));
		break;
	case OP_TYPE:
		ok = run_cmd(s, cmd("type", args1("text", json_object_new_string(st->arg[0]))),
			     err, sizeof(err));
		break;
	case OP_SENDKEY:
		keys = json_object_new_array();
		dup = strdup(st->arg[0]);
		for (k = strtok_r(dup, "-", &save); k; k = strtok_r(NULL, "-", &save))
			json_object_array_add(keys, json_object_new_string(k));
		free(dup);
		ok = run_cmd(s, cmd("sendkey", args1("keys", keys)), err, sizeof(err));
		break;
	case OP_MOUSE_MOVE:
		a = json_object_new_object();
		json_object_object_add(a, "x", json_object_new_int(atoi(st->arg[0])));
		json_object_object_add(a, "y", json_object_new_int(atoi(st->arg[1])));
		ok = run_cmd(s, cmd("mouse_move", a), err, sizeof(err));
		break;
	case OP_MOUSE_BUTTON:
		ok = run_cmd(s, cmd("mouse_button", args1("button", json_object_new_string(st->arg[0]))),
			     err, sizeof(err));
		break;
	case OP_SLEEP:
		parse_double(st->arg[0], &d);
		s->waiting = true;
		arm_timer(s->timer, d);
		return;
	case OP_SCREENDUMP:
		ok = run_cmd(s, cmd("screendump", args1("filename", json_object_new_string(st->arg[0]))),
			     err, sizeof(err));
		break;
	case OP_EXPECT_SCREEN:
		expect_screen(s);
		return;
	case OP_EXPECT_AREA:
		expect_area(s);
		return;
	case OP_EXPECT_PIXEL:
		ok = check_pixel(s, msg, sizeof(msg)) == 1;
		if (!ok)
			snprintf(err, sizeof(err), "%s", msg);
		break;
	case OP_WAIT_PIXEL:
		if (check_pixel(s, msg, sizeof(msg)) == 1)
			break;
		s->waiting = true;
		arm_timer(s->timer, step_timeout(s, 4));
		arm_timer(s->poll, PIXEL_POLL_MS / 1000.0);
		return;
	case OP_POWERDOWN:
		ok = run_cmd(s, cmd("system_powerdown", NULL), err, sizeof(err));
		break;
	case OP_QUIT:
		ok = run_cmd(s, cmd("quit", NULL), err, sizeof(err));
		break;
	case OP_WAIT_EXIT:
		if (s->vm_stopped)
			break;
		s->waiting = true;
		arm_timer(s->timer, step_timeout(s, 0));
		return;
	}
	if (ok)
		finish_step(s, true, NULL);
	else
		finish_step(s, false, "%s", err);
}

static void on_next(evutil_socket_t fd, short what, void *arg)
{
	struct script *s = arg;

	(void)fd;
	(void)what;
	if (s->finished)
		return;
	if (s->cur >= s->nr) {
		s->finished = true;
		if (s->done)
			s->done(s->done_arg, script_passed(s));
		return;
	}
	run_step(s);
}

static void on_event(void *arg, const char *event, struct json_object *data)
{
	struct script *s = arg;
	struct json_object *t;

	if (!strcmp(event, "CONSOLE") && json_object_object_get_ex(data, "text", &t)) {
		const char *txt = json_object_get_string(t);
		size_t n = (size_t)json_object_get_string_len(t);
		char *nc;

		if (s->con_len + n > CONSOLE_KEEP) {
			/* Keep the newer half; wait only searches after mark. */
			size_t drop = s->con_len / 2;

			memmove(s->console, s->console + drop, s->con_len - drop + 1);
			s->con_len -= drop;
			s->mark = s->mark > drop ? s->mark - drop : 0;
		}
		nc = realloc(s->console, s->con_len + n + 1);
		if (!nc)
			return;
		s->console = nc;
		memcpy(nc + s->con_len, txt, n);
		s->con_len += n;
		nc[s->con_len] = 0;
		/* A NUL from the guest would hide later text from strstr. */
		for (; n; n--)
			if (!nc[s->con_len - n])
				nc[s->con_len - n] = ' ';
		if (s->waiting && s->cur < s->nr && s->steps[s->cur].op == OP_WAIT)
			check_wait(s);
	} else if (!strcmp(event, "SHUTDOWN")) {
		s->vm_stopped = true;
		if (s->waiting && s->cur < s->nr && s->steps[s->cur].op == OP_WAIT_EXIT)
			finish_step(s, true, NULL);
	}
}

int script_start(struct script *s, struct event_base *base, struct control *ctl,
		 void (*done)(void *arg, bool ok), void *arg)
{
	s->base = base;
	s->ctl = ctl;
	s->done = done;
	s->done_arg = arg;
	s->timer = evtimer_new(base, on_timer, s);
	s->poll = evtimer_new(base, on_poll, s);
	s->next = event_new(base, -1, 0, on_next, s);
	if (!s->timer || !s->poll || !s->next || control_add_listener(ctl, on_event, s))
		return -1;
	schedule_next(s);
	return 0;
}

void script_abort(struct script *s, const char *why)
{
	unsigned int i;

	/* The guest powered off so soon that the loop ended before a
	 * "wait-exit" right after the last step could start: it is met. */
	if (s->cur < s->nr && !s->waiting && s->vm_stopped &&
	    s->steps[s->cur].op == OP_WAIT_EXIT) {
		s->steps[s->cur].status = ST_PASS;
		s->cur++;
	}
	if (s->cur < s->nr && s->waiting) {
		/* The VM stopped under a waiting step: it fails for that. */
		struct step *st = &s->steps[s->cur];

		st->status = ST_FAIL;
		st->seconds = now() - s->step_start;
		free(st->message);
		st->message = strdup("the guest stopped before this step ended");
		s->cur++;
	}
	for (i = s->cur; i < s->nr; i++) {
		free(s->steps[i].message);
		s->steps[i].message = strdup(why);
		s->steps[i].status = ST_FAIL;
	}
	s->cur = s->nr;
	s->waiting = false;
	if (s->timer)
		evtimer_del(s->timer);
	if (s->poll)
		evtimer_del(s->poll);
	if (s->next && !s->finished)
		schedule_next(s);
}

bool script_passed(const struct script *s)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++)
		if (s->steps[i].status != ST_PASS)
			return false;
	return true;
}

static void xml_escaped(FILE *f, const char *t)
{
	for (; *t; t++) {
		switch (*t) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\n': fputs("&#10;", f); break;
		default:
			if ((unsigned char)*t < 0x20 && *t != '\t')
				fprintf(f, "&#%d;", *t == '\r' ? 13 : 0xfffd);
			else
				fputc(*t, f);
		}
	}
}

/* TAP descriptions end at '#' (a directive) and at a newline. */
static void tap_text(FILE *f, const char *t)
{
	for (; *t; t++)
		fputc(*t == '#' ? '_' : *t == '\n' ? ' ' : *t, f);
}

int script_report(struct script *s, enum report_format fmt, const char *path)
{
	FILE *f = path ? fopen(path, "w") : stderr;
	unsigned int i, failures = 0;
	double total = 0;

	if (!f)
		return -1;
	for (i = 0; i < s->nr; i++) {
		failures += s->steps[i].status != ST_PASS;
		total += s->steps[i].seconds;
	}
	if (fmt == REPORT_TAP) {
		fprintf(f, "TAP version 13\n1..%u\n", s->nr);
		for (i = 0; i < s->nr; i++) {
			struct step *st = &s->steps[i];

			fprintf(f, "%s %u - ", st->status == ST_PASS ? "ok" : "not ok", i + 1);
			tap_text(f, st->line);
			fputc('\n', f);
			if (st->message) {
				fprintf(f, "# line %u: ", st->lineno);
				tap_text(f, st->message);
				fputc('\n', f);
			}
		}
		fprintf(f, "# %u of %u steps passed\n", s->nr - failures, s->nr);
	} else {
		fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		fprintf(f, "<testsuites tests=\"%u\" failures=\"%u\">\n", s->nr, failures);
		fprintf(f, "  <testsuite name=\"");
		xml_escaped(f, s->name);
		fprintf(f, "\" tests=\"%u\" failures=\"%u\" time=\"%.3f\">\n", s->nr, failures, total);
		for (i = 0; i < s->nr; i++) {
			struct step *st = &s->steps[i];

			fprintf(f, "    <testcase classname=\"molvm.script\" name=\"%u: ", i + 1);
			xml_escaped(f, st->line);
			fprintf(f, "\" time=\"%.3f\"", st->seconds);
			if (st->status == ST_PASS) {
				fprintf(f, "/>\n");
				continue;
			}
			fprintf(f, ">\n      <failure message=\"");
			xml_escaped(f, st->message ? st->message : "failed");
			fprintf(f, "\">line %u</failure>\n    </testcase>\n", st->lineno);
		}
		fprintf(f, "  </testsuite>\n</testsuites>\n");
	}
	if (path)
		fclose(f);
	else
		fflush(f);
	return failures ? 1 : 0;
}
