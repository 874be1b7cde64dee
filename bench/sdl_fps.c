// SPDX-License-Identifier: GPL-2.0
/*
 * make bench (x86, under Xvfb): the SDL display path at 1024x768x32.
 *   - frames/s when every pixel changes between frames (convert, upload,
 *     present the whole screen);
 *   - the cost of a frame where nothing changed (compare against the
 *     shadow, no upload), and its ratio to a changed frame.
 * Reports numbers, asserts nothing.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../ui/display.h"
#include "../ui/framebuffer.h"

#define W 1024
#define H 768

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static uint8_t pixels[W * H * 4];
	struct framebuffer fb;
	struct display_host host = { .fb = &fb, .vm_name = "bench" };
	const struct display_backend *be = display_find("sdl");
	struct display_stats s0, s1;
	struct display *d;
	int frames = argc > 1 ? atoi(argv[1]) : 200, i;
	double t0, changed, unchanged;

	if (!be || frames <= 0) {
		fprintf(stderr, "bench-sdl: no sdl back end\n");
		return 1;
	}
	fb_init(&fb);
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, W * 4, pixels);
	d = be->open(&host);
	if (!d)
		return 1;
	be->refresh(d);		/* the first frame: window and texture */

	be->stats(d, &s0);
	t0 = now();
	for (i = 0; i < frames; i++) {
		memset(pixels, i & 1 ? 0x55 : 0xaa, sizeof(pixels));
		be->refresh(d);
	}
	changed = (now() - t0) / frames;
	be->stats(d, &s1);
	printf("sdl full-screen change 1024x768x32: %.1f frames/s (%.3f ms/frame, %.1f MiB uploaded/frame)\n",
	       1 / changed, changed * 1e3,
	       (double)(s1.bytes_uploaded - s0.bytes_uploaded) / frames / (1 << 20));

	be->stats(d, &s0);
	t0 = now();
	for (i = 0; i < frames * 5; i++)
		be->refresh(d);
	unchanged = (now() - t0) / (frames * 5);
	be->stats(d, &s1);
	printf("sdl unchanged frame 1024x768x32: %.3f ms/frame, %llu bytes uploaded in %d frames\n",
	       unchanged * 1e3, (unsigned long long)(s1.bytes_uploaded - s0.bytes_uploaded),
	       frames * 5);
	printf("sdl unchanged / changed frame cost: %.3f\n", unchanged / changed);
	be->close(d);
	return 0;
}
