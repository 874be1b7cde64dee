/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Display back ends: what shows the machine's framebuffer to a user (SDL)
 * or to nobody (none, for headless runs driven by the control socket).
 * Back ends live in the table of display.c; the SDL one sits in its own
 * directory (ui/sdl/) so a build without SDL (the static ppc64le molvm)
 * just leaves that one file out of the link: it registers itself from a
 * constructor, nothing else names it.
 */
#ifndef MOLVM_DISPLAY_H
#define MOLVM_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>

struct event_base;
struct framebuffer;
struct input_sink;

enum display_scale {
	DISPLAY_SCALE_FIT,	/* largest size that keeps the aspect ratio */
	DISPLAY_SCALE_INTEGER,	/* largest whole multiple that fits (at least 1) */
};

/* What the machine hands a display. */
struct display_host {
	struct framebuffer *fb;		/* NULL: the machine has no display */
	struct input_sink *input;	/* the VM's keyboard and mouse */
	struct event_base *base;	/* the main loop the back end runs on */
	const char *vm_name;		/* -name, for the window title */
	enum display_scale scale;
	bool fullscreen;
	const char *spec;		/* vnc: where to listen (ui/vnc_spec.h) */
	/* Window closed: the first time ask the guest to power off, the
	 * second time quit.  Called on the main loop's thread. */
	void (*powerdown)(void *arg);
	void (*quit)(void *arg);
	void *arg;
};

/* Counters a back end keeps (for the bench and the tests). */
struct display_stats {
	uint64_t frames;		/* looks at the frame started (at most one a tick) */
	uint64_t frames_changed;	/* refreshes that uploaded something */
	uint64_t bytes_uploaded;	/* pixel bytes sent to the window */
};

/* Pixels a display back end looks at, converts and sends per turn of the
 * main loop.  It shares that loop with the control plane (a window's
 * close, SIGTERM, -qmp, the console), and a whole frame at once made them
 * wait: on the emulated POWER8 test host under a guest's storm, looking
 * at a changed 1024x768 frame took up to 155 ms and SDL presenting it
 * 40-135 ms.  A frame goes in steps of this many pixels, one per turn (a
 * twelfth of such a frame), through fb_tracker_update_band. */
#define DISPLAY_STEP_PIXELS (64 * 1024)

struct display;

struct display_backend {
	const char *name;
	const char *help;
	/* NULL after one pr_err line on failure. */
	struct display *(*open)(const struct display_host *host);
	/* The end: the process exits next (what the system reclaims at
	 * the exit may be left to it). */
	void (*close)(struct display *d);
	/* One refresh now (the back end also runs it from its own timer). */
	void (*refresh)(struct display *d);
	void (*stats)(struct display *d, struct display_stats *out);
};

/* Where a w x h frame goes in a win_w x win_h window, centred:
 * *x, *y, *out_w, *out_h (all 0 for an empty frame or window). */
void display_place(enum display_scale scale, uint32_t win_w, uint32_t win_h, uint32_t w,
		   uint32_t h, uint32_t *x, uint32_t *y, uint32_t *out_w, uint32_t *out_h);

void display_register(const struct display_backend *be);
const struct display_backend *display_find(const char *name);
/* The back end to use when the user did not choose: sdl when a display
 * server is reachable ($DISPLAY or $WAYLAND_DISPLAY) and SDL is built in,
 * else none. */
const struct display_backend *display_default(void);
/* "sdl, none" */
void display_list(char *buf, unsigned int size);

extern const struct display_backend display_none;

#endif
