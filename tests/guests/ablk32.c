// SPDX-License-Identifier: GPL-2.0
/*
 * ablk32: MOL's ABLK block device as its driver uses it.  The scenario
 * gives two drives: unit 0 a read-write image whose 512-byte sector n holds
 * "SECT", n (big-endian 32-bit), then 504 bytes of n & 0xff; unit 1 the
 * same image read-only.  The guest reads through SYNC_READ and through the
 * request ring (completion by interrupt, acknowledged with ABLK_IRQ_ACK
 * from its 0x500 handler, irqvec32.S), writes sectors 200-201 through the
 * ring and sector 300 with SYNC_WRITE; the scenario checks those bytes in
 * the image file.
 */
#include "ablk_ring.h"
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#define OSI_PIC_UNMASK_IRQ	61
#define IRQ_ABLK		5	/* the mol-blk node's "interrupts" */

/* ablk_sh.h */
#define ABLK_START		3
#define ABLK_READ_REQ		1
#define ABLK_WRITE_REQ		2
#define ABLK_RAISE_IRQ		4
#define ABLK_SG_BUF		8
#define ABLK_NOP_REQ		0x100

#define RING_N			16

void ext_handler(void);
void dec_handler(void);
volatile unsigned int irq_count, irq_acks, irq_last_active;
volatile unsigned int irq_ack_sel = OSI_ABLK_IRQ_ACK, irq_ack_arg, irq_ack_r4;

static volatile struct desc ring_mem[RING_N] __attribute__((aligned(64)));
static struct ablk_ring ring = { ring_mem, RING_N, 0 };
static unsigned char buf[8192] __attribute__((aligned(512)));

static int sector_ok(const unsigned char *p, unsigned int n)
{
	unsigned int i;

	if (p[0] != 'S' || p[1] != 'E' || p[2] != 'C' || p[3] != 'T')
		return 0;
	if (((unsigned int)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7]) != n)
		return 0;
	for (i = 8; i < 512; i++)
		if (p[i] != (n & 0xff))
			return 0;
	return 1;
}

/* Kick and wait for the interrupt whose ack reports total requests done. */
static int run_ring(unsigned int total)
{
	unsigned int ms;

	osi_call1(OSI_ABLK_KICK, 0);
	guest_set_ee(1);
	for (ms = 0; ms < 5000 && irq_ack_r4 < total; ms++)
		osi_call1(OSI_USLEEP, 1000);
	guest_set_ee(0);
	return irq_ack_r4 >= total;
}

void guest_main(void)
{
	unsigned long r[6];
	unsigned int i, ok, done = 0;
	struct desc d[3];
	static const char msg[] = "molvm ablk sync write";

	con_set_writer(osi_writer);
	con_puts("ablk32: OSI block device\n");
	guest_set_vector(0x500, (unsigned long)ext_handler);
	guest_set_vector(0x900, (unsigned long)dec_handler);
	__asm__ volatile("mtdec %0" : : "r"(0x7fffffffUL));

	tap("DISK_INFO(unit 0) succeeds",
	    osi_ret32(osi_call5r(OSI_ABLK_DISK_INFO, 0, 0, 0, 0, 0, r)) == 0, 0);
	con_puts("ablk32: unit 0 blocks ");
	con_dec(r[0]);
	con_puts(" flags 0x");
	con_hex(r[1], 0);
	con_putc('\n');
	tap("unit 0: 2048 blocks, media present", r[0] == 2048 && (r[1] & 4), r[0]);
	osi_call5r(OSI_ABLK_DISK_INFO, 0, 1, 0, 0, 0, r);
	tap("unit 1 is read-only", (r[1] & 1) == 1, r[1]);
	tap("DISK_INFO(unit 2) is -1",
	    osi_ret32(osi_call5r(OSI_ABLK_DISK_INFO, 0, 2, 0, 0, 0, r)) == 0xffffffffU, 0);

	/* Synchronous read of sector 5 */
	tap("SYNC_READ sector 5",
	    osi_ret32(osi_call5(OSI_ABLK_SYNC_READ, 0, 0, 5, (unsigned long)buf, 512)) == 0, 0);
	tap("sector 5 holds its pattern", sector_ok(buf, 5), buf[7]);

	/* The ring: 16 slots, interrupt on completion */
	tap("RING_SETUP", osi_ret32(osi_call5(OSI_ABLK_RING_SETUP, 0, (unsigned long)ring_mem,
					      RING_N, 0, 0)) == 0, 0);
	tap("CNTRL start", osi_ret32(osi_call5(OSI_ABLK_CNTRL, 0, ABLK_START, 0, 0, 0)) == 0, 0);
	ring.tail = 0;
	osi_call1(OSI_PIC_UNMASK_IRQ, IRQ_ABLK);

	/* read sectors 100..115 (8 KiB) into two 4 KiB buffers */
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = 0;
	d[0] = (struct desc){ ABLK_READ_REQ | ABLK_RAISE_IRQ, 0, 0, 100 };
	d[1] = (struct desc){ ABLK_SG_BUF, 0, (unsigned long)buf, 4096 };
	d[2] = (struct desc){ ABLK_SG_BUF, 0, (unsigned long)buf + 4096, 4096 };
	ablk_submit(&ring, d, 3);
	done += 3;
	tap("ring read completes by interrupt", run_ring(done), irq_ack_r4);
	for (ok = 1, i = 0; i < 16; i++)
		ok &= sector_ok(buf + 512 * i, 100 + i);
	tap("sectors 100-115 read through the ring hold their patterns", ok, 0);
	tap("the ABLK interrupt was the active source", irq_last_active == 1U << IRQ_ABLK,
	    irq_last_active);

	/* write sectors 200..201 through the ring */
	for (i = 0; i < 1024; i++)
		buf[i] = (unsigned char)(0xc0 + i % 16);
	d[0] = (struct desc){ ABLK_WRITE_REQ | ABLK_RAISE_IRQ, 0, 0, 200 };
	d[1] = (struct desc){ ABLK_SG_BUF, 0, (unsigned long)buf, 1024 };
	ablk_submit(&ring, d, 2);
	done += 2;
	tap("ring write completes by interrupt", run_ring(done), irq_ack_r4);

	/* Two reads the way MOL's drivers flag them (OS X MolBlockDriver
	 * processRequest): ABLK_RAISE_IRQ on each request's last buffer, so
	 * molvm interrupts after the first while the second is still queued,
	 * and again when the ring stalls. */
	{
		struct desc q[4];
		unsigned int irqs = irq_count;

		for (i = 0; i < 1024; i++)
			buf[i] = 0;
		q[0] = (struct desc){ ABLK_READ_REQ, 0, 0, 120 };
		q[1] = (struct desc){ ABLK_SG_BUF | ABLK_RAISE_IRQ, 0, (unsigned long)buf, 512 };
		q[2] = (struct desc){ ABLK_READ_REQ, 0, 0, 121 };
		q[3] = (struct desc){ ABLK_SG_BUF | ABLK_RAISE_IRQ, 0, (unsigned long)buf + 512,
				      512 };
		ablk_submit(&ring, q, 4);
		done += 4;
		tap("two requests with flagged last buffers complete by interrupt",
		    run_ring(done) && irq_count > irqs, irq_ack_r4);
		tap("sectors 120-121 read through the flagged requests",
		    sector_ok(buf, 120) && sector_ok(buf + 512, 121), buf[7]);
	}

	/* read it back synchronously */
	for (i = 0; i < 1024; i++)
		buf[i] = 0;
	osi_call5(OSI_ABLK_SYNC_READ, 0, 0, 200, (unsigned long)buf, 1024);
	for (ok = 1, i = 0; i < 1024; i++)
		ok &= buf[i] == (unsigned char)(0xc0 + i % 16);
	tap("sectors 200-201 read back what the ring wrote", ok, buf[0]);

	/* SYNC_WRITE sector 300, and the read-only unit refuses writes */
	for (i = 0; i < 512; i++)
		buf[i] = i < sizeof(msg) ? (unsigned char)msg[i] : 0;
	tap("SYNC_WRITE sector 300",
	    osi_ret32(osi_call5(OSI_ABLK_SYNC_WRITE, 0, 0, 300, (unsigned long)buf, 512)) == 0, 0);
	tap("SYNC_WRITE to the read-only unit is -1",
	    osi_ret32(osi_call5(OSI_ABLK_SYNC_WRITE, 0, 1, 300, (unsigned long)buf, 512)) ==
	    0xffffffffU, 0);
	con_puts("ablk32: interrupts ");
	con_dec(irq_count);
	con_putc('\n');
	con_puts("ablk32: done\n");
	osi_exit();
}
