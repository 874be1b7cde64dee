// SPDX-License-Identifier: GPL-2.0
/*
 * -display sdl: the framebuffer in an SDL2 window, keyboard and mouse
 * from it into ui/input.h.
 *
 * Threading: SDL runs on the main thread, driven by a libevent timer at
 * the refresh rate that polls SDL's events and uploads what changed.  SDL's
 * video and event functions must be called from the thread that created
 * the window (a hard rule on macOS, and X11/Wayland are not thread-safe
 * either), and the main thread already owns the loop that serves the
 * console and the control socket; one thread for all of them needs no
 * locking beyond the framebuffer's own.  A vCPU thread never waits for the
 * display: it only writes guest memory.
 *
 * Only changed tiles are converted and uploaded (ui/fb_tracker.c): an
 * unchanged frame costs one memcmp of the framebuffer and no upload.  They
 * are drawn (scaled here, nearest pixel) into SDL's window surface and
 * handed over as rectangles, a bounded amount per turn of the loop
 * (STEP_PIXELS): SDL's renderer could only present the whole window at
 * once.
 *
 * This file is the only one that needs SDL: builds without it (the static
 * ppc64le molvm) leave it out of the link, and -display sdl is then
 * unknown.
 */
#include <SDL.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vmm/log.h"
#include "../display.h"
#include "../fb_tracker.h"
#include "../framebuffer.h"
#include "../input.h"
#include "../keymap.h"

#define REFRESH_HZ 60
#define DEFAULT_W 640
#define DEFAULT_H 480
/* DISPLAY_STEP_PIXELS per step: of the frame, or of the window when it
 * is scaled up. */
#define STEP_PIXELS DISPLAY_STEP_PIXELS
#define STEP_RECTS 64
/* The window takes the guest's mode size at most this often.  SDL's X11
 * back end waits for a new size with round trips to the X server, and up
 * to 100 ms for a window manager that does not grant it (SDL 2.26,
 * SDL_x11window.c X11_SetWindowSize), and a guest can switch modes
 * without end; meanwhile the frame is scaled into the window. */
#define RESIZE_GAP_MS 1000

struct display {
	struct display_host host;
	SDL_Window *win;
	struct fb_tracker trk;
	struct event *timer;	/* REFRESH_HZ: events and a new frame */
	struct event *more;	/* the rest of a frame, at the next turn */
	struct display_stats stats;
	bool grabbed;
	bool fullscreen;
	bool surface_failed;	/* said once */
	uint32_t asked_w, asked_h;	/* the size last asked of the window */
	uint64_t asked_at;		/* when (SDL ticks, ms; 0: never) */
	/* The frame on its way to the window. */
	bool looking;		/* a look at the frame, band by band */
	uint32_t band;		/* its next tile row */
	bool band_changed;	/* something changed in this look */
	bool repaint;		/* the whole window, before the look goes on */
	uint32_t repaint_row;	/* its next window row */
	/* Where the frame sits in the window surface. */
	int surf_w, surf_h;
	uint32_t frame_w, frame_h;
	SDL_Rect dst;
	uint32_t *colmap;	/* window column -> frame column, or NO_COLUMN */
	uint32_t *row;		/* one scaled row */
};

#define NO_COLUMN UINT32_MAX

static void set_title(struct display *d)
{
	char title[256];
	const char *name = d->host.vm_name ? d->host.vm_name : "molvm";

	snprintf(title, sizeof(title), "%s%s%s", name,
		 d->host.vm_name ? " - molvm" : "",
		 d->grabbed ? " - press Ctrl-Alt-G to release the mouse" : "");
	SDL_SetWindowTitle(d->win, title);
}

static void set_grab(struct display *d, bool on)
{
	d->grabbed = on;
	SDL_SetRelativeMouseMode(on ? SDL_TRUE : SDL_FALSE);
	SDL_SetWindowGrab(d->win, on ? SDL_TRUE : SDL_FALSE);
	set_title(d);
}

/* Draw the whole window again, from the top. */
static void repaint(struct display *d)
{
	d->repaint = true;
	d->repaint_row = 0;
}

/* Whether the layout is of the tracker's frame as it is now (none: 0x0). */
static bool layout_is_current(const struct display *d)
{
	return d->frame_w == (d->trk.valid ? d->trk.width : 0) &&
	       d->frame_h == (d->trk.valid ? d->trk.height : 0);
}

/* Where the frame goes in an sw x sh window (fit or integer scale,
 * centred) and which frame column each window column shows (nearest
 * pixel, a function of the window pixel alone, so rectangles pushed
 * apart meet without seams).  False when memory runs out. */
static bool layout(struct display *d, int sw, int sh)
{
	uint32_t x, y, w, h, i, *colmap, *row;

	colmap = realloc(d->colmap, (size_t)sw * sizeof(*colmap));
	if (colmap)
		d->colmap = colmap;
	row = realloc(d->row, (size_t)sw * sizeof(*row));
	if (row)
		d->row = row;
	if (!colmap || !row) {
		pr_err("display: out of memory for a %dx%d window", sw, sh);
		return false;
	}
	d->frame_w = d->trk.valid ? d->trk.width : 0;
	d->frame_h = d->trk.valid ? d->trk.height : 0;
	display_place(d->host.scale, (uint32_t)sw, (uint32_t)sh, d->frame_w, d->frame_h,
		      &x, &y, &w, &h);
	d->dst = (SDL_Rect){ (int)x, (int)y, (int)w, (int)h };
	for (i = 0; i < (uint32_t)sw; i++)
		d->colmap[i] = i >= x && i - x < w ? (uint32_t)((uint64_t)(i - x) * d->frame_w / w)
						  : NO_COLUMN;
	d->surf_w = sw;
	d->surf_h = sh;
	return true;
}

/* The window pixels [a, b) of one axis that show frame pixels [fa, fb):
 * window pixel i shows frame pixel (i - at) * n / len. */
static void to_window(uint32_t fa, uint32_t fb, int at, int len, uint32_t n, int *a, int *b)
{
	*a = at + (int)(((uint64_t)fa * (uint32_t)len + n - 1) / n);
	*b = at + (int)(((uint64_t)fb * (uint32_t)len + n - 1) / n);
}

/* Window rectangle r of surface s: black outside the frame, the frame's
 * pixels (d->trk.xrgb) inside. */
static void draw(struct display *d, SDL_Surface *s, const SDL_Rect *r)
{
	SDL_Rect f;
	int y, bpp = s->format->BytesPerPixel;
	uint32_t last = NO_COLUMN;
	/* No frame: d->dst is empty, and so is any intersection with it. */
	bool framed = SDL_IntersectRect(r, &d->dst, &f);

	if (!framed || f.w != r->w || f.h != r->h)
		SDL_FillRect(s, r, SDL_MapRGB(s->format, 0, 0, 0));
	if (!framed)
		return;
	for (y = f.y; y < f.y + f.h; y++) {
		uint32_t fy = (uint32_t)((uint64_t)(y - d->dst.y) * d->frame_h / (uint32_t)d->dst.h);
		const uint32_t *src = d->trk.xrgb + (size_t)fy * d->frame_w;
		uint8_t *out = (uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch + (size_t)f.x * bpp;
		int x;

		if ((uint32_t)d->dst.w == d->frame_w) {
			src += d->colmap[f.x];
		} else {
			if (fy != last)
				for (x = 0; x < f.w; x++)
					d->row[x] = src[d->colmap[f.x + x]];
			last = fy;
			src = d->row;
		}
		SDL_ConvertPixels(f.w, 1, SDL_PIXELFORMAT_RGB888, src, f.w * 4,
				  s->format->format, out, s->pitch);
	}
}

/* Hand rects[0..*n) to the window system. */
static void flush(struct display *d, SDL_Rect *rects, int *n)
{
	int i;

	if (!*n)
		return;
	SDL_UpdateWindowSurfaceRects(d->win, rects, *n);
	for (i = 0; i < *n; i++)
		d->stats.bytes_uploaded += (uint64_t)rects[i].w * (uint64_t)rects[i].h * 4;
	*n = 0;
}

/* The next band of window rows, frame or black. */
static void repaint_band(struct display *d, SDL_Surface *s)
{
	uint32_t rows = STEP_PIXELS / (uint32_t)(s->w > 0 ? s->w : 1);
	uint32_t left = s->h > 0 && (uint32_t)s->h > d->repaint_row ? (uint32_t)s->h - d->repaint_row : 0;
	SDL_Rect r;
	int n = 1;

	rows = rows ? rows : 1;
	if (rows > left)
		rows = left;
	if (rows) {
		r = (SDL_Rect){ 0, (int)d->repaint_row, s->w, (int)rows };
		draw(d, s, &r);
		flush(d, &r, &n);
	}
	d->repaint_row += rows;
	if (d->repaint_row >= (uint32_t)(s->h > 0 ? s->h : 0))
		d->repaint = false;
}

/* The next band of the frame: what changed in it goes to the window. */
static void look_band(struct display *d, SDL_Surface *s)
{
	uint64_t area = (uint64_t)d->frame_w * d->frame_h, shown = (uint64_t)d->dst.w * d->dst.h;
	uint64_t budget = STEP_PIXELS;
	SDL_Rect rects[STEP_RECTS], whole = { 0, 0, s->w, s->h };
	struct fb_rect fr;
	uint32_t cursor = 0;
	int n = 0;

	if (area && shown > area)
		budget = budget * area / shown;	/* scaled up: count window pixels */
	if (!d->host.fb || fb_tracker_update_band(&d->trk, d->host.fb, &d->band, budget) < 0) {
		d->looking = false;
		return;
	}
	if (d->trk.valid && layout_is_current(d)) {
		while (fb_tracker_next_rect(&d->trk, &cursor, &fr)) {
			SDL_Rect r;
			int x0, x1, y0, y1;

			to_window(fr.x, fr.x + fr.w, d->dst.x, d->dst.w, d->frame_w, &x0, &x1);
			to_window(fr.y, fr.y + fr.h, d->dst.y, d->dst.h, d->frame_h, &y0, &y1);
			r = (SDL_Rect){ x0, y0, x1 - x0, y1 - y0 };
			if (!SDL_IntersectRect(&r, &whole, &r))
				continue;
			draw(d, s, &r);
			rects[n++] = r;
			if (n == STEP_RECTS)
				flush(d, rects, &n);
		}
		flush(d, rects, &n);
		d->band_changed |= d->trk.nr_dirty > 0;
	}
	/* else a new geometry: the next step lays the window out again and
	 * draws all of it. */
	if (!d->trk.valid || d->band >= d->trk.tiles_y) {
		d->looking = false;
		d->stats.frames_changed += d->band_changed;
	}
}

/* One step: a band of the window to draw again, else a band of the
 * frame to look at. */
static void step(struct display *d)
{
	SDL_Surface *s = SDL_GetWindowSurface(d->win);

	if (!s) {
		if (!d->surface_failed)
			pr_err("display: no window surface: %s", SDL_GetError());
		d->surface_failed = true;
		d->looking = d->repaint = false;
		return;
	}
	if (s->w != d->surf_w || s->h != d->surf_h || !layout_is_current(d)) {
		if (!layout(d, s->w, s->h)) {
			d->looking = d->repaint = false;
			return;
		}
		repaint(d);
	}
	if (SDL_MUSTLOCK(s) && SDL_LockSurface(s))
		return;
	if (d->repaint)
		repaint_band(d, s);
	else if (d->looking)
		look_band(d, s);
	if (SDL_MUSTLOCK(s))
		SDL_UnlockSurface(s);
}

/* Ask the window for the frame's size (the guest's new mode). */
static void fit_window(struct display *d, bool now)
{
	uint64_t t = SDL_GetTicks64();

	if (d->fullscreen || !d->trk.valid ||
	    (d->trk.width == d->asked_w && d->trk.height == d->asked_h))
		return;
	if (!now && d->asked_at && t - d->asked_at < RESIZE_GAP_MS)
		return;
	SDL_SetWindowSize(d->win, (int)d->trk.width, (int)d->trk.height);
	d->asked_w = d->trk.width;
	d->asked_h = d->trk.height;
	d->asked_at = t ? t : 1;
}

static bool busy(const struct display *d)
{
	return d->repaint || d->looking;
}

static void post_key(struct display *d, uint16_t code, bool down)
{
	struct input_event ev = { .kind = INPUT_KEY, .code = code, .down = down };

	input_post(d->host.input, &ev);
}

static void on_key(struct display *d, const SDL_KeyboardEvent *k)
{
	uint16_t code = keymap_hid_to_evdev((uint32_t)k->keysym.scancode);
	bool hotkey = (k->keysym.mod & KMOD_CTRL) && (k->keysym.mod & KMOD_ALT);

	if (hotkey && k->type == SDL_KEYDOWN) {
		if (k->keysym.scancode == SDL_SCANCODE_F) {
			d->fullscreen = !d->fullscreen;
			SDL_SetWindowFullscreen(d->win, d->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
			d->asked_w = d->asked_h = 0;
			fit_window(d, true);	/* the user's asking */
			repaint(d);
			return;
		}
		if (k->keysym.scancode == SDL_SCANCODE_G) {
			set_grab(d, !d->grabbed);
			return;
		}
	}
	if (hotkey && (k->keysym.scancode == SDL_SCANCODE_F ||
		       k->keysym.scancode == SDL_SCANCODE_G))
		return;	/* the key-up of a hot key */
	if (!code || k->repeat)
		return;	/* the guest repeats keys itself */
	post_key(d, code, k->type == SDL_KEYDOWN);
}

/* Window coordinates to framebuffer pixels. */
static bool to_fb(struct display *d, int wx, int wy, uint32_t *x, uint32_t *y)
{
	SDL_Rect r = d->dst;
	int lw, lh;

	if (!r.w || !r.h || !d->frame_w)
		return false;
	/* Mouse events are in window points; the surface is in pixels
	 * (they differ on a high-DPI screen). */
	SDL_GetWindowSize(d->win, &lw, &lh);
	if (lw > 0 && lh > 0) {
		wx = wx * d->surf_w / lw;
		wy = wy * d->surf_h / lh;
	}
	if (wx < r.x || wy < r.y || wx >= r.x + r.w || wy >= r.y + r.h)
		return false;
	*x = (uint32_t)((int64_t)(wx - r.x) * d->frame_w / (uint32_t)r.w);
	*y = (uint32_t)((int64_t)(wy - r.y) * d->frame_h / (uint32_t)r.h);
	return true;
}

static void handle_event(struct display *d, const SDL_Event *e)
{
	struct input_event ev;

	memset(&ev, 0, sizeof(ev));
	switch (e->type) {
	case SDL_QUIT:
		if (d->host.powerdown)
			d->host.powerdown(d->host.arg);
		break;
	case SDL_KEYDOWN:
	case SDL_KEYUP:
		on_key(d, &e->key);
		break;
	case SDL_MOUSEMOTION:
		if (d->grabbed) {
			ev.kind = INPUT_MOUSE_REL;
			ev.dx = e->motion.xrel;
			ev.dy = e->motion.yrel;
			input_post(d->host.input, &ev);
		} else if (to_fb(d, e->motion.x, e->motion.y, &ev.x, &ev.y)) {
			ev.kind = INPUT_MOUSE_ABS;
			input_post(d->host.input, &ev);
		}
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		ev.kind = INPUT_MOUSE_BUTTON;
		ev.down = e->type == SDL_MOUSEBUTTONDOWN;
		switch (e->button.button) {
		case SDL_BUTTON_LEFT: ev.button = 0; break;
		case SDL_BUTTON_RIGHT: ev.button = 1; break;
		case SDL_BUTTON_MIDDLE: ev.button = 2; break;
		default: return;
		}
		input_post(d->host.input, &ev);
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			repaint(d);
		else if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST && d->grabbed)
			set_grab(d, false);
		break;
	default:
		break;
	}
}

static void poll_events(struct display *d)
{
	SDL_Event e;

	while (SDL_PollEvent(&e))
		handle_event(d, &e);
}

/* Events, a step, and events again: what came during the step (a key,
 * a close) is answered at once.  Work left goes on at the next turn of
 * the loop, after whatever else is ready (the signals, -qmp, the
 * console); a new look at the frame starts only at a tick once the last
 * one is done, so a guest that repaints faster than the window system
 * takes it just gets fewer frames. */
static void run(struct display *d, bool tick)
{
	static const struct timeval now = { 0, 0 };

	poll_events(d);
	if (tick)
		fit_window(d, false);
	if (tick && !d->looking) {
		d->looking = true;
		d->band = 0;
		d->band_changed = false;
		d->stats.frames++;
	}
	if (busy(d))
		step(d);
	poll_events(d);
	if (busy(d) && d->more)
		event_add(d->more, &now);
}

static void on_tick(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	run(arg, true);
}

static void on_more(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	run(arg, false);
}

static struct display *sdl_open(const struct display_host *host)
{
	struct display *d = calloc(1, sizeof(*d));
	struct timeval tv = { 0, 1000000 / REFRESH_HZ };
	int w = DEFAULT_W, h = DEFAULT_H;

	if (!d)
		return NULL;
	d->host = *host;
	fb_tracker_init(&d->trk);
	/* A VMM must not be stopped by the window manager's screensaver
	 * rules, nor lose Ctrl-C to SDL's SIGINT handler. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO)) {
		pr_err("-display sdl: %s", SDL_GetError());
		free(d);
		return NULL;
	}
	/* On X11 the surface goes to the X server a rectangle at a time
	 * (MIT-SHM).  SDL's default there, a GPU texture behind the
	 * surface, uploads and presents the whole window for every update
	 * (SDL_video.c, SDL_UpdateWindowTexture): a changed 1024x768 frame
	 * in its steps took 60 ms under Xvfb that way, 6.4 ms direct.  Other
	 * window systems (Wayland) have only the texture.  The environment's
	 * SDL_FRAMEBUFFER_ACCELERATION still wins. */
	if (SDL_GetCurrentVideoDriver() && !strcmp(SDL_GetCurrentVideoDriver(), "x11"))
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (host->fb && host->fb->width && host->fb->height) {
		w = (int)host->fb->width;
		h = (int)host->fb->height;
	}
	d->asked_w = (uint32_t)w;
	d->asked_h = (uint32_t)h;
	d->win = SDL_CreateWindow("molvm", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, w, h,
				  SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
				  (host->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
	/* The surface now: SDL may make the window again for a GPU texture
	 * behind it, and a window manager should see the final one. */
	if (!d->win || !SDL_GetWindowSurface(d->win)) {
		pr_err("-display sdl: cannot open a window: %s", SDL_GetError());
		if (d->win)
			SDL_DestroyWindow(d->win);
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
		free(d);
		return NULL;
	}
	d->fullscreen = host->fullscreen;
	set_title(d);
	repaint(d);
	if (host->base) {
		d->timer = event_new(host->base, -1, EV_PERSIST, on_tick, d);
		d->more = event_new(host->base, -1, 0, on_more, d);
		if (d->timer)
			event_add(d->timer, &tv);
	}
	return d;
}

/* molvm exits right after: the window, its shared memory (SDL marks the
 * segment for removal once the X server has it) and the connection go
 * with the process, and the X server releases the grabs.  SDL's own
 * teardown waits on the X server several times (the unmap, the shared
 * memory's detach, the connection's close): on the test host under a
 * storm, SIGTERM with the window open took 69-132 ms to the exit with
 * it, 34-43 ms without. */
static void sdl_close(struct display *d)
{
	if (d->timer)
		event_free(d->timer);
	if (d->more)
		event_free(d->more);
	fb_tracker_free(&d->trk);
	free(d->colmap);
	free(d->row);
	free(d);
}

static void sdl_stats(struct display *d, struct display_stats *out)
{
	*out = d->stats;
}

/* Events and a whole frame, without a loop (the bench calls it). */
static void sdl_step(struct display *d)
{
	run(d, true);
	while (busy(d))
		run(d, false);
}

static const struct display_backend display_sdl = {
	.name = "sdl",
	.help = "an SDL2 window",
	.open = sdl_open,
	.close = sdl_close,
	.refresh = sdl_step,
	.stats = sdl_stats,
};

__attribute__((constructor)) static void register_sdl(void)
{
	display_register(&display_sdl);
}
