// SPDX-License-Identifier: GPL-2.0
/* Pixel conversion, dirty-tile tracking, PNG round trip, key maps. */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../ui/fb_png.h"
#include "../../ui/fb_tracker.h"
#include "../../ui/framebuffer.h"
#include "../../ui/keymap.h"
#include "unit.h"

START_TEST(convert_32bpp_both_byte_orders)
{
	static const uint8_t be[8] = { 0x00, 0x12, 0x34, 0x56, 0xff, 0xff, 0x00, 0x80 };
	static const uint8_t le[8] = { 0x56, 0x34, 0x12, 0x00, 0x80, 0x00, 0xff, 0xff };
	struct framebuffer fb;
	uint32_t out[2];

	fb_init(&fb);
	fb.format = FB_XRGB8888_BE;
	fb_line_to_xrgb(&fb, be, 2, out);
	ck_assert_uint_eq(out[0], 0x123456);
	ck_assert_uint_eq(out[1], 0xff0080);	/* the x byte is dropped */
	fb.format = FB_XRGB8888_LE;
	fb_line_to_xrgb(&fb, le, 2, out);
	ck_assert_uint_eq(out[0], 0x123456);
	ck_assert_uint_eq(out[1], 0xff0080);
}
END_TEST

START_TEST(convert_16bpp)
{
	/* 1555: x=1 r=31 g=0 b=16 -> 0xfc10 big-endian; 565: r=0 g=63 b=31 */
	static const uint8_t x1555[2] = { 0xfc, 0x10 };
	static const uint8_t r565be[2] = { 0x07, 0xff }, r565le[2] = { 0xff, 0x07 };
	struct framebuffer fb;
	uint32_t out;

	fb_init(&fb);
	fb.format = FB_XRGB1555_BE;
	fb_line_to_xrgb(&fb, x1555, 1, &out);
	ck_assert_uint_eq(out, 0xff0084);	/* 5-bit 16 -> 0x84 (high bits replicated) */
	fb.format = FB_RGB565_BE;
	fb_line_to_xrgb(&fb, r565be, 1, &out);
	ck_assert_uint_eq(out, 0x00ffff);
	fb.format = FB_RGB565_LE;
	fb_line_to_xrgb(&fb, r565le, 1, &out);
	ck_assert_uint_eq(out, 0x00ffff);
}
END_TEST

START_TEST(convert_8bpp_palette)
{
	static const uint8_t px[3] = { 0, 7, 255 };
	struct framebuffer fb;
	uint32_t out[3];

	fb_init(&fb);
	fb_set_palette(&fb, 7, 0xff123456);	/* the top byte is not colour */
	fb_set_palette(&fb, 255, 0xffffff);
	fb_set_palette(&fb, 256, 0x111111);	/* out of range: ignored */
	fb.format = FB_PAL8;
	fb_line_to_xrgb(&fb, px, 3, out);
	ck_assert_uint_eq(out[0], 0);
	ck_assert_uint_eq(out[1], 0x123456);
	ck_assert_uint_eq(out[2], 0xffffff);
}
END_TEST

/* A 200x50 32-bpp frame with a stride wider than a line. */
#define W 200
#define H 50
#define STRIDE (W * 4 + 64)

static uint8_t pixels[STRIDE * H];

static void put(uint32_t x, uint32_t y, uint32_t rgb)
{
	uint8_t *p = pixels + y * STRIDE + x * 4;

	p[0] = 0;
	p[1] = (uint8_t)(rgb >> 16);
	p[2] = (uint8_t)(rgb >> 8);
	p[3] = (uint8_t)rgb;
}

static unsigned int count_rects(struct fb_tracker *t, uint64_t *area)
{
	struct fb_rect r;
	uint32_t cur = 0;
	unsigned int n = 0;

	*area = 0;
	while (fb_tracker_next_rect(t, &cur, &r)) {
		ck_assert_uint_le(r.x + r.w, t->width);
		ck_assert_uint_le(r.y + r.h, t->height);
		*area += (uint64_t)r.w * r.h;
		n++;
	}
	return n;
}

/* A look at the whole frame. */
static int look_all(struct fb_tracker *t, struct framebuffer *fb)
{
	uint32_t row = 0;

	return fb_tracker_update_band(t, fb, &row, UINT64_MAX);
}

START_TEST(tracker_marks_only_changed_tiles)
{
	struct framebuffer fb;
	struct fb_tracker t;
	uint64_t area;
	unsigned int tiles;

	memset(pixels, 0, sizeof(pixels));
	fb_init(&fb);
	fb_tracker_init(&t);
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, STRIDE, pixels);
	tiles = ((W + FB_TILE_W - 1) / FB_TILE_W) * ((H + FB_TILE_H - 1) / FB_TILE_H);

	/* First look: everything, and the frame is converted. */
	ck_assert_int_eq(look_all(&t, &fb), (int)tiles);
	ck_assert(t.resized);
	count_rects(&t, &area);
	ck_assert_uint_eq(area, W * H);

	/* Nothing changed: nothing to upload. */
	ck_assert_int_eq(look_all(&t, &fb), 0);
	ck_assert(!t.resized);
	ck_assert_uint_eq(count_rects(&t, &area), 0);

	/* One pixel in the last, partial tile (x 192..199, y 48..49). */
	put(199, 49, 0xabcdef);
	ck_assert_int_eq(look_all(&t, &fb), 1);
	ck_assert_uint_eq(count_rects(&t, &area), 1);
	ck_assert_uint_eq(area, 8 * 2);
	ck_assert_uint_eq(t.xrgb[49 * W + 199], 0xabcdef);

	/* Two neighbouring tiles on one row merge into one rectangle; a
	 * change in the padding beyond the line is not a change. */
	put(10, 0, 0x010203);
	put(70, 5, 0x040506);
	pixels[3 * STRIDE + W * 4 + 10] = 0x55;
	ck_assert_int_eq(look_all(&t, &fb), 2);
	ck_assert_uint_eq(count_rects(&t, &area), 1);
	ck_assert_uint_eq(area, 128 * 16);
	ck_assert_uint_eq(t.xrgb[5 * W + 70], 0x040506);

	/* A palette/mode change (generation) redraws all. */
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, STRIDE, pixels);
	ck_assert_int_eq(look_all(&t, &fb), (int)tiles);
	ck_assert(!t.resized);

	/* A new geometry: resized, all dirty, converted in the new format. */
	fb_set_mode(&fb, FB_RGB565_BE, 100, 20, 200, pixels);
	ck_assert_int_eq(look_all(&t, &fb), 2 * 2);
	ck_assert(t.resized);
	ck_assert_uint_eq(t.width, 100);

	/* Video off: nothing, no crash. */
	fb_set_mode(&fb, FB_OFF, 0, 0, 0, NULL);
	ck_assert_int_eq(look_all(&t, &fb), 0);
	ck_assert(!t.valid);
	/* A stride too small for the width is refused, not overrun. */
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, W, pixels);
	ck_assert_int_eq(look_all(&t, &fb), 0);
	ck_assert(!t.valid);
	fb_tracker_free(&t);
}
END_TEST

START_TEST(tracker_looks_in_bands)
{
	struct framebuffer fb;
	struct fb_tracker t;
	struct fb_rect r;
	uint32_t row = 0, cur = 0;
	uint64_t area;

	memset(pixels, 0, sizeof(pixels));
	put(5, 40, 0x123456);	/* tile row 2 (y 32..47) */
	fb_init(&fb);
	fb_tracker_init(&t);
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, STRIDE, pixels);

	/* A budget of one tile row: its 4 tiles, nothing else. */
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, W * FB_TILE_H), 4);
	ck_assert(t.resized);
	ck_assert_uint_eq(row, 1);
	count_rects(&t, &area);
	ck_assert_uint_eq(area, W * FB_TILE_H);
	ck_assert(fb_tracker_next_rect(&t, &cur, &r));
	ck_assert_uint_eq(r.y, 0);
	ck_assert_uint_eq(t.xrgb[40 * W + 5], 0);	/* not looked at yet */

	/* Just over one row: two rows; only the band is marked. */
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, W * FB_TILE_H + 1), 8);
	ck_assert(!t.resized);
	ck_assert_uint_eq(row, 3);
	count_rects(&t, &area);
	ck_assert_uint_eq(area, 2 * W * FB_TILE_H);
	ck_assert_uint_eq(t.xrgb[40 * W + 5], 0x123456);

	/* At least one row however small the budget; then the frame is done. */
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, 1), 4);
	ck_assert_uint_eq(row, t.tiles_y);
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, UINT64_MAX), 0);

	/* A new look at an unchanged frame: nothing. */
	row = 0;
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, UINT64_MAX), 0);
	ck_assert_uint_eq(row, 4);

	/* A palette change in the middle of a look: the rest of it, and in
	 * the next look the rows before, are converted again (once). */
	row = 2;
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, STRIDE, pixels);
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, 1), 4);
	row = 0;
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, UINT64_MAX), 12);
	row = 0;
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, UINT64_MAX), 0);

	/* A new geometry in the middle of a look starts it at row 0. */
	row = 3;
	fb_set_mode(&fb, FB_XRGB8888_BE, 100, 20, STRIDE, pixels);
	ck_assert_int_eq(fb_tracker_update_band(&t, &fb, &row, 1), 2);
	ck_assert(t.resized);
	ck_assert_uint_eq(row, 1);
	fb_tracker_free(&t);
}
END_TEST

START_TEST(png_round_trip_and_diff)
{
	char path[] = "/tmp/molvm-unit-XXXXXX", err[256];
	struct framebuffer fb;
	struct xrgb_image a, b;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	memset(pixels, 0, sizeof(pixels));
	put(0, 0, 0xff0000);
	put(1, 0, 0x00ff00);
	put(W - 1, H - 1, 0x0000ff);
	fb_init(&fb);
	ck_assert_int_eq(fb_capture(&fb, &a, err, sizeof(err)), -1);	/* no mode */
	ck_assert_int_eq(fb_capture(NULL, &a, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no display"));
	fb_set_mode(&fb, FB_XRGB8888_BE, W, H, STRIDE, pixels);
	ck_assert_int_eq(fb_capture(&fb, &a, err, sizeof(err)), 0);
	ck_assert_int_eq(png_write_xrgb(path, &a, err, sizeof(err)), 0);
	ck_assert_int_eq(png_read_xrgb(path, &b, err, sizeof(err)), 0);
	ck_assert_uint_eq(b.width, W);
	ck_assert_uint_eq(b.height, H);
	ck_assert_uint_eq(b.px[0], 0xff0000);
	ck_assert_uint_eq(b.px[1], 0x00ff00);
	ck_assert_uint_eq(b.px[W * H - 1], 0x0000ff);
	ck_assert_uint_eq(xrgb_image_diff(&a, &b, 0), 0);
	b.px[5] = 0x000003;
	ck_assert_uint_eq(xrgb_image_diff(&a, &b, 0), 1);
	ck_assert_uint_eq(xrgb_image_diff(&a, &b, 3), 0);
	b.width--;
	ck_assert_uint_gt(xrgb_image_diff(&a, &b, 255), (uint64_t)W * H);
	xrgb_image_free(&a);
	xrgb_image_free(&b);
	ck_assert_int_eq(png_read_xrgb("/nonexistent.png", &b, err, sizeof(err)), -1);
	ck_assert_int_eq(png_read_xrgb("/etc/passwd", &b, err, sizeof(err)), -1);
	unlink(path);
}
END_TEST

START_TEST(keymaps)
{
	uint16_t code;
	bool shift;

	/* USB HID usages: 0x04 'a', 0x28 Enter, 0xe3 left GUI (Command) */
	ck_assert_uint_eq(keymap_hid_to_evdev(0x04), KEY_A);
	ck_assert_uint_eq(keymap_hid_to_evdev(0x1d), KEY_Z);
	ck_assert_uint_eq(keymap_hid_to_evdev(0x27), KEY_0);
	ck_assert_uint_eq(keymap_hid_to_evdev(0x28), KEY_ENTER);
	ck_assert_uint_eq(keymap_hid_to_evdev(0xe2), KEY_LEFTALT);
	ck_assert_uint_eq(keymap_hid_to_evdev(0xe3), KEY_LEFTMETA);
	ck_assert_uint_eq(keymap_hid_to_evdev(0xe7), KEY_RIGHTMETA);
	ck_assert_uint_eq(keymap_hid_to_evdev(0x03), 0);
	ck_assert_uint_eq(keymap_hid_to_evdev(100000), 0);

	ck_assert_uint_eq(keymap_name_to_evdev("ret"), KEY_ENTER);
	ck_assert_uint_eq(keymap_name_to_evdev("cmd"), KEY_LEFTMETA);
	ck_assert_uint_eq(keymap_name_to_evdev("f12"), KEY_F12);
	ck_assert_uint_eq(keymap_name_to_evdev("nosuchkey"), 0);

	ck_assert(keymap_char_to_evdev('q', &code, &shift));
	ck_assert(code == KEY_Q && !shift);
	ck_assert(keymap_char_to_evdev('Q', &code, &shift));
	ck_assert(code == KEY_Q && shift);
	ck_assert(keymap_char_to_evdev('!', &code, &shift));
	ck_assert(code == KEY_1 && shift);
	ck_assert(keymap_char_to_evdev('\n', &code, &shift));
	ck_assert(code == KEY_ENTER && !shift);
	ck_assert(keymap_char_to_evdev('"', &code, &shift));
	ck_assert(code == KEY_APOSTROPHE && shift);
	ck_assert(!keymap_char_to_evdev('\x01', &code, &shift));
	ck_assert(!keymap_char_to_evdev((char)0xe9, &code, &shift));
}
END_TEST

Suite *ui_pixels_suite(void)
{
	Suite *s = suite_create("ui-pixels");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, convert_32bpp_both_byte_orders);
	tcase_add_test(tc, convert_16bpp);
	tcase_add_test(tc, convert_8bpp_palette);
	tcase_add_test(tc, tracker_marks_only_changed_tiles);
	tcase_add_test(tc, tracker_looks_in_bands);
	tcase_add_test(tc, png_round_trip_and_diff);
	tcase_add_test(tc, keymaps);
	suite_add_tcase(s, tc);
	return s;
}
