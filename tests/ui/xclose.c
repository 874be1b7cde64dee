// SPDX-License-Identifier: GPL-2.0
/*
 * xclose WINDOW: ask an X client to close its window the way a window
 * manager does when the user clicks the close button: a WM_PROTOCOLS
 * ClientMessage carrying WM_DELETE_WINDOW (ICCCM 4.1.2.7), sent to the
 * window.  SDL turns it into SDL_WINDOWEVENT_CLOSE and SDL_QUIT.
 * (xdotool's windowclose destroys the window instead, and SDL then dies
 * on a BadWindow error; the test host has no window manager.)
 * WINDOW is an id as xdotool prints it (decimal or 0x hex).  Exit 0 when
 * the event was sent, 1 otherwise.
 */
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	XEvent ev;
	Display *dpy;
	Window w;
	char *end;
	Status ok;

	if (argc != 2) {
		fprintf(stderr, "usage: xclose WINDOW\n");
		return 2;
	}
	w = (Window)strtoul(argv[1], &end, 0);
	if (!w || *end) {
		fprintf(stderr, "xclose: '%s' is not a window id\n", argv[1]);
		return 2;
	}
	dpy = XOpenDisplay(NULL);
	if (!dpy) {
		fprintf(stderr, "xclose: cannot open the display\n");
		return 1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.xclient.type = ClientMessage;
	ev.xclient.window = w;
	ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
	ev.xclient.format = 32;
	ev.xclient.data.l[0] = (long)XInternAtom(dpy, "WM_DELETE_WINDOW", False);
	ev.xclient.data.l[1] = CurrentTime;
	ok = XSendEvent(dpy, w, False, NoEventMask, &ev);
	XSync(dpy, False);
	XCloseDisplay(dpy);
	if (!ok) {
		fprintf(stderr, "xclose: XSendEvent failed\n");
		return 1;
	}
	return 0;
}
