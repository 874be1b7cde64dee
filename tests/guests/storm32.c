// SPDX-License-Identifier: GPL-2.0
/*
 * storm32: a hostile driver of MOL's ring devices on powermac (run with
 * -m 256, one read-write 64 MiB -drive, -netdev): ABLK and ENET2 rings in
 * guest RAM set up across the end of RAM, descriptors with bad units,
 * buffers past RAM and of 4 GiB, an ABLK ring of requests that add up to
 * gigabytes, the engine reset in the middle, synchronous reads of 64 MiB,
 * a transmit ring of 4096 frames of 64 KiB, receive buffers outside RAM,
 * and a thousand start-fail-restart rounds of each device (each failure
 * used to print a line).  Each case checks molvm's answer.  Then, as a
 * well-behaved driver, it writes 8 sectors through the ring (checked on
 * the disk by the scenario) and sends a frame.
 *
 * powermac has no kernel command line: NVRAM byte 0 (-nvram FILE) = 's'
 * makes it skip all that and storm for ever (the worst cases in a loop),
 * for the host to time how fast molvm still answers SIGTERM, -qmp quit,
 * Ctrl-a x and --timeout.
 */
#include "ablk_ring.h"
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#define OSI_ENET2_OPEN		68
#define OSI_ENET2_CNTRL		70
#define OSI_ENET2_RING_SETUP	71
#define OSI_ENET2_KICK		72
#define OSI_ENET2_IRQ_ACK	74
#define OSI_ABLK_RING_SETUP	79
#define OSI_ABLK_CNTRL		80
#define OSI_ABLK_KICK		82
#define OSI_ABLK_IRQ_ACK	83
#define OSI_ABLK_SYNC_READ	84
#define OSI_ABLK_SYNC_WRITE	85

/* ablk_sh.h */
#define ABLK_RESET		1
#define ABLK_STOP		2
#define ABLK_START		3
#define ABLK_READ_REQ		1
#define ABLK_WRITE_REQ		2
#define ABLK_SG_BUF		8
#define ABLK_NOP_REQ		0x100
/* enet2_sh.h */
#define ENET2_START		1
#define ENET2_STOP		2
#define ENET2_SPLIT		1

#define RAM_SIZE	(256UL << 20)
#define DISK_SIZE	(64UL << 20)
#define ERR		0xffffffffU

/* Guest RAM layout. */
#define ABLK_RING	0x100000UL	/* up to 64 Ki descriptors: 1 MiB */
#define ENET_RX		0x200000UL
#define ENET_TX		0x210000UL	/* 4096 slots: 64 KiB */
#define ENET_RX_OF	0x220000UL
#define ENET_TX_OF	0x230000UL
#define SMALL_BUF	0x300000UL	/* 64 KiB */
#define CHECK_BUF	0x310000UL	/* 4 KiB */
#define FRAME_BUF	0x320000UL	/* 64 KiB */
#define BIG_BUF		0x4000000UL	/* 64 MiB at 64 MiB */

#define CHECK_SECTOR	4096
#define CHECK_SECTORS	8

struct el {
	unsigned int buf, bsize, psize, flags;
};

static struct ablk_ring ring = { (volatile struct desc *)ABLK_RING, 16, 0 };

static unsigned int osi(unsigned long sel, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3, unsigned long a4)
{
	return osi_ret32(osi_call5(sel, a0, a1, a2, a3, a4));
}

static void sync(void)
{
	__asm__ volatile("sync" ::: "memory");
}

/* ---- ABLK -------------------------------------------------------------- */

static int ablk_setup(unsigned int n)
{
	unsigned int i;

	osi(OSI_ABLK_CNTRL, 0, ABLK_RESET, 0, 0, 0);
	for (i = 0; i < n; i++)
		ring.d[i] = (struct desc){ 0, 0, 0, 0 };
	ring.n = n;
	ring.tail = 0;
	return osi(OSI_ABLK_RING_SETUP, 0, ABLK_RING, n, 0, 0) == 0 &&
	       osi(OSI_ABLK_CNTRL, 0, ABLK_START, 0, 0, 0) == 0;
}

/* Poll IRQ_ACK until the engine is idle (r5 = 0); r4 = requests done. */
static unsigned int ablk_wait(unsigned int ms)
{
	unsigned long r[6];
	unsigned int t, count = 0;

	for (t = 0; t < ms; t++) {
		if (osi_ret32(osi_call5r(OSI_ABLK_IRQ_ACK, 0, 0, 0, 0, 0, r)) == 1) {
			count = (unsigned int)r[0];
			if (!r[1])
				return count;
		}
		osi_call1(OSI_USLEEP, 1000);
	}
	return count;
}

static void print_ms(const char *what, unsigned long ticks)
{
	con_puts("storm32: ");
	con_puts(what);
	con_puts(" ");
	con_dec(ticks);
	con_puts(" ms\n");
}

/* The 64-bit timebase, kept in units of 256 ticks so that durations of
 * minutes divide in 32 bits (no libgcc here). */
static unsigned long tb256(void)
{
	unsigned long hi, lo, hi2;

	do {
		__asm__ volatile("mftbu %0" : "=r"(hi));
		__asm__ volatile("mftb %0" : "=r"(lo));
		__asm__ volatile("mftbu %0" : "=r"(hi2));
	} while (hi != hi2);
	return hi << 24 | lo >> 8;
}

static unsigned long tb256_per_ms;

static unsigned long ms_since(unsigned long tb0)
{
	return (tb256() - tb0) / tb256_per_ms;
}

static void ablk_hostile(void)
{
	struct desc d[2];
	unsigned long tb0;
	unsigned int i, n, bad;

	tap("ABLK: a ring straddling the end of RAM is refused",
	    osi(OSI_ABLK_RING_SETUP, 0, RAM_SIZE - 8 * 16, 16, 0, 0) == ERR, 0);
	tap("ABLK: a ring of 3 descriptors is refused",
	    osi(OSI_ABLK_RING_SETUP, 0, ABLK_RING, 3, 0, 0) == ERR, 0);

	ablk_setup(16);
	d[0] = (struct desc){ ABLK_READ_REQ, 0, 7, 0 };		/* unit 7 */
	ablk_submit(&ring, d, 1);
	osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
	n = ablk_wait(2000);
	tap("ABLK: a request for unit 7 stops the engine with nothing done, and it restarts",
	    n == 0 && osi(OSI_ABLK_CNTRL, 0, ABLK_START, 0, 0, 0) == 0, n);

	/* Buffers the engine must refuse: past RAM, 4 GiB, past the disk. */
	{
		static const unsigned int bufs[][2] = {
			{ RAM_SIZE + 0x1000, 512 }, { RAM_SIZE - 256, 512 },
			{ SMALL_BUF, 0xffffffffU }, { 0, RAM_SIZE },
		};

		for (i = 0, bad = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
			ablk_setup(16);
			d[0] = (struct desc){ ABLK_READ_REQ, 0, 0, i == 3 ? 0x1fffff : 0 };
			d[1] = (struct desc){ ABLK_SG_BUF, 0, bufs[i][0], bufs[i][1] };
			ablk_submit(&ring, d, 2);
			osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
			/* The engine stops at the bad buffer: the request is
			 * counted, the buffer is not. */
			n = ablk_wait(5000);
			bad += n != 1;
		}
		tap("ABLK: buffers past RAM, across its end, of 4 GiB and past the disk stop the engine",
		    bad == 0, bad);
	}

	/* A kick that asks for 256 MiB: 4 requests of 64 MiB. */
	ablk_setup(64);
	for (i = 0; i < 4; i++) {
		d[0] = (struct desc){ ABLK_READ_REQ, 0, 0, 0 };
		d[1] = (struct desc){ ABLK_SG_BUF, 0, BIG_BUF, DISK_SIZE };
		ablk_submit(&ring, d, 2);
	}
	tb0 = tb256();
	osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
	print_ms("ABLK: the kick for 256 MiB of reads took", ms_since(tb0));
	n = ablk_wait(300000);
	print_ms("ABLK: 256 MiB of reads done after", ms_since(tb0));
	tap("ABLK: 4 requests of 64 MiB complete", n == 8, n);

	/* Stopped in the middle, then started again. */
	ablk_setup(64);
	for (i = 0; i < 4; i++) {
		d[0] = (struct desc){ ABLK_READ_REQ, 0, 0, 0 };
		d[1] = (struct desc){ ABLK_SG_BUF, 0, BIG_BUF, DISK_SIZE };
		ablk_submit(&ring, d, 2);
	}
	osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
	osi_call1(OSI_USLEEP, 20000);
	tb0 = tb256();
	osi(OSI_ABLK_CNTRL, 0, ABLK_RESET, 0, 0, 0);
	print_ms("ABLK: a reset in the middle of 256 MiB of reads took", ms_since(tb0));
	tap("ABLK: after a reset in the middle of the reads the ring starts again",
	    ablk_setup(16), 0);

	/* Synchronous requests: refused, and one of 64 MiB. */
	tap("ABLK: SYNC_READ of 4 GiB - 1 bytes is -1",
	    osi(OSI_ABLK_SYNC_READ, 0, 0, 0, SMALL_BUF, 0xffffffffU) == ERR, 0);
	tap("ABLK: SYNC_READ into a buffer past RAM is -1",
	    osi(OSI_ABLK_SYNC_READ, 0, 0, 0, RAM_SIZE - 256, 512) == ERR, 0);
	tb0 = tb256();
	tap("ABLK: SYNC_READ of 64 MiB succeeds",
	    osi(OSI_ABLK_SYNC_READ, 0, 0, 0, BIG_BUF, DISK_SIZE) == 0, 0);
	print_ms("ABLK: SYNC_READ of 64 MiB took", ms_since(tb0));

	/* A thousand rounds of start, a bogus descriptor, kick: molvm's
	 * report of the failure must not print a thousand lines. */
	for (i = 0; i < 1000; i++) {
		ablk_setup(16);
		d[0] = (struct desc){ 0x55, 0, 0, 0 };		/* bogus */
		ablk_submit(&ring, d, 1);
		osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
		ablk_wait(100);
	}
	tap("ABLK: 1000 failed starts, and the engine still starts",
	    ablk_setup(16), 0);
}

/* ---- ENET2 ------------------------------------------------------------- */

static volatile struct el *const rx = (volatile struct el *)ENET_RX;
static volatile struct el *const tx = (volatile struct el *)ENET_TX;

static int enet_start(unsigned int n)
{
	unsigned int i;

	osi(OSI_ENET2_CNTRL, ENET2_STOP, 0, 0, 0, 0);
	for (i = 0; i < n; i++) {
		rx[i] = (struct el){ FRAME_BUF, 1536, 0, 0 };
		tx[i] = (struct el){ 0, 0, 0, 0 };
	}
	return osi(OSI_ENET2_RING_SETUP, 1, ENET_RX, n, 0, 0) == 0 &&
	       osi(OSI_ENET2_RING_SETUP, 2, ENET_TX, n, 0, 0) == 0 &&
	       osi(OSI_ENET2_RING_SETUP, 3, ENET_RX_OF, n, 0, 0) == 0 &&
	       osi(OSI_ENET2_RING_SETUP, 4, ENET_TX_OF, n, 0, 0) == 0 &&
	       osi(OSI_ENET2_CNTRL, ENET2_START, 0, 0, 0, 0) == 0;
}

static void frame(unsigned int len)
{
	unsigned char *f = (unsigned char *)FRAME_BUF;
	unsigned int i;

	for (i = 0; i < 6; i++)
		f[i] = 0xff;
	f[6] = 0x02;
	f[12] = 0x88;
	f[13] = 0xb5;
	for (i = 14; i < len; i++)
		f[i] = (unsigned char)i;
}

static void enet_hostile(void)
{
	unsigned long tb0;
	unsigned int i, bad = 0;

	osi(OSI_ENET2_OPEN, 0, 0, 0, 0, 0);
	tap("ENET2: rings of 3, of 8192 and across the end of RAM are refused",
	    osi(OSI_ENET2_RING_SETUP, 1, ENET_RX, 3, 0, 0) == ERR &&
	    osi(OSI_ENET2_RING_SETUP, 2, ENET_TX, 8192, 0, 0) == ERR &&
	    osi(OSI_ENET2_RING_SETUP, 1, RAM_SIZE - 64, 16, 0, 0) == ERR, 0);

	/* Transmit slots the interface must refuse (KICK 1, interface down). */
	{
		static const struct el bad_tx[] = {
			{ RAM_SIZE + 0x1000, 0, 64, 0 },
			{ RAM_SIZE - 16, 0, 64, 0 },
			{ FRAME_BUF, 0, 0x20000, 0 },			/* 128 KiB */
			{ FRAME_BUF, 0, 0xffffffffU, 0 },
		};

		for (i = 0; i < sizeof(bad_tx) / sizeof(bad_tx[0]); i++) {
			enet_start(16);
			tx[0] = bad_tx[i];
			sync();
			bad += osi(OSI_ENET2_KICK, 0, 0, 0, 0, 0) != 1;
		}
		tap("ENET2: frames past RAM, across its end, of 128 KiB and 4 GiB are refused",
		    bad == 0, bad);
	}

	/* 4096 slots of 64 KiB frames in one kick. */
	enet_start(4096);
	frame(0x10000);
	for (i = 0; i < 4096; i++)
		tx[i] = (struct el){ FRAME_BUF, 0, 0x10000, 0 };
	sync();
	tb0 = tb256();
	bad = osi(OSI_ENET2_KICK, 0, 0, 0, 0, 0);
	print_ms("ENET2: the kick for 4096 frames of 64 KiB took", ms_since(tb0));
	/* molvm may send them in passes after the kick returned. */
	for (i = 0; i < 60000 && tx[4095].psize; i++)
		osi_call1(OSI_USLEEP, 1000);
	print_ms("ENET2: 4096 frames of 64 KiB sent after", ms_since(tb0));
	tap("ENET2: one kick sends 4096 frames of 64 KiB", bad == 0 && tx[4095].psize == 0,
	    tx[4095].psize);

	/* Receive buffers past RAM: the interface stops when frames come
	 * (the scenario's arping sends some). */
	enet_start(16);
	for (i = 0; i < 16; i++)
		rx[i] = (struct el){ RAM_SIZE - 8, 1536, 0, 0 };
	sync();

	/* A thousand start-fail rounds. */
	for (i = 0; i < 1000; i++) {
		enet_start(16);
		tx[0] = (struct el){ RAM_SIZE + 0x1000, 0, 64, 0 };
		sync();
		osi(OSI_ENET2_KICK, 0, 0, 0, 0, 0);
	}
	tap("ENET2: 1000 failed starts, and the interface still starts", enet_start(16), 0);
}

/* ---- after the storm ------------------------------------------------------- */

static unsigned char pattern(unsigned int sector, unsigned int i)
{
	return (unsigned char)(sector * 5 + i * 11 + 3);
}

static void well_behaved(void)
{
	unsigned char *w = (unsigned char *)SMALL_BUF, *r = (unsigned char *)CHECK_BUF;
	struct desc d[2];
	unsigned int i, bad = 0, n;

	tap("ABLK: after the storm the ring starts", ablk_setup(16), 0);
	for (i = 0; i < CHECK_SECTORS * 512; i++)
		w[i] = pattern(CHECK_SECTOR + i / 512, i % 512);
	d[0] = (struct desc){ ABLK_WRITE_REQ, 0, 0, CHECK_SECTOR };
	d[1] = (struct desc){ ABLK_SG_BUF, 0, SMALL_BUF, CHECK_SECTORS * 512 };
	ablk_submit(&ring, d, 2);
	osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
	n = ablk_wait(10000);
	for (i = 0; i < CHECK_SECTORS * 512; i++)
		r[i] = 0;
	if (osi(OSI_ABLK_SYNC_READ, 0, 0, CHECK_SECTOR, CHECK_BUF, CHECK_SECTORS * 512))
		bad = 1;
	for (i = 0; i < CHECK_SECTORS * 512; i++)
		bad += r[i] != w[i];
	tap("ABLK: after the storm 8 sectors are written through the ring and read back",
	    n == 2 && !bad, bad);

	tap("ENET2: after the storm the interface starts", enet_start(16), 0);
	frame(60);
	tx[0] = (struct el){ FRAME_BUF, 0, 60, 0 };
	sync();
	tap("ENET2: after the storm a frame is sent",
	    osi(OSI_ENET2_KICK, 0, 0, 0, 0, 0) == 0 && tx[0].psize == 0, tx[0].psize);
}

/* ---- for ever ------------------------------------------------------------- */

static void storm_forever(void)
{
	struct desc d[2];
	unsigned int i;

	con_puts("storm32: storming\n");
	for (;;) {
		/* The biggest ring: 32 Ki requests of 64 MiB, 2 TiB a kick. */
		ablk_setup(0x10000);
		for (i = 0; i < 0x8000 - 1; i++) {
			d[0] = (struct desc){ ABLK_READ_REQ, 0, 0, 0 };
			d[1] = (struct desc){ ABLK_SG_BUF, 0, BIG_BUF, DISK_SIZE };
			ablk_submit(&ring, d, 2);
		}
		osi(OSI_ABLK_KICK, 0, 0, 0, 0, 0);
		osi(OSI_ABLK_SYNC_READ, 0, 0, 0, BIG_BUF, DISK_SIZE);
		enet_start(4096);
		for (i = 0; i < 4096; i++)
			tx[i] = (struct el){ FRAME_BUF, 0, 0x10000, 0 };
		sync();
		osi(OSI_ENET2_KICK, 0, 0, 0, 0, 0);
		for (i = 0; i < 100; i++) {
			enet_start(16);
			tx[0] = (struct el){ RAM_SIZE + 0x1000, 0, 64, 0 };
			sync();
			osi(OSI_ENET2_KICK, 0, 0, 0, 0, 0);
		}
	}
}

void guest_main(void)
{
	unsigned long tb0;

	con_set_writer(osi_writer);
	con_puts("storm32: start\n");
	/* The timebase: ticks in 100 ms of USLEEP. */
	tb0 = tb256();
	osi_call1(OSI_USLEEP, 100000);
	tb256_per_ms = (tb256() - tb0) / 100;
	if (!tb256_per_ms)
		tb256_per_ms = 1;
	if (osi(OSI_READ_NVRAM_BYTE, 0, 0, 0, 0, 0) == 's')
		storm_forever();
	ablk_hostile();
	enet_hostile();
	well_behaved();
	con_puts("storm32: survived\n");
	osi_exit();
}
