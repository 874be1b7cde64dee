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
 * unchanged frame costs one memcmp of the framebuffer and no upload.
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

struct display {
	struct display_host host;
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *tex;
	uint32_t tex_w, tex_h;
	struct fb_tracker trk;
	struct event *timer;
	struct display_stats stats;
	bool grabbed;
	bool fullscreen;
	bool need_present;
};

static void set_title(struct display *d)
{
	char title[256];
	const char *name = d->host.vm_name ? d->host.vm_name : "molvm";

	snprintf(title, sizeof(title), "%s%s%s", name,
		 d->host.vm_name ? " - molvm" : "",
		 d->grabbed ? " - press Ctrl-Alt-G to release the mouse" : "");
	SDL_SetWindowTitle(d->win, title);
}

/* Where the frame goes in the window: fit or integer scale, centred. */
static SDL_Rect dest_rect(struct display *d)
{
	uint32_t x, y, w, h;
	int ww, wh;
	SDL_Rect r;

	SDL_GetRendererOutputSize(d->ren, &ww, &wh);
	display_place(d->host.scale, ww > 0 ? (uint32_t)ww : 0, wh > 0 ? (uint32_t)wh : 0,
		      d->tex_w, d->tex_h, &x, &y, &w, &h);
	r.x = (int)x;
	r.y = (int)y;
	r.w = (int)w;
	r.h = (int)h;
	return r;
}

static void set_grab(struct display *d, bool on)
{
	d->grabbed = on;
	SDL_SetRelativeMouseMode(on ? SDL_TRUE : SDL_FALSE);
	SDL_SetWindowGrab(d->win, on ? SDL_TRUE : SDL_FALSE);
	set_title(d);
}

/* A new mode: a texture of the new size, and the window follows. */
static void new_texture(struct display *d, uint32_t w, uint32_t h)
{
	if (d->tex)
		SDL_DestroyTexture(d->tex);
	d->tex = NULL;
	d->tex_w = d->tex_h = 0;
	if (!w || !h)
		return;
	d->tex = SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING,
				   (int)w, (int)h);
	if (!d->tex) {
		pr_err("display: cannot make a %ux%u texture: %s", w, h, SDL_GetError());
		return;
	}
	d->tex_w = w;
	d->tex_h = h;
	if (!d->fullscreen)
		SDL_SetWindowSize(d->win, (int)w, (int)h);
}

static void upload(struct display *d)
{
	struct fb_rect r;
	uint32_t cursor = 0;

	while (fb_tracker_next_rect(&d->trk, &cursor, &r)) {
		SDL_Rect sr = { (int)r.x, (int)r.y, (int)r.w, (int)r.h };

		SDL_UpdateTexture(d->tex, &sr, d->trk.xrgb + (size_t)r.y * d->trk.width + r.x,
				  (int)(d->trk.width * 4));
		d->stats.bytes_uploaded += (uint64_t)r.w * r.h * 4;
	}
}

/* The frame, and black around it.  When the frame covers the whole
 * window nothing is cleared: the copy overwrites every pixel, and with
 * the software renderer a clear is one more pass over the whole window. */
static void present(struct display *d)
{
	SDL_Rect dst = dest_rect(d);
	bool frame = d->tex && d->trk.valid;
	int ww, wh;

	SDL_GetRendererOutputSize(d->ren, &ww, &wh);
	if (!frame || dst.x > 0 || dst.y > 0 || dst.w < ww || dst.h < wh) {
		SDL_SetRenderDrawColor(d->ren, 0, 0, 0, 255);
		SDL_RenderClear(d->ren);
	}
	if (frame)
		SDL_RenderCopy(d->ren, d->tex, NULL, &dst);
	SDL_RenderPresent(d->ren);
	d->need_present = false;
}

static void sdl_refresh(struct display *d)
{
	int n;

	d->stats.frames++;
	if (d->host.fb) {
		n = fb_tracker_update(&d->trk, d->host.fb);
		if (d->trk.resized)
			new_texture(d, d->trk.shadow ? d->trk.width : 0,
				    d->trk.shadow ? d->trk.height : 0);
		if (n > 0 && d->tex) {
			upload(d);
			d->stats.frames_changed++;
			d->need_present = true;
		}
		if (d->trk.resized)
			d->need_present = true;
	}
	if (d->need_present)
		present(d);
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
			if (!d->fullscreen && d->tex_w)
				SDL_SetWindowSize(d->win, (int)d->tex_w, (int)d->tex_h);
			d->need_present = true;
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
	SDL_Rect r = dest_rect(d);
	int ww, wh, lw, lh;

	if (!r.w || !r.h)
		return false;
	/* Mouse events are in window points; the renderer may be in pixels
	 * (high-DPI). */
	SDL_GetWindowSize(d->win, &lw, &lh);
	SDL_GetRendererOutputSize(d->ren, &ww, &wh);
	if (lw > 0 && lh > 0) {
		wx = wx * ww / lw;
		wy = wy * wh / lh;
	}
	if (wx < r.x || wy < r.y || wx >= r.x + r.w || wy >= r.y + r.h)
		return false;
	*x = (uint32_t)((int64_t)(wx - r.x) * d->tex_w / (uint32_t)r.w);
	*y = (uint32_t)((int64_t)(wy - r.y) * d->tex_h / (uint32_t)r.h);
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
			d->need_present = true;
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

/* Events, the frame, and events again: a present waits for the X server
 * (on the emulated test host, under a storm, 40-130 ms), and what came
 * meanwhile (a key, a close) is answered at once, not a tick later. */
static void on_tick(evutil_socket_t fd, short what, void *arg)
{
	struct display *d = arg;

	(void)fd;
	(void)what;
	poll_events(d);
	sdl_refresh(d);
	poll_events(d);
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
	if (host->fb && host->fb->width && host->fb->height) {
		w = (int)host->fb->width;
		h = (int)host->fb->height;
	}
	d->win = SDL_CreateWindow("molvm", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, w, h,
				  SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
				  (host->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
	if (d->win)
		d->ren = SDL_CreateRenderer(d->win, -1, 0);
	if (!d->win || !d->ren) {
		pr_err("-display sdl: cannot open a window: %s", SDL_GetError());
		if (d->win)
			SDL_DestroyWindow(d->win);
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
		free(d);
		return NULL;
	}
	d->fullscreen = host->fullscreen;
	set_title(d);
	d->need_present = true;
	if (host->base) {
		d->timer = event_new(host->base, -1, EV_PERSIST, on_tick, d);
		if (d->timer)
			event_add(d->timer, &tv);
	}
	return d;
}

static void sdl_close(struct display *d)
{
	if (d->timer)
		event_free(d->timer);
	if (d->tex)
		SDL_DestroyTexture(d->tex);
	SDL_DestroyRenderer(d->ren);
	SDL_DestroyWindow(d->win);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	fb_tracker_free(&d->trk);
	free(d);
}

static void sdl_stats(struct display *d, struct display_stats *out)
{
	*out = d->stats;
}

/* Drain SDL's queue without a loop (the tests and the bench call it). */
static void sdl_step(struct display *d)
{
	on_tick(-1, 0, d);
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
