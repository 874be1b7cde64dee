/* SPDX-License-Identifier: GPL-2.0 */
/* Framebuffer snapshots and PNG files (libpng), for screendump and scripts. */
#ifndef MOLVM_FB_PNG_H
#define MOLVM_FB_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "framebuffer.h"

/* A frame as 0x00RRGGBB words, width * height, row after row. */
struct xrgb_image {
	uint32_t width, height;
	uint32_t *px;
};

void xrgb_image_free(struct xrgb_image *img);

/* Copy the current frame.  -1 with err set when there is none. */
int fb_capture(struct framebuffer *fb, struct xrgb_image *out, char *err, size_t errlen);

int png_write_xrgb(const char *path, const struct xrgb_image *img, char *err, size_t errlen);
int png_read_xrgb(const char *path, struct xrgb_image *out, char *err, size_t errlen);

/*
 * Compare two frames: pixels whose R, G or B differ by more than
 * tolerance count as different.  Returns that count (width*height+1
 * when the sizes differ).
 */
uint64_t xrgb_image_diff(const struct xrgb_image *a, const struct xrgb_image *b,
			 unsigned int tolerance);

#endif
