// SPDX-License-Identifier: GPL-2.0
/*
 * VIA-CUDA and the ADB (devices/via_cuda.c, devices/adb.c), driven the way
 * Linux's drivers/macintosh/via-cuda.c drives them: the sync handshake,
 * requests and replies byte by byte, unsolicited autopoll packets, a
 * collision; the VIA's timers against a clock the test turns.
 */
#include <linux/input-event-codes.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../devices/via_cuda.h"
#include "../../vmm/host.h"
#include "unit.h"

enum { B, A, DIRB, DIRA, T1CL, T1CH, T1LL, T1LH, T2CL, T2CH, SR, ACR, PCR, IFR, IER, ANH };
#define TREQ	0x08
#define TACK	0x10
#define TIP	0x20
#define SR_OUT	0x10
#define SR_INT	0x04
#define T2_INT	0x20
#define T1_INT	0x40

static struct fake_vm f;
static struct via_cuda v;
static uint64_t now_ns;
static atomic_int line;	/* set from the timer thread too */

static uint64_t test_clock(void)
{
	return now_ns;
}

static void set_level(void *opaque, uint32_t nr, int l)
{
	(void)opaque;
	(void)nr;
	line = l;
}

static const struct irq_chip chip = { .name = "test", .set_level = set_level };

static uint8_t rd(int reg)
{
	uint8_t d = 0xee;

	via_cuda_access(&v, (uint32_t)reg * VIA_REG_STRIDE, &d, 1, false);
	return d;
}

static void wr(int reg, uint8_t d)
{
	via_cuda_access(&v, (uint32_t)reg * VIA_REG_STRIDE, &d, 1, true);
}

static bool treq(void)
{
	return !(rd(B) & TREQ);
}

static bool sr_int(void)
{
	return rd(IFR) & SR_INT;
}

/* cuda_init_via (PPC) */
static void sync_cuda(void)
{
	wr(IER, 0x7f);
	wr(DIRB, (uint8_t)((rd(DIRB) | TACK | TIP) & ~TREQ));
	wr(ACR, (uint8_t)((rd(ACR) & ~0x1c) | 0x0c));
	rd(SR);
	wr(B, rd(B) | TIP | TACK);
	rd(SR);
	wr(IFR, SR_INT);
	wr(B, rd(B) & ~TACK);			/* sync: TACK without TIP */
	ck_assert(treq());
	ck_assert(sr_int());
	rd(SR);
	wr(IFR, SR_INT);
	wr(B, rd(B) | TACK);
	ck_assert(!treq());
	ck_assert(sr_int());
	rd(SR);
	wr(IFR, SR_INT);
	/* find_via_cuda: the SR interrupt on */
	wr(IFR, 0x7f);
	wr(IER, 0x80 | SR_INT);
}

enum state { SENT_FIRST, SENDING, AWAITING, READING, READ_DONE };

/* Read a transfer Cuda started (cuda_interrupt from "idle" or
 * "awaiting_reply"): returns its length. */
static int read_packet(uint8_t *buf, int max)
{
	enum state s = AWAITING;
	int n = 0, i;

	for (i = 0; i < 64; i++) {
		ck_assert(sr_int());
		wr(IFR, SR_INT);
		switch (s) {
		case AWAITING:
			rd(SR);
			wr(B, rd(B) & ~TIP);
			s = READING;
			break;
		case READING:
			ck_assert_int_lt(n, max);
			buf[n++] = rd(SR);
			if (!treq()) {
				wr(B, rd(B) | TIP | TACK);
				s = READ_DONE;
			} else {
				wr(B, rd(B) ^ TACK);
			}
			break;
		case READ_DONE:
			rd(SR);
			return n;
		default:
			break;
		}
	}
	ck_abort_msg("the transfer never ended");
	return -1;
}

/* cuda_start + cuda_interrupt until the reply is in: its length; -1 on
 * a collision (Cuda wanted to send first). */
static int request(const uint8_t *req, int len, uint8_t *reply, int max)
{
	enum state s = SENT_FIRST;
	int i = 1, k;

	ck_assert(!treq());
	wr(ACR, rd(ACR) | SR_OUT);
	wr(SR, req[0]);
	wr(B, rd(B) & ~TIP);
	for (k = 0; k < 64; k++) {
		ck_assert(sr_int());
		wr(IFR, SR_INT);
		if (s == SENT_FIRST && treq()) {
			wr(ACR, rd(ACR) & ~SR_OUT);
			rd(SR);
			wr(B, rd(B) | TIP | TACK);
			return -1;
		}
		if (i >= len) {
			wr(ACR, rd(ACR) & ~SR_OUT);
			rd(SR);
			wr(B, rd(B) | TIP | TACK);
			return read_packet(reply, max);
		}
		wr(SR, req[i++]);
		wr(B, rd(B) ^ TACK);
		s = SENDING;
	}
	ck_abort_msg("the request never went out");
	return -1;
}

#define REQ(reply, ...) \
	request((const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }), \
		reply, sizeof(reply))

static void setup(void)
{
	fake_vm_init(&f, 1 << 20);
	now_ns = 1000000000;
	via_cuda_init(&v, &f.vm, test_clock);
	irq_connect(&v.irq, &chip, NULL, 0);
	line = 0;
	sync_cuda();
}

static void teardown(void)
{
	fake_vm_destroy(&f);
}

START_TEST(cuda_commands)
{
	uint8_t r[16];
	int64_t t;

	ck_assert_int_eq(REQ(r, 1, 0x01, 1), 3);		/* AUTOPOLL on */
	ck_assert_mem_eq(r, ((uint8_t[]){ 1, 0, 1 }), 3);
	ck_assert(v.autopoll);
	ck_assert_int_eq(REQ(r, 1, 0x03), 7);			/* GET_TIME */
	ck_assert_mem_eq(r, ((uint8_t[]){ 1, 0, 3 }), 3);
	t = (int64_t)((uint32_t)r[3] << 24 | (uint32_t)r[4] << 16 | (uint32_t)r[5] << 8 | r[6]);
	ck_assert(t >= host_mac_localtime() - 2 && t <= host_mac_localtime());
	/* SET_TIME one day back: the clock keeps that offset */
	t -= 86400;
	ck_assert_int_eq(REQ(r, 1, 0x09, (uint8_t)(t >> 24), (uint8_t)(t >> 16),
			     (uint8_t)(t >> 8), (uint8_t)t), 3);
	ck_assert_int_eq(REQ(r, 1, 0x03), 7);
	ck_assert_int_le(llabs((int64_t)((uint32_t)r[3] << 24 | (uint32_t)r[4] << 16 |
				   (uint32_t)r[5] << 8 | r[6]) - t), 2);
	ck_assert_int_eq(REQ(r, 1, 0x19, 0x00, 0x0c), 3);	/* SET_DEVICE_LIST */
	ck_assert_int_eq(REQ(r, 1, 0x1a), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 1, 0, 0x1a, 0x00, 0x0c }), 5);
	/* errors: an unknown command, bad parameters, a short SET_TIME */
	ck_assert_int_eq(REQ(r, 1, 0x77), 4);
	ck_assert_mem_eq(r, ((uint8_t[]){ 2, 2, 1, 0x77 }), 4);
	ck_assert_int_eq(REQ(r, 1, 0x25, 0, 0, 0), 4);
	ck_assert_mem_eq(r, ((uint8_t[]){ 2, 5, 1, 0x25 }), 4);
	ck_assert_int_eq(REQ(r, 1, 0x09, 1), 4);
	ck_assert_int_eq(REQ(r, 7, 0x00), 4);			/* no such packet type */
	ck_assert_mem_eq(r, ((uint8_t[]){ 2, 2, 7, 0 }), 4);
	/* more than Cuda's 16 bytes: cut, still answered */
	ck_assert_int_eq(REQ(r, 1, 0x1a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
			     17, 18), 5);
	ck_assert(!vm_stopping(&f.vm));
	ck_assert_int_eq(REQ(r, 1, 0x0a), 3);			/* POWERDOWN */
	ck_assert(vm_stopping(&f.vm));
	ck_assert_int_eq(f.vm.exit_code, MOLVM_EXIT_POWEROFF);
}
END_TEST

START_TEST(restart_ends_the_vm)
{
	uint8_t r[8];

	ck_assert_int_eq(REQ(r, 1, 0x11), 3);			/* RESET_SYSTEM */
	ck_assert(vm_stopping(&f.vm));
	ck_assert_int_eq(f.vm.exit_code, MOLVM_EXIT_POWEROFF);
}
END_TEST

START_TEST(adb_scan)
{
	uint8_t r[16];
	int a;

	/* Linux adb_scan_bus: talk register 3 at every address */
	for (a = 1; a < 16; a++) {
		int n = REQ(r, 0, (uint8_t)(a << 4 | 0x0f));

		if (a == 2 || a == 3) {
			ck_assert_int_eq(n, 5);
			ck_assert_uint_eq(r[1] & 2, 0);
			ck_assert_uint_eq(r[3] & 0x0f, a);
			ck_assert_uint_eq(r[4], 2);		/* handler IDs */
		} else {
			ck_assert_int_eq(n, 3);
			ck_assert_uint_eq(r[1], 2);		/* timeout */
		}
	}
	/* move the keyboard to 15 and back */
	ck_assert_int_eq(REQ(r, 0, 0x2b, 0x6f, 0xfe), 3);
	ck_assert_int_eq(REQ(r, 0, 0xff), 5);
	ck_assert_int_eq(REQ(r, 0, 0x2f), 3);
	ck_assert_int_eq(REQ(r, 0, 0xfb, 0x62, 0xfe), 3);
	ck_assert_int_eq(REQ(r, 0, 0x2f), 5);
	/* a move onto the mouse's address does not happen */
	ck_assert_int_eq(REQ(r, 0, 0x2b, 0x63, 0xfe), 3);
	ck_assert_int_eq(REQ(r, 0, 0x2f), 5);
	/* handler changes: keyboard 3 yes, 9 no; mouse 1 yes, 4 no */
	ck_assert_int_eq(REQ(r, 0, 0x2b, 0x22, 3), 3);
	ck_assert_int_eq(REQ(r, 0, 0x2f), 5);
	ck_assert_uint_eq(r[4], 3);
	ck_assert_uint_eq(r[3], 0x62);				/* SRQ enabled */
	ck_assert_int_eq(REQ(r, 0, 0x2b, 0x22, 9), 3);
	ck_assert_int_eq(REQ(r, 0, 0x3b, 0x23, 1), 3);
	ck_assert_int_eq(REQ(r, 0, 0x3b, 0x23, 4), 3);
	ck_assert_int_eq(REQ(r, 0, 0x2f), 5);
	ck_assert_uint_eq(r[4], 3);
	ck_assert_int_eq(REQ(r, 0, 0x3f), 5);
	ck_assert_uint_eq(r[4], 1);
	/* talk register 0 with nothing to say, a bad listen: timeouts */
	ck_assert_int_eq(REQ(r, 0, 0x2c), 3);
	ck_assert_uint_eq(r[1], 2);
	ck_assert_int_eq(REQ(r, 0, 0x2b, 0x22), 3);
	ck_assert_uint_eq(r[1], 2);
	/* keyboard register 2: modifiers and LEDs (listened) */
	ck_assert_int_eq(REQ(r, 0, 0x2a, 0xff, 0xfb), 3);
	ck_assert_int_eq(REQ(r, 0, 0x2e), 5);
	ck_assert_uint_eq(r[4], 0xfb);
	/* bus reset */
	ck_assert_int_eq(REQ(r, 0, 0x00), 3);
	ck_assert_uint_eq(r[1], 0);
}
END_TEST

static void key(uint16_t code, bool down)
{
	struct input_event ev = { .kind = INPUT_KEY, .code = code, .down = down };

	via_cuda_input(&v, &ev);
}

START_TEST(autopoll_packets)
{
	struct input_event mv = { .kind = INPUT_MOUSE_REL, .dx = 5, .dy = -3 };
	struct input_event btn = { .kind = INPUT_MOUSE_BUTTON, .button = 0, .down = true };
	uint8_t r[16];

	/* without autopoll a key waits for a talk */
	key(KEY_A, true);
	ck_assert(!treq());
	ck_assert_int_eq(REQ(r, 0, 0x2c), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0, 0x2c, 0x00, 0xff }), 5);
	ck_assert_int_eq(REQ(r, 1, 0x01, 1), 3);
	ck_assert_int_eq(line, 0);
	/* with it, Cuda starts a transfer: TREQ, and the SR interrupt */
	key(KEY_A, false);
	ck_assert(treq());
	ck_assert_int_eq(line, 1);
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x2c, 0x80, 0xff }), 5);
	ck_assert(!treq());
	/* a key queued while a packet is under way comes in the next one */
	key(KEY_B, true);
	key(KEY_B, false);
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x2c, 0x0b, 0xff }), 5);
	ck_assert(treq());
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x2c, 0x8b, 0xff }), 5);
	/* two keys queued before Cuda polls: one packet */
	wr(B, rd(B) & ~TIP);	/* (the host busy: TIP asserted) */
	key(KEY_C, true);
	key(KEY_C, false);
	wr(B, rd(B) | TIP);
	rd(SR);			/* Cuda looks again when SR is read */
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x2c, 0x08, 0x88 }), 5);
	/* the mouse: Y then X, bit 7 = button up */
	via_cuda_input(&v, &mv);
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x3c, 0x80 | 0x7d, 0x80 | 0x05 }), 5);
	via_cuda_input(&v, &btn);
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x3c, 0x00, 0x80 }), 5);
	/* unmapped keys are dropped */
	key(KEY_MAX, true);
	ck_assert(!treq());
}
END_TEST

START_TEST(collision)
{
	uint8_t r[16];
	uint8_t b;

	ck_assert_int_eq(REQ(r, 1, 0x01, 1), 3);
	/* the host looked at TREQ, then a key came, then the host started */
	b = rd(B);
	ck_assert(b & TREQ);
	key(KEY_C, true);
	wr(ACR, rd(ACR) | SR_OUT);
	wr(SR, 1);
	wr(B, rd(B) & ~TIP);
	ck_assert(sr_int());
	wr(IFR, SR_INT);
	ck_assert(treq());				/* sent_first_byte sees the collision */
	wr(ACR, rd(ACR) & ~SR_OUT);
	rd(SR);
	wr(B, rd(B) | TIP | TACK);
	/* Cuda sends its packet, whole, then the host's request goes */
	ck_assert(treq());
	ck_assert_int_eq(read_packet(r, sizeof(r)), 5);
	ck_assert_mem_eq(r, ((uint8_t[]){ 0, 0x40, 0x2c, 0x08, 0xff }), 5);
	ck_assert_int_eq(REQ(r, 1, 0x03), 7);
}
END_TEST

START_TEST(via_registers)
{
	/* IER: bit 7 selects set or clear; reads with bit 7 set */
	ck_assert_uint_eq(rd(IER), 0x80 | SR_INT);
	wr(IER, 0x80 | T1_INT | T2_INT);
	ck_assert_uint_eq(rd(IER), 0x80 | SR_INT | T1_INT | T2_INT);
	wr(IER, T2_INT);
	ck_assert_uint_eq(rd(IER), 0x80 | SR_INT | T1_INT);
	/* IFR: a flag without enable does not raise the line */
	wr(IER, SR_INT);
	wr(B, rd(B) & ~TACK);				/* a sync: SR flag */
	ck_assert_uint_eq(rd(IFR), SR_INT);
	ck_assert_int_eq(line, 0);
	wr(IER, 0x80 | SR_INT);
	ck_assert_uint_eq(rd(IFR), 0x80 | SR_INT);
	ck_assert_int_eq(line, 1);
	wr(IFR, SR_INT);				/* writing 1 clears */
	ck_assert_uint_eq(rd(IFR), 0);
	ck_assert_int_eq(line, 0);
	wr(B, rd(B) | TACK);
	/* port B: TREQ is Cuda's, the outputs as written */
	ck_assert_uint_eq(rd(DIRB), TIP | TACK);
	wr(B, 0xff);
	ck_assert_uint_eq(rd(B), TIP | TACK | TREQ);
	/* the plain registers keep their values */
	wr(PCR, 0x5a);
	wr(DIRA, 0xf0);
	wr(A, 0xff);
	ck_assert_uint_eq(rd(PCR), 0x5a);
	ck_assert_uint_eq(rd(A), 0xf0);
	ck_assert_uint_eq(rd(ANH), 0xf0);
}
END_TEST

/* VIA ticks in ns: 60000 / 47 */
static void advance_ticks(uint64_t ticks)
{
	now_ns += (ticks * 60000 + 46) / 47;
}

START_TEST(via_timers)
{
	uint16_t c1, c2;

	/* Linux's via_calibrate_decr: T1 free-running with latch 47000 */
	wr(ACR, (rd(ACR) & 0x3f) | 0x40);
	wr(T1CH, 2);					/* counter 0x200 */
	wr(T1LL, 47000 & 0xff);
	wr(T1LH, 47000 >> 8);
	c1 = (uint16_t)(rd(T1CL) | rd(T1CH) << 8);
	ck_assert_uint_eq(c1, 0x200);
	advance_ticks(0x100);
	c2 = (uint16_t)(rd(T1CL) | rd(T1CH) << 8);
	ck_assert_uint_eq(c2, 0x100);
	ck_assert_uint_eq(rd(IFR) & T1_INT, 0);
	advance_ticks(0x101);				/* through 0: the underflow */
	ck_assert_uint_eq(rd(IFR) & T1_INT, T1_INT);
	rd(T1CL);					/* clears it */
	ck_assert_uint_eq(rd(IFR) & T1_INT, 0);
	advance_ticks(47000);
	ck_assert_uint_eq(rd(IFR) & T1_INT, 0);
	advance_ticks(2);				/* latch + 2 */
	ck_assert_uint_eq(rd(IFR) & T1_INT, T1_INT);
	/* enabled, the flag raises the line (at this access) */
	wr(IER, 0x80 | T1_INT);
	ck_assert_int_eq(line, 1);
	wr(IER, T1_INT);
	ck_assert_int_eq(line, 0);

	/* one-shot: the flag once, the counter wraps on */
	wr(ACR, rd(ACR) & 0x3f);
	wr(T1CL, 10);
	wr(T1CH, 0);
	ck_assert_uint_eq(rd(IFR) & T1_INT, 0);
	advance_ticks(11);
	ck_assert_uint_eq(rd(IFR) & T1_INT, T1_INT);
	rd(T1CL);
	advance_ticks(100000);
	ck_assert_uint_eq(rd(IFR) & T1_INT, 0);
	/* T2: one-shot */
	wr(T2CL, 0x34);
	wr(T2CH, 0x12);
	ck_assert_uint_eq(rd(T2CH), 0x12);
	advance_ticks(0x1235);
	ck_assert_uint_eq(rd(IFR) & T2_INT, T2_INT);
	ck_assert_uint_eq(rd(T2CL), 0xff);		/* wrapped to 0xffff, flag cleared */
	ck_assert_uint_eq(rd(IFR) & T2_INT, 0);
	advance_ticks(0x20000);
	ck_assert_uint_eq(rd(IFR) & T2_INT, 0);
}
END_TEST

/* With the real clock and the thread: an enabled T2 interrupt comes by
 * itself (no VIA access), and goes when acknowledged. */
START_TEST(timer_interrupt_thread)
{
	int i;

	via_cuda_init(&v, &f.vm, NULL);
	irq_connect(&v.irq, &chip, NULL, 0);
	line = 0;
	ck_assert_int_eq(via_cuda_start(&v), 0);
	wr(IER, 0x80 | T2_INT);
	wr(T2CL, 100);
	wr(T2CH, 0);				/* ~128 us */
	for (i = 0; i < 5000 && !line; i++)
		usleep(1000);
	ck_assert_int_eq(line, 1);
	ck_assert_uint_eq(rd(IFR), 0x80 | T2_INT);
	rd(T2CL);
	ck_assert_int_eq(line, 0);
	via_cuda_stop(&v);
}
END_TEST

START_TEST(bad_accesses)
{
	uint8_t d[4] = { 0xff, 0xff, 0xff, 0xff };

	via_cuda_access(&v, IER * VIA_REG_STRIDE, d, 2, false);
	ck_assert_uint_eq(d[0] | d[1], 0);
	d[0] = 0x7f;
	via_cuda_access(&v, IER * VIA_REG_STRIDE, d, 4, true);	/* ignored */
	via_cuda_access(&v, VIA_WINDOW, d, 1, true);
	via_cuda_access(&v, 0xffffffff, d, 1, true);
	ck_assert_uint_eq(rd(IER), 0x80 | SR_INT);
	/* the rest of each 0x200 stride is the same register */
	via_cuda_access(&v, IER * VIA_REG_STRIDE + 0x1ff, d, 1, false);
	ck_assert_uint_eq(d[0], 0x80 | SR_INT);
	/* a one-byte packet gets no reply and leaves Cuda idle */
	wr(ACR, rd(ACR) | SR_OUT);
	wr(SR, 1);
	wr(B, rd(B) & ~TIP);
	wr(IFR, SR_INT);
	wr(B, rd(B) | TIP | TACK);
	ck_assert(!treq());
	rd(SR);
	wr(IFR, SR_INT);
	{
		uint8_t r[8];

		ck_assert_int_eq(REQ(r, 1, 0x01, 0), 3);
	}
}
END_TEST

Suite *via_cuda_suite(void)
{
	Suite *s = suite_create("via_cuda");
	TCase *tc = tcase_create("cuda");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cuda_commands);
	tcase_add_test(tc, restart_ends_the_vm);
	tcase_add_test(tc, adb_scan);
	tcase_add_test(tc, autopoll_packets);
	tcase_add_test(tc, collision);
	tcase_add_test(tc, via_registers);
	tcase_add_test(tc, via_timers);
	tcase_add_test(tc, timer_interrupt_thread);
	tcase_add_test(tc, bad_accesses);
	suite_add_tcase(s, tc);
	return s;
}
