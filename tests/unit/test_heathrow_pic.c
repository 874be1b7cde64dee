// SPDX-License-Identifier: GPL-2.0
/* The Heathrow interrupt controller's register model (devices/heathrow_pic.c). */
#include "../../devices/heathrow_pic.h"
#include "../../vmm/le.h"
#include "unit.h"

/* Register offsets of the window: the cell of sources 32-63 first */
#define EVENT2	0x00
#define ENABLE2	0x04
#define ACK2	0x08
#define LEVEL2	0x0c
#define EVENT	0x10
#define ENABLE	0x14
#define ACK	0x18
#define LEVEL	0x1c

static struct fake_vm f;
static struct heathrow_pic pic;
static struct irq_line src[HEATHROW_PIC_SOURCES];

static uint32_t rd(uint32_t off)
{
	uint8_t d[4] = { 0xaa, 0xaa, 0xaa, 0xaa };

	heathrow_pic_access(&pic, off, d, 4, false);
	return le32_load(d);
}

static void wr(uint32_t off, uint32_t v)
{
	uint8_t d[4];

	le32_store(d, v);
	heathrow_pic_access(&pic, off, d, 4, true);
}

static bool out(void)
{
	return vcpu_irq_asserted(&f.vm, 0);
}

static void setup(void)
{
	uint32_t i;

	fake_vm_init(&f, 1 << 20);
	heathrow_pic_init(&pic);
	ck_assert_int_eq(vcpu_irq_connect(&f.vm, 0, &pic.out), 0);
	for (i = 0; i < HEATHROW_PIC_SOURCES; i++)
		heathrow_pic_connect(&pic, i, &src[i]);
}

static void teardown(void)
{
	fake_vm_destroy(&f);
}

START_TEST(edge_source_latches)
{
	irq_set_level(&src[15], 1);			/* ESCC A: edge */
	ck_assert_uint_eq(rd(EVENT), 1u << 15);
	ck_assert_uint_eq(rd(LEVEL), 1u << 15);
	ck_assert(!out());				/* masked */
	wr(ENABLE, 1u << 15);
	ck_assert_uint_eq(rd(ENABLE), 1u << 15);
	ck_assert(out());
	wr(ACK, 1u << 15);
	ck_assert_uint_eq(rd(EVENT), 0);
	ck_assert(!out());				/* acked, though still high */
	ck_assert_uint_eq(rd(LEVEL), 1u << 15);
	irq_set_level(&src[15], 1);			/* no new edge */
	ck_assert(!out());
	irq_set_level(&src[15], 0);
	irq_set_level(&src[15], 1);			/* a new edge */
	ck_assert(out());
	ck_assert_uint_eq(rd(ACK), 0);			/* ACK reads 0 */
	wr(ENABLE, 0);					/* masking lowers the output */
	ck_assert(!out());
	ck_assert_uint_eq(rd(EVENT), 1u << 15);		/* ... and keeps the event */
}
END_TEST

START_TEST(level_source_follows_input)
{
	irq_set_level(&src[22], 1);			/* a PCI slot: 20-28 are level */
	ck_assert_uint_eq(rd(EVENT), 0);
	ck_assert_uint_eq(rd(LEVEL), 1u << 22);
	wr(ENABLE, 1u << 22);
	ck_assert(out());
	wr(ACK, 1u << 22);
	ck_assert(out());				/* still asserted by the device */
	irq_set_level(&src[22], 0);
	ck_assert(!out());
	ck_assert_uint_eq(rd(LEVEL), 0);
}
END_TEST

START_TEST(second_cell)
{
	irq_set_level(&src[40], 1);
	ck_assert_uint_eq(rd(EVENT2), 1u << 8);
	ck_assert_uint_eq(rd(LEVEL2), 1u << 8);
	ck_assert_uint_eq(rd(EVENT), 0);
	wr(ENABLE, 1u << 8);				/* the other cell's enable */
	ck_assert(!out());
	wr(ENABLE2, 1u << 8);
	ck_assert(out());
	wr(ACK2, 1u << 8);
	ck_assert(!out());
}
END_TEST

/* The vCPU's input is a wired OR: another controller (the osi-pic on
 * powermac) asserting it keeps it up while this one drops. */
START_TEST(shared_cpu_input)
{
	struct irq_line other;

	ck_assert_int_eq(vcpu_irq_connect(&f.vm, 0, &other), 0);
	irq_set_level(&other, 1);
	ck_assert(out());
	wr(ENABLE, 1u << 22);
	irq_set_level(&src[22], 1);
	irq_set_level(&other, 0);
	ck_assert(out());			/* the PIC still asserts it */
	irq_set_level(&src[22], 0);
	ck_assert(!out());
	irq_set_level(&other, 1);
	irq_set_level(&other, 1);		/* the same level twice: no change */
	ck_assert(out());
	irq_set_level(&other, 0);
	ck_assert(!out());
	/* 32 connections at most (two taken): the 33rd is refused */
	{
		static struct irq_line more[31];
		int i;

		for (i = 0; i < 30; i++)
			ck_assert_int_eq(vcpu_irq_connect(&f.vm, 0, &more[i]), 0);
		ck_assert_int_eq(vcpu_irq_connect(&f.vm, 0, &more[30]), -1);
		irq_set_level(&more[29], 1);
		ck_assert(out());
	}
}
END_TEST

START_TEST(bad_accesses)
{
	uint8_t d[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	wr(ENABLE, 0x1234);
	/* a half word, a byte, unaligned, past the window: reads give 0, writes nothing */
	heathrow_pic_access(&pic, ENABLE, d, 2, false);
	ck_assert_uint_eq(d[0] | d[1], 0);
	heathrow_pic_access(&pic, ENABLE, d + 4, 1, true);
	heathrow_pic_access(&pic, ENABLE + 1, d, 4, true);
	heathrow_pic_access(&pic, HEATHROW_PIC_SIZE, d, 4, true);
	heathrow_pic_access(&pic, 0xfffffffc, d, 4, true);
	ck_assert_uint_eq(rd(ENABLE), 0x1234);
	/* writes to EVENT and LEVEL change nothing */
	irq_set_level(&src[3], 1);
	wr(EVENT, 0);
	wr(LEVEL, 0);
	ck_assert_uint_eq(rd(EVENT), 1u << 3);
	ck_assert_uint_eq(rd(LEVEL), 1u << 3);
	/* a source past the controller is ignored */
	irq_set_level(&src[3], 0);
	heathrow_pic_chip.set_level(&pic, 64, 1);
	heathrow_pic_chip.set_level(&pic, 0xffffffff, 1);
	ck_assert_uint_eq(rd(EVENT) | rd(EVENT2) | rd(LEVEL) | rd(LEVEL2), 1u << 3);
}
END_TEST

Suite *heathrow_pic_suite(void)
{
	Suite *s = suite_create("heathrow_pic");
	TCase *tc = tcase_create("registers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, edge_source_latches);
	tcase_add_test(tc, level_source_follows_input);
	tcase_add_test(tc, second_cell);
	tcase_add_test(tc, shared_cpu_input);
	tcase_add_test(tc, bad_accesses);
	suite_add_tcase(s, tc);
	return s;
}
