// SPDX-License-Identifier: GPL-2.0
#include "display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BACKENDS 4

/* The back ends linked into this binary (code, not VM state): "none" is
 * always there; others register from constructors at start-up (ui/sdl/). */
static const struct display_backend *backends[MAX_BACKENDS] = { &display_none };
static unsigned int nr_backends = 1;

void display_register(const struct display_backend *be)
{
	if (nr_backends < MAX_BACKENDS)
		backends[nr_backends++] = be;
}

const struct display_backend *display_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_backends; i++)
		if (!strcmp(backends[i]->name, name))
			return backends[i];
	return NULL;
}

const struct display_backend *display_default(void)
{
	const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
	const struct display_backend *sdl = display_find("sdl");

	if (sdl && ((x && *x) || (w && *w)))
		return sdl;
	return &display_none;
}

void display_list(char *buf, unsigned int size)
{
	unsigned int i, n = 0;

	if (!size)
		return;
	buf[0] = 0;
	for (i = 0; i < nr_backends && n < size; i++)
		n += (unsigned int)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
					    backends[i]->name);
}

void display_place(enum display_scale scale, uint32_t win_w, uint32_t win_h, uint32_t w,
		   uint32_t h, uint32_t *x, uint32_t *y, uint32_t *out_w, uint32_t *out_h)
{
	uint32_t ow, oh;

	*x = *y = *out_w = *out_h = 0;
	if (!w || !h || !win_w || !win_h)
		return;
	if (scale == DISPLAY_SCALE_INTEGER) {
		uint32_t k = win_w / w < win_h / h ? win_w / w : win_h / h;

		if (k < 1)
			k = 1;	/* a window smaller than the frame shows its middle */
		ow = w * k;
		oh = h * k;
	} else if ((uint64_t)win_w * h <= (uint64_t)win_h * w) {
		ow = win_w;
		oh = (uint32_t)((uint64_t)win_w * h / w);
	} else {
		oh = win_h;
		ow = (uint32_t)((uint64_t)win_h * w / h);
	}
	*x = ow < win_w ? (win_w - ow) / 2 : 0;
	*y = oh < win_h ? (win_h - oh) / 2 : 0;
	*out_w = ow;
	*out_h = oh;
}
