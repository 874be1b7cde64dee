// SPDX-License-Identifier: GPL-2.0
#include "fb_png.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xrgb_image_free(struct xrgb_image *img)
{
	free(img->px);
	memset(img, 0, sizeof(*img));
}

int fb_capture(struct framebuffer *fb, struct xrgb_image *out, char *err, size_t errlen)
{
	uint32_t y;
	int r = -1;

	memset(out, 0, sizeof(*out));
	if (!fb) {
		snprintf(err, errlen, "this machine has no display");
		return -1;
	}
	pthread_mutex_lock(&fb->lock);
	if (fb->format == FB_OFF || !fb->pixels || !fb->width || !fb->height ||
	    fb->stride < (uint64_t)fb->width * fb_bytes_per_pixel(fb->format)) {
		snprintf(err, errlen, "the guest has not set a display mode");
		goto out;
	}
	out->px = malloc((size_t)fb->width * fb->height * sizeof(uint32_t));
	if (!out->px) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	out->width = fb->width;
	out->height = fb->height;
	for (y = 0; y < fb->height; y++)
		fb_line_to_xrgb(fb, fb->pixels + (size_t)y * fb->stride, fb->width,
				out->px + (size_t)y * fb->width);
	r = 0;
out:
	pthread_mutex_unlock(&fb->lock);
	return r;
}

int png_write_xrgb(const char *path, const struct xrgb_image *img, char *err, size_t errlen)
{
	png_image pi;
	uint8_t *rgb;
	size_t i, n = (size_t)img->width * img->height;
	int ok;

	rgb = malloc(n * 3 + 1);
	if (!rgb) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		rgb[3 * i] = (uint8_t)(img->px[i] >> 16);
		rgb[3 * i + 1] = (uint8_t)(img->px[i] >> 8);
		rgb[3 * i + 2] = (uint8_t)img->px[i];
	}
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = img->width;
	pi.height = img->height;
	pi.format = PNG_FORMAT_RGB;
	ok = png_image_write_to_file(&pi, path, 0, rgb, 0, NULL);
	free(rgb);
	if (!ok) {
		snprintf(err, errlen, "%s: %s", path, pi.message);
		png_image_free(&pi);
		return -1;
	}
	return 0;
}

int png_read_xrgb(const char *path, struct xrgb_image *out, char *err, size_t errlen)
{
	png_image pi;
	uint8_t *rgb;
	size_t i, n;

	memset(out, 0, sizeof(*out));
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&pi, path)) {
		snprintf(err, errlen, "%s: %s", path, pi.message);
		return -1;
	}
	pi.format = PNG_FORMAT_RGB;
	n = (size_t)pi.width * pi.height;
	if (!n || n > (1u << 26)) {
		snprintf(err, errlen, "%s: %ux%u is not a screen size", path, pi.width, pi.height);
		png_image_free(&pi);
		return -1;
	}
	rgb = malloc(PNG_IMAGE_SIZE(pi));
	out->px = malloc(n * sizeof(uint32_t));
	if (!rgb || !out->px || !png_image_finish_read(&pi, NULL, rgb, 0, NULL)) {
		snprintf(err, errlen, "%s: %s", path, rgb && out->px ? pi.message : "out of memory");
		png_image_free(&pi);
		free(rgb);
		xrgb_image_free(out);
		return -1;
	}
	out->width = pi.width;
	out->height = pi.height;
	for (i = 0; i < n; i++)
		out->px[i] = (uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 | rgb[3 * i + 2];
	free(rgb);
	return 0;
}

static unsigned int chan_diff(uint32_t a, uint32_t b, int shift)
{
	int d = (int)((a >> shift) & 0xff) - (int)((b >> shift) & 0xff);

	return (unsigned int)(d < 0 ? -d : d);
}

uint64_t xrgb_image_diff(const struct xrgb_image *a, const struct xrgb_image *b,
			 unsigned int tolerance)
{
	size_t i, n = (size_t)a->width * a->height;
	uint64_t count = 0;

	if (a->width != b->width || a->height != b->height)
		return (uint64_t)n + 1;
	for (i = 0; i < n; i++)
		if (chan_diff(a->px[i], b->px[i], 16) > tolerance ||
		    chan_diff(a->px[i], b->px[i], 8) > tolerance ||
		    chan_diff(a->px[i], b->px[i], 0) > tolerance)
			count++;
	return count;
}
