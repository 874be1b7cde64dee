// SPDX-License-Identifier: GPL-2.0
/* The ESCC's register model (devices/escc.c), programmed as pmac_zilog does. */
#include <string.h>

#include "../../devices/console.h"
#include "../../devices/escc.h"
#include "unit.h"

/* the "escc" view: B control/data 0x00/0x10, A 0x20/0x30 */
#define A_CTRL	0x20
#define A_DATA	0x30
#define B_CTRL	0x00
#define B_DATA	0x10

static struct fake_vm f;
static struct escc e;
static int level[2];

static void set_level(void *opaque, uint32_t nr, int l)
{
	(void)opaque;
	level[nr] = l;
}

static const struct irq_chip chip = { .name = "test", .set_level = set_level };

static void wb(uint32_t off, uint8_t v)
{
	escc_access(&e, off, &v, 1, true);
}

static uint8_t rb(uint32_t off)
{
	uint8_t v = 0xee;

	escc_access(&e, off, &v, 1, false);
	return v;
}

/* write_zsreg / read_zsreg of pmac_zilog.h */
static void wreg(uint32_t ctrl, uint8_t reg, uint8_t v)
{
	if (reg)
		wb(ctrl, reg);
	wb(ctrl, v);
}

static uint8_t rreg(uint32_t ctrl, uint8_t reg)
{
	if (reg)
		wb(ctrl, reg);
	return rb(ctrl);
}

static void setup(void)
{
	fake_vm_init(&f, 1 << 20);
	escc_init(&e);
	irq_connect(&e.ch[ESCC_CH_A].irq, &chip, NULL, 0);
	irq_connect(&e.ch[ESCC_CH_B].irq, &chip, NULL, 1);
	level[0] = level[1] = 0;
	escc_attach_console(&e, f.vm.con);
	/* __pmz_startup: reset the channel, 8N1, interrupts, enables */
	wreg(A_CTRL, 9, 0x80);
	wreg(A_CTRL, 4, 0x44);
	wreg(A_CTRL, 3, 0xc0);
	wreg(A_CTRL, 5, 0x60);
	wreg(A_CTRL, 1, 0x12);		/* INT_ALL_Rx | TxINT_ENAB */
	wreg(A_CTRL, 9, 0x0a);		/* MIE | NV */
}

static void teardown(void)
{
	console_set_notify(f.vm.con, NULL, NULL);
	fake_vm_destroy(&f);
}

START_TEST(transmit)
{
	char out[16];

	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x04, 0x04);	/* empty */
	wb(A_DATA, 'x');				/* Tx disabled: the byte is held */
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x04, 0);
	ck_assert_uint_eq(rreg(A_CTRL, 1) & 0x01, 0);	/* not all sent */
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	wreg(A_CTRL, 5, 0x68);				/* Tx8 | TxENAB: it goes */
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 1);
	ck_assert_str_eq(out, "x");
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x04, 0x04);
	ck_assert_uint_eq(rreg(A_CTRL, 1), 0x07);
	ck_assert_uint_eq(rreg(A_CTRL, 3), 0x10);	/* A Tx pending */
	ck_assert_int_eq(level[0], 1);
	wb(A_CTRL, 0x28);				/* reset TxINT pending */
	ck_assert_uint_eq(rreg(A_CTRL, 3), 0);
	ck_assert_int_eq(level[0], 0);
	wb(A_DATA, 'h');
	wb(A_DATA, 'i');
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 2);
	ck_assert_str_eq(out, "hi");
	ck_assert_int_eq(level[0], 1);
	/* without the master enable, no interrupt */
	wreg(A_CTRL, 9, 0x02);
	ck_assert_int_eq(level[0], 0);
	ck_assert_uint_eq(rreg(A_CTRL, 3), 0x10);	/* still pending */
}
END_TEST

START_TEST(receive)
{
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x01, 0);
	console_input(f.vm.con, (const unsigned char *)"ab", 2);
	/* the receiver is off: the bytes wait in the console */
	escc_console_input(&e);
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x01, 0);
	ck_assert_int_eq(level[0], 0);
	wreg(A_CTRL, 3, 0xc1);				/* Rx8 | RxENABLE */
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x01, 0x01);
	ck_assert_uint_eq(rreg(A_CTRL, 3), 0x20);	/* A Rx pending */
	ck_assert_int_eq(level[0], 1);
	ck_assert_uint_eq(rb(A_DATA), 'a');
	ck_assert_int_eq(level[0], 1);
	ck_assert_uint_eq(rreg(A_CTRL, 8), 'b');	/* RR8 is the data too */
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x01, 0);
	ck_assert_int_eq(level[0], 0);
	ck_assert_uint_eq(rb(A_DATA), 0);		/* nothing: 0 */
	/* input arriving raises the interrupt by itself */
	console_input(f.vm.con, (const unsigned char *)"c", 1);
	escc_console_input(&e);
	ck_assert_int_eq(level[0], 1);
	/* Rx interrupts off: the byte waits, no interrupt */
	wreg(A_CTRL, 1, 0x02);
	ck_assert_int_eq(level[0], 0);
	ck_assert_uint_eq(rreg(A_CTRL, 0) & 0x01, 0x01);
}
END_TEST

START_TEST(registers)
{
	/* point high: WR12/13 (the baud divisor) read back as RR12/13 */
	wreg(A_CTRL, 12, 0x0a);
	wreg(A_CTRL, 13, 0x00);
	ck_assert_uint_eq(rreg(A_CTRL, 12), 0x0a);
	ck_assert_uint_eq(rreg(A_CTRL, 13), 0x00);
	wreg(A_CTRL, 15, 0x80);
	ck_assert_uint_eq(rreg(A_CTRL, 15), 0x80);
	/* after an access the pointer is back at 0: RR0 */
	ck_assert_uint_eq(rb(A_CTRL) & 0x0c, 0x0c);	/* Tx empty, DCD */
	/* WR2 is shared, RR2 of A gives it */
	wreg(B_CTRL, 2, 0x33);
	ck_assert_uint_eq(rreg(A_CTRL, 2), 0x33);
	/* RR3 only through channel A */
	ck_assert_uint_eq(rreg(B_CTRL, 3), 0);
	ck_assert_uint_eq(rreg(A_CTRL, 10), 0);
}
END_TEST

START_TEST(channel_b)
{
	char out[8];

	wreg(B_CTRL, 9, 0x40);				/* reset B (and WR9: MIE off) */
	wreg(B_CTRL, 9, 0x08);
	wreg(B_CTRL, 5, 0x68);
	wreg(B_CTRL, 1, 0x02);
	wb(B_DATA, 'z');				/* nobody listens */
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	ck_assert_uint_eq(rreg(A_CTRL, 3), 0x02);	/* B Tx pending, seen in A's RR3 */
	ck_assert_int_eq(level[1], 1);
	ck_assert_int_eq(level[0], 0);
	wb(B_CTRL, 0x28);
	ck_assert_int_eq(level[1], 0);
	/* a hardware reset clears the master enable and both channels */
	wb(B_DATA, 'z');
	ck_assert_int_eq(level[1], 1);
	wreg(A_CTRL, 9, 0xc0);
	ck_assert_int_eq(level[1], 0);
	ck_assert_uint_eq(rreg(A_CTRL, 3), 0);
}
END_TEST

START_TEST(legacy_view_and_bad_accesses)
{
	uint8_t d[4] = { 0xff, 0xff, 0xff, 0xff };
	char out[8];

	/* escc-legacy: A control at 2, A data at 6 */
	escc_legacy_access(&e, 0x2, (uint8_t[]){ 5 }, 1, true);
	escc_legacy_access(&e, 0x2, (uint8_t[]){ 0x68 }, 1, true);
	escc_legacy_access(&e, 0x6, (uint8_t[]){ 'L' }, 1, true);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 1);
	ck_assert_str_eq(out, "L");
	escc_legacy_access(&e, 0x2, d, 1, false);
	ck_assert_uint_eq(d[0] & 0x04, 0x04);
	/* wider than a byte, unknown offsets: ignored, reads 0 */
	escc_access(&e, A_DATA, d, 2, true);
	escc_access(&e, A_DATA, d, 4, false);
	ck_assert_uint_eq(d[0] | d[1] | d[2] | d[3], 0);
	d[0] = 'q';
	escc_access(&e, 0x60, d, 1, true);
	escc_access(&e, 0xfff, d, 1, true);
	escc_legacy_access(&e, 0xc, d, 1, true);
	escc_legacy_access(&e, 0x40, d, 1, true);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	escc_access(&e, 0x50, d, 1, false);		/* enhanced register: 0 */
	ck_assert_uint_eq(d[0], 0);
}
END_TEST

Suite *escc_suite(void)
{
	Suite *s = suite_create("escc");
	TCase *tc = tcase_create("z85c30");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, transmit);
	tcase_add_test(tc, receive);
	tcase_add_test(tc, registers);
	tcase_add_test(tc, channel_b);
	tcase_add_test(tc, legacy_view_and_bad_accesses);
	suite_add_tcase(s, tc);
	return s;
}
