// SPDX-License-Identifier: GPL-2.0
/*
 * xwin: what the SDL window scenario (17-sdl-storm) does to molvm's window
 * besides typing, on Xlib.  WINDOW is an id as xdotool prints it.
 *
 *   xwin close WINDOW
 *       ask the client to close WINDOW as a window manager does when the
 *       user clicks the close button: a WM_PROTOCOLS ClientMessage carrying
 *       WM_DELETE_WINDOW (ICCCM 4.1.2.7).  SDL turns it into
 *       SDL_WINDOWEVENT_CLOSE and SDL_QUIT.  (xdotool's windowclose
 *       destroys the window instead, and SDL then dies on a BadWindow
 *       error; the test host has no window manager.)  Prints when the X
 *       server had it (CLOCK_REALTIME, microseconds): what the scenario
 *       times molvm's answer from, not this program's own exit.
 *   xwin watch WINDOW N MS
 *       read a column of WINDOW's pixels on the screen (x = 8, every row
 *       that is on the screen) N times, MS ms apart, and print how many of
 *       the N columns differed from the one before and how many pixels of
 *       the last one are not black: whether the window keeps showing what
 *       the guest draws.
 *
 * Exit 0 when the request was sent / the columns read, 1 otherwise.
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int do_close(Display *dpy, Window w)
{
	struct timespec ts;
	XEvent ev;
	Status ok;

	memset(&ev, 0, sizeof(ev));
	ev.xclient.type = ClientMessage;
	ev.xclient.window = w;
	ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
	ev.xclient.format = 32;
	ev.xclient.data.l[0] = (long)XInternAtom(dpy, "WM_DELETE_WINDOW", False);
	ev.xclient.data.l[1] = CurrentTime;
	ok = XSendEvent(dpy, w, False, NoEventMask, &ev);
	XSync(dpy, False);
	clock_gettime(CLOCK_REALTIME, &ts);
	if (!ok) {
		fprintf(stderr, "xwin: XSendEvent failed\n");
		return 1;
	}
	printf("xwin: sent at %lld\n", (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	return 0;
}

static int do_watch(Display *dpy, Window w, int n, int ms)
{
	Window root = DefaultRootWindow(dpy), child;
	int sw = DisplayWidth(dpy, DefaultScreen(dpy)), sh = DisplayHeight(dpy, DefaultScreen(dpy));
	struct timespec gap = { ms / 1000, (long)(ms % 1000) * 1000000 };
	unsigned long prev = 0, hash = 0;
	int ox, oy, y0, y1, i, changed = 0, lit = 0;
	XWindowAttributes wa;

	if (!XGetWindowAttributes(dpy, w, &wa) ||
	    !XTranslateCoordinates(dpy, w, root, 0, 0, &ox, &oy, &child)) {
		fprintf(stderr, "xwin: no window %lu\n", (unsigned long)w);
		return 1;
	}
	/* The column's part on the screen (the root window's image). */
	y0 = oy < 0 ? 0 : oy;
	y1 = oy + wa.height > sh ? sh : oy + wa.height;
	if (ox + 8 < 0 || ox + 8 >= sw || y1 <= y0) {
		fprintf(stderr, "xwin: the window is off the screen\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		XImage *img = XGetImage(dpy, root, ox + 8, y0, 1, (unsigned int)(y1 - y0), AllPlanes,
					ZPixmap);
		int y;

		if (!img) {
			fprintf(stderr, "xwin: XGetImage failed\n");
			return 1;
		}
		hash = 14695981039346656037UL;	/* FNV-1a */
		lit = 0;
		for (y = 0; y < y1 - y0; y++) {
			unsigned long px = XGetPixel(img, 0, y) & 0xffffff;

			hash = (hash ^ px) * 1099511628211UL;
			lit += px != 0;
		}
		XDestroyImage(img);
		if (i && hash != prev)
			changed++;
		prev = hash;
		if (i + 1 < n)
			nanosleep(&gap, NULL);
	}
	printf("xwin: %d columns of %d pixels, %d changed, %d pixels not black\n", n, y1 - y0,
	       changed, lit);
	return 0;
}

int main(int argc, char **argv)
{
	Display *dpy;
	Window w;
	char *end;
	int rc;
	bool is_close = argc == 3 && !strcmp(argv[1], "close");
	bool is_watch = argc == 5 && !strcmp(argv[1], "watch");

	if (!is_close && !is_watch) {
		fprintf(stderr, "usage: xwin close WINDOW | xwin watch WINDOW N MS\n");
		return 2;
	}
	w = (Window)strtoul(argv[2], &end, 0);
	if (!w || *end) {
		fprintf(stderr, "xwin: '%s' is not a window id\n", argv[2]);
		return 2;
	}
	dpy = XOpenDisplay(NULL);
	if (!dpy) {
		fprintf(stderr, "xwin: cannot open the display\n");
		return 1;
	}
	if (is_close)
		rc = do_close(dpy, w);
	else
		rc = do_watch(dpy, w, atoi(argv[3]) > 1 ? atoi(argv[3]) : 2, atoi(argv[4]));
	XCloseDisplay(dpy);
	return rc;
}
