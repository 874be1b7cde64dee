// SPDX-License-Identifier: GPL-2.0
/* OSI keyboard and mouse, fed through ui/input.h. */
#include <linux/input-event-codes.h>

#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../ui/input.h"
#include "osi_call.h"

static void key(struct fake_vm *f, uint16_t code, bool down)
{
	struct input_event ev = { .kind = INPUT_KEY, .code = code, .down = down };

	input_post(&f->vm.input, &ev);
}

START_TEST(keys_to_adb)
{
	struct fake_vm f;
	uint64_t gpr[32];

	fake_powermac_init(&f, 1 << 20, NULL);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_ADB_KEY, 0), OSI_ERR);	/* empty */
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_KBD));
	key(&f, KEY_A, true);
	key(&f, KEY_A, false);
	key(&f, KEY_LEFT, true);
	key(&f, KEY_UNKNOWN, true);			/* no ADB key: dropped */
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_KBD));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_ADB_KEY, 0), 0x00);	/* 'a' down */
	ck_assert_uint_eq(gpr[4], KEY_A);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_ADB_KEY, 0), 0x80);	/* 'a' up */
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_KBD));		/* one more waiting */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_ADB_KEY, 0), 0x3b);	/* left arrow */
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_KBD));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_ADB_KEY, 0), OSI_ERR);

	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_KEYCODE_TO_ADB, KEY_ENTER), 0x24);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_KEYCODE_TO_ADB, KEY_SPACE), 0x31);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_KEYCODE_TO_ADB, 0xffffffff), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MAP_ADB_KEY, KEY_SPACE, 0x42), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_KEYCODE_TO_ADB, KEY_SPACE), 0x42);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MAP_ADB_KEY, 300, 1), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MAP_ADB_KEY, KEY_SPACE, 0x80), OSI_ERR);

	/* A full queue drops keys instead of growing; KBD_CNTRL empties it. */
	for (int i = 0; i < 100; i++)
		key(&f, KEY_B, true);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_KBD_CNTRL, 1), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_ADB_KEY, 0), OSI_ERR);
	fake_powermac_destroy(&f);
	/* Without the machine, events go nowhere (no crash). */
	key(&f, KEY_A, true);
}
END_TEST

START_TEST(mouse_events)
{
	struct fake_vm f;
	uint64_t gpr[32];
	struct input_event rel = { .kind = INPUT_MOUSE_REL, .dx = 5, .dy = -3 };
	struct input_event abs = { .kind = INPUT_MOUSE_ABS, .x = 100, .y = 200 };
	struct input_event but = { .kind = INPUT_MOUSE_BUTTON, .button = 0, .down = true };

	fake_powermac_init(&f, 1 << 20, NULL);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_MOUSE_DPI, 0), 100);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MOUSE_CNTRL, 0), 100);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MOUSE_CNTRL, 7), 1);
	input_post(&f.vm.input, &rel);
	input_post(&f.vm.input, &rel);
	input_post(&f.vm.input, &but);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_MOUSE));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_MOUSE, 0), 1);
	ck_assert_int_eq((int32_t)gpr[4], 10);
	ck_assert_int_eq((int32_t)gpr[5], -6);
	ck_assert_uint_eq(gpr[8], 64 | 1);		/* delta, left button down */
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_MOUSE));
	input_post(&f.vm.input, &abs);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_MOUSE, 0), 1);
	ck_assert_uint_eq(gpr[4], 100);
	ck_assert_uint_eq(gpr[5], 200);
	ck_assert_uint_eq(gpr[6], 640);			/* the framebuffer's size */
	ck_assert_uint_eq(gpr[7], 480);
	ck_assert_uint_eq(gpr[8], 128 | 1);
	but.down = false;
	input_post(&f.vm.input, &but);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ACK_MOUSE_IRQ, 0), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ACK_MOUSE_IRQ, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_MOUSE, 0), 0);
	ck_assert_uint_eq(gpr[8], 0);
	fake_powermac_destroy(&f);
}
END_TEST

/* Motion the guest never collects saturates (a signed overflow before;
 * fuzz_osi found it). */
START_TEST(mouse_motion_saturates)
{
	struct fake_vm f;
	uint64_t gpr[32];
	struct input_event rel = { .kind = INPUT_MOUSE_REL, .dx = 65535, .dy = -65535 };
	int i;

	fake_powermac_init(&f, 1 << 20, NULL);
	for (i = 0; i < 40000; i++)
		input_post(&f.vm.input, &rel);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_GET_MOUSE, 0), 1);
	ck_assert_int_eq((int32_t)gpr[4], INT32_MAX);
	ck_assert_int_eq((int32_t)gpr[5], INT32_MIN);
	fake_powermac_destroy(&f);
}
END_TEST

Suite *osi_input_suite(void)
{
	Suite *s = suite_create("osi_input");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, keys_to_adb);
	tcase_add_test(tc, mouse_motion_saturates);
	tcase_add_test(tc, mouse_events);
	suite_add_tcase(s, tc);
	return s;
}
