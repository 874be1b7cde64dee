/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which parts of a framebuffer changed since the last look.  The guest's
 * pixels are compared tile by tile against a shadow copy of the raw
 * bytes; changed tiles are copied to the shadow and converted to
 * 0x00RRGGBB in `xrgb`, the frame a back end uploads.  A mode or palette
 * change (framebuffer generation) marks everything changed.
 */
#ifndef MOLVM_FB_TRACKER_H
#define MOLVM_FB_TRACKER_H

#include <stdbool.h>
#include <stdint.h>

#include "framebuffer.h"

#define FB_TILE_W 64
#define FB_TILE_H 16

struct fb_rect {
	uint32_t x, y, w, h;
};

struct fb_tracker {
	enum fb_format format;
	uint32_t width, height;
	unsigned int generation;
	bool valid;			/* shadow holds a full frame */
	uint8_t *shadow;		/* width * bpp bytes per line */
	uint32_t *xrgb;			/* width * height host pixels */
	uint32_t tiles_x, tiles_y;
	uint8_t *dirty;			/* tiles_x * tiles_y flags */
	uint8_t *stale;			/* tiles_y flags: convert whatever it holds */
	uint32_t nr_dirty;
	bool resized;			/* geometry changed in the last update */
};

void fb_tracker_init(struct fb_tracker *t);
void fb_tracker_free(struct fb_tracker *t);

/*
 * Look at a band of fb's tile rows and mark the tiles that changed, so a
 * frame can be looked at in bounded pieces: from tile row *row (0 after
 * a new geometry: t->resized) on, until about max_pixels frame pixels
 * were looked at (at least one tile row); *row moves past the band
 * (t->tiles_y: the frame is done; *row = 0 and UINT64_MAX look at all of
 * it).  Tiles outside the band are marked unchanged.  After a new
 * geometry or palette each row is converted again the next time it is
 * looked at.  Returns the number of changed tiles, or -1 when memory
 * runs out (the tracker is then empty).
 */
int fb_tracker_update_band(struct fb_tracker *t, struct framebuffer *fb, uint32_t *row,
			   uint64_t max_pixels);

/*
 * Walk the changed area as rectangles (runs of changed tiles on one tile
 * row).  Start with *cursor = 0; returns false when done.
 */
bool fb_tracker_next_rect(const struct fb_tracker *t, uint32_t *cursor, struct fb_rect *r);

#endif
