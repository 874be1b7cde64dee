// SPDX-License-Identifier: GPL-2.0
/* OSI video: modes, the framebuffer description ui/ sees, palette, power. */
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "osi_call.h"

START_TEST(default_mode_and_info)
{
	struct fake_vm f;
	uint64_t gpr[32];
	struct framebuffer *fb;

	fake_powermac_init(&f, 1 << 20, NULL);
	fb = f.vm.fb ? f.vm.fb : &f.vm.osi->video.fb;
	/* Mode 0 asks for the default: 640x480, depth mode 2 (32 bpp). */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_VMODE_INFO, 0, 0), 0);
	ck_assert_uint_eq(gpr[4], 9u << 16 | 1);	/* 9 modes, mode 1 */
	ck_assert_uint_eq(gpr[5], 3u << 16 | 2);	/* 3 depths, depth mode 2 */
	ck_assert_uint_eq(gpr[6], 640u << 16 | 480);
	ck_assert_uint_eq(gpr[8], 32);
	ck_assert_uint_eq(gpr[9], 2560u << 16);
	ck_assert_int_eq(fb->format, FB_XRGB8888_BE);
	ck_assert_uint_eq(fb->width, 640);

	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_FB_INFO, 0), 0);
	ck_assert_uint_eq(gpr[4], OSI_FB_BASE);
	ck_assert_uint_eq(gpr[5], 2560);
	ck_assert_uint_eq(gpr[6], 640);
	ck_assert_uint_eq(gpr[7], 480);
	ck_assert_uint_eq(gpr[8], 32);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(set_every_mode)
{
	static const uint32_t w[] = { 640, 800, 1024, 1152, 1280, 1440, 1600, 1600, 1680 };
	static const uint32_t h[] = { 480, 600, 768, 864, 1024, 960, 1024, 1200, 1050 };
	static const enum fb_format fmt[] = { FB_PAL8, FB_XRGB1555_BE, FB_XRGB8888_BE };
	static const uint32_t depth[] = { 8, 15, 32 };
	struct fake_vm f;
	uint64_t gpr[32];
	struct framebuffer *fb;
	uint32_t m, d, gen;

	fake_powermac_init(&f, 1 << 20, NULL);
	fb = &f.vm.osi->video.fb;
	for (m = 0; m < 9; m++)
		for (d = 0; d < 3; d++) {
			gen = atomic_load(&fb->generation);
			ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VMODE, m + 1, d), 0);
			ck_assert_uint_gt(atomic_load(&fb->generation), gen);
			ck_assert_int_eq(fb->format, fmt[d]);
			ck_assert_uint_eq(fb->width, w[m]);
			ck_assert_uint_eq(fb->height, h[m]);
			ck_assert_uint_eq(fb->stride, w[m] * (d == 0 ? 1 : d == 1 ? 2 : 4));
			ck_assert_ptr_eq(fb->pixels, f.vm.osi->video.vram);
			/* It fits the 16 MiB aperture. */
			ck_assert_uint_le(fb->stride * fb->height, OSI_FB_SIZE);
			ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_FB_INFO, 0), 0);
			ck_assert_uint_eq(gpr[6], w[m]);
			ck_assert_uint_eq(gpr[8], depth[d]);
		}
	/* Bad modes change nothing. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VMODE, 0, 0), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VMODE, 10, 0), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VMODE, 1, 3), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VMODE, 1, 0xffffffff), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_VMODE_INFO, 0x80000000, 0), 1);
	ck_assert_uint_eq(fb->width, 1680);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(palette_and_power)
{
	struct fake_vm f;
	uint64_t gpr[32];
	struct framebuffer *fb;

	fake_powermac_init(&f, 1 << 20, NULL);
	fb = &f.vm.osi->video.fb;
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VMODE, 1, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_COLOR, 7), 0x070707);	/* grey ramp */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_COLOR, 7, 0xff123456), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_COLOR, 7), 0x123456);
	ck_assert_uint_eq(fb->palette[7], 0x123456);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_COLOR, 256, 1), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_COLOR, 0xffffffff, 0), 0);	/* refresh */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_COLOR, 256), OSI_ERR);

	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VIDEO_POWER, 0), 0);
	ck_assert_int_eq(fb->format, FB_OFF);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SET_VIDEO_POWER, 3), 0);
	ck_assert_int_eq(fb->format, FB_PAL8);
	ck_assert_uint_eq(fb->width, 640);

	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_ACK_IRQ, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_CNTRL, 1), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_CNTRL, 99), OSI_ERR);
	fake_powermac_destroy(&f);
}
END_TEST

/* Stands in for vCPU 0's external interrupt input. */
static bool cpu_level;
static unsigned int cpu_changes;

static void cpu_set_level(void *opaque, uint32_t nr, int level)
{
	(void)opaque;
	ck_assert_uint_eq(nr, 0);
	cpu_level = level;
	cpu_changes++;
}

static const struct irq_chip cpu_input = { .name = "cpu", .set_level = cpu_set_level };

START_TEST(pic_and_vbl_interrupt)
{
	struct fake_vm f;
	uint64_t gpr[32];
	fake_powermac_init(&f, 1 << 20, NULL);
	/* The PIC's output, the vCPU's external interrupt, as a test line. */
	irq_connect(&f.vm.osi->pic.out, &cpu_input, NULL, 0);
	cpu_level = false;
	cpu_changes = 0;
	/* VBL interrupts off: a vertical blank raises nothing. */
	osi_video_vblank(&f.vm);
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_VIDEO));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_ACK_IRQ, 0), 0);

	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_CNTRL, 1), 0);	/* start VBL */
	osi_video_vblank(&f.vm);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_VIDEO));
	/* Masked: the vCPU line stays low, GET_ACTIVE_IRQ shows nothing. */
	ck_assert(!cpu_level);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_GET_ACTIVE_IRQ, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_UNMASK_IRQ, OSI_IRQ_VIDEO), 0);
	ck_assert(cpu_level);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_GET_ACTIVE_IRQ, 0), 1u << OSI_IRQ_VIDEO);
	/* The device's ack lowers it: level-triggered, acked as MOL's driver does. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_ACK_IRQ, 0), 1);
	ck_assert(!cpu_level);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_VIDEO_ACK_IRQ, 0), 0);
	/* Mask through PIC_ACK_IRQ(irq, 1). */
	osi_video_vblank(&f.vm);
	ck_assert(cpu_level);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_ACK_IRQ, OSI_IRQ_VIDEO, 1), 0);
	ck_assert(!cpu_level);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_UNMASK_IRQ, 32), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_MASK_IRQ, 0xffffffff), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_REGISTER_IRQ, OSI_IRQ_VIDEO, 0), OSI_IRQ_VIDEO);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_REGISTER_IRQ, 99, 0), OSI_ERR);
	ck_assert_uint_eq(cpu_changes, 4);
	fake_powermac_destroy(&f);
}
END_TEST

Suite *osi_video_suite(void)
{
	Suite *s = suite_create("osi_video");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, default_mode_and_info);
	tcase_add_test(tc, set_every_mode);
	tcase_add_test(tc, palette_and_power);
	tcase_add_test(tc, pic_and_vbl_interrupt);
	suite_add_tcase(s, tc);
	return s;
}
