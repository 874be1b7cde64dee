// SPDX-License-Identifier: GPL-2.0
/*
 * What the displays make of a framebuffer the guest controls
 * (ui/fb_tracker.c): modes (format, size and stride, within the buffer
 * as a device checks them against guest RAM), pixels and palette entries
 * written at any time, and looks at the frame whole or a band at a time
 * with any budget and starting row.  After each look the changed
 * rectangles must lie inside the frame and inside the band looked at,
 * and add up to the tiles the look counted.
 */
#include <stdlib.h>
#include <string.h>

#include "../../ui/fb_tracker.h"
#include "../../ui/framebuffer.h"
#include "harness.h"

#define BUF (512 * 1024)

static uint8_t buf[BUF];

/* The rectangles of the last look: in the frame, in tile rows
 * [first, end), covering `tiles` tiles. */
static void walk(const struct fb_tracker *t, uint32_t first, uint32_t end, int tiles)
{
	struct fb_rect r;
	uint32_t cursor = 0;
	int seen = 0;

	while (fb_tracker_next_rect(t, &cursor, &r)) {
		if (!r.w || !r.h || r.x + r.w > t->width || r.y + r.h > t->height ||
		    r.y / FB_TILE_H < first || r.y / FB_TILE_H >= end)
			abort();
		seen += (int)((r.w + FB_TILE_W - 1) / FB_TILE_W);
	}
	if (tiles >= 0 && seen != tiles)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct framebuffer fb;
	struct fb_tracker t;
	uint32_t row = 0, first;
	int n;

	fb_init(&fb);
	fb_tracker_init(&t);
	memset(buf, 0, sizeof(buf));
	while (in_left(&in)) {
		switch (in_u8(&in) % 5) {
		case 0: {	/* a mode */
			enum fb_format f = (enum fb_format)(in_u8(&in) % (FB_RGB565_LE + 1));
			uint32_t w = in_u16(&in) % 1100, h = in_u16(&in) % 800, stride = in_u16(&in);

			if ((uint64_t)stride * h > BUF)
				h = stride ? BUF / stride : 0;
			fb_set_mode(&fb, f, w, h, stride, f == FB_OFF ? NULL : buf);
			break;
		}
		case 1: {	/* pixels */
			uint32_t at = in_u32(&in) % BUF;
			size_t len = in_u8(&in), got;
			const uint8_t *p;

			if (len > BUF - at)
				len = BUF - at;
			p = in_bytes(&in, len, &got);
			memcpy(buf + at, p, got);
			break;
		}
		case 2:		/* a palette entry */
			fb_set_palette(&fb, in_u8(&in), in_u32(&in));
			break;
		case 3: {	/* a band */
			uint64_t budget = in_u32(&in);

			if (in_u8(&in) & 1)
				row = in_u16(&in);
			first = row;
			n = fb_tracker_update_band(&t, &fb, &row, budget);
			if (t.resized)
				first = 0;
			if (n >= 0 && t.valid && first < t.tiles_y && (row <= first || row > t.tiles_y))
				abort();
			walk(&t, first, row, n);
			if (row >= t.tiles_y)
				row = 0;
			break;
		}
		default: {	/* the whole frame (the band's row stays) */
			uint32_t all = 0;

			n = fb_tracker_update_band(&t, &fb, &all, UINT64_MAX);
			walk(&t, 0, t.tiles_y, n);
			break;
		}
		}
	}
	fb_tracker_free(&t);
	return 0;
}
