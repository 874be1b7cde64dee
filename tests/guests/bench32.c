// SPDX-License-Identifier: GPL-2.0
/*
 * bench32: the powermac machine's costs, timed with the 64-bit timebase:
 *   - BENCH_N OSI round trips (CALL_AVAILABLE), as bench64 does;
 *   - with an ABLK drive (unit 0): reading the whole image through the
 *     request ring, 4 KiB and then 64 KiB per request, QUEUE requests per
 *     kick, completion by interrupt (irqvec32.S acks with ABLK_IRQ_ACK).
 * Lines: "bench: osi32 n=N tb=T" and "bench: ablk size=S bytes=B tb=T".
 * Without a drive (bare KVM loop) only the OSI part runs.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#ifndef BENCH_N
#define BENCH_N		10000
#endif
#define WARMUP		100
#define OSI_PIC_UNMASK_IRQ	61
#define IRQ_ABLK		5
#define RING_N		64
#define QUEUE		16		/* requests (2 descriptors each) per kick */
#define MAX_REQ		(64 * 1024)

struct desc {
	unsigned int flags, proceed, a, b;
};

void ext_handler(void);
void dec_handler(void);
volatile unsigned int irq_count, irq_acks, irq_last_active;
volatile unsigned int irq_ack_sel = OSI_ABLK_IRQ_ACK, irq_ack_arg, irq_ack_r4;

static volatile struct desc ring[RING_N] __attribute__((aligned(64)));
static unsigned int tail;
static unsigned char buf[QUEUE][MAX_REQ] __attribute__((aligned(4096)));

static unsigned long long tb64(void)
{
	unsigned long hi, lo, hi2;

	do {
		__asm__ volatile("mftbu %0; mftb %1; mftbu %2" : "=r"(hi), "=r"(lo), "=r"(hi2));
	} while (hi != hi2);
	return (unsigned long long)hi << 32 | lo;
}

static void put_u64(unsigned long long v)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + (unsigned int)(v % 10));
		v /= 10;
	} while (v);
	while (n)
		con_putc(d[--n]);
}

static void put_desc(unsigned int slot, unsigned int flags, unsigned int a, unsigned int b,
		     unsigned int proceed)
{
	ring[slot].flags = flags;
	ring[slot].a = a;
	ring[slot].b = b;
	ring[slot].proceed = proceed;
}

/* Read [0, bytes) in requests of size req; returns the timebase ticks. */
static unsigned long long ablk_read_all(unsigned int bytes, unsigned int req)
{
	unsigned long long t0 = tb64();
	unsigned int pos = 0, done = irq_ack_r4, want = irq_ack_r4, q, prev;

	while (pos < bytes) {
		prev = tail;
		for (q = 0; q < QUEUE && pos < bytes; q++, pos += req) {
			unsigned int s1 = (tail + 1) % RING_N, s2 = (tail + 2) % RING_N;

			put_desc(s1, 1 /* read */, 0, pos / 512, 1);
			put_desc(s2, 8 /* sg */, (unsigned long)buf[q], req, 0);
			if (q)
				ring[tail].proceed = 1;
			tail = s2;
			want += 2;
		}
		__asm__ volatile("sync" ::: "memory");
		ring[prev].proceed = 1;
		__asm__ volatile("sync" ::: "memory");
		osi_call1(OSI_ABLK_KICK, 0);
		guest_set_ee(1);
		while (irq_ack_r4 < want)
			;
		guest_set_ee(0);
		done = irq_ack_r4;
	}
	(void)done;
	return tb64() - t0;
}

void guest_main(void)
{
	unsigned long long t0, t1;
	unsigned long r[6];
	unsigned int i, bytes;
	static const unsigned int sizes[] = { 4096, 65536 };

	for (i = 0; i < WARMUP; i++)
		osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC);
	t0 = tb64();
	for (i = 0; i < BENCH_N; i++)
		osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC);
	t1 = tb64();
	con_set_writer(osi_writer);
	con_puts("bench: osi32 n=");
	con_dec(BENCH_N);
	con_puts(" tb=");
	put_u64(t1 - t0);
	con_putc('\n');

	if (osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_ABLK_KICK)) == 1 &&
	    osi_ret32(osi_call5r(OSI_ABLK_DISK_INFO, 0, 0, 0, 0, 0, r)) == 0) {
		bytes = (unsigned int)r[0] * 512;
		guest_set_vector(0x500, (unsigned long)ext_handler);
		guest_set_vector(0x900, (unsigned long)dec_handler);
		__asm__ volatile("mtdec %0" : : "r"(0x7fffffffUL));
		osi_call5(OSI_ABLK_RING_SETUP, 0, (unsigned long)ring, RING_N, 0, 0);
		osi_call2(OSI_ABLK_CNTRL, 0, 3);
		tail = 0;
		osi_call1(OSI_PIC_UNMASK_IRQ, IRQ_ABLK);
		for (i = 0; i < 2; i++) {
			unsigned long long t = ablk_read_all(bytes, sizes[i]);

			con_puts("bench: ablk size=");
			con_dec(sizes[i]);
			con_puts(" bytes=");
			con_dec(bytes);
			con_puts(" tb=");
			put_u64(t);
			con_putc('\n');
		}
	}
	osi_exit();
}
