// SPDX-License-Identifier: GPL-2.0
/*
 * storm64: a hostile virtio driver on pseries, run with -smp 2, a disk
 * (-drive), a NIC (-netdev) and the input device (-qmp).  It finds the
 * virtio PCI functions in the device tree and feeds each device rings and
 * descriptors no driver should write: loops, chains longer than the ring,
 * lengths to 4 GiB, buffers past RAM and straddling its end, indirect
 * tables pointing at themselves, avail indexes a thousand ahead, resets in
 * the middle of a request, config-space writes; and with the second vCPU
 * (RTAS start-cpu) republishing or rewriting what the first one submitted
 * while the first one is inside molvm.  Each case checks what molvm must
 * answer (a broken ring asks for a reset, a bad request gets IOERR).
 *
 * Then, as a well-behaved driver, it writes a pattern to the disk, reads
 * it back, sends a frame and waits for a key typed on the host: after
 * the storm the devices work again.  The system test checks the bytes on
 * the disk.  With "storm" in the kernel command line (-append) it does
 * none of that but storms for ever (the worst cases in a loop), for the
 * host to measure how fast molvm still answers SIGTERM, -qmp quit, Ctrl-a
 * x and --timeout.  With "window" as well, while it storms it keeps the
 * framebuffer changing (a band a round), reports each key that reaches it
 * through virtio-input ("storm64: key CODE VALUE") and the power-off
 * request of a window close (RTAS check-exception finds the EPOW event:
 * "storm64: power-off requested"), which it then ignores, for the host
 * to time molvm's SDL window under the storm.
 */
#include "fdt.h"
#include "guest.h"
#include "hcall.h"
#include "hvterm.h"
#include "osi.h"
#include "virtio64.h"

#define H_RTAS		0xf000

/* Guest RAM layout (run with -m 256). */
#define BLK_RING	0x100000UL	/* desc, avail, used: 4 KiB apart */
#define BLK_HDR		0x103000UL
#define BLK_STATUS	0x103100UL
#define BLK_BUF		0x110000UL	/* 64 KiB */
#define BLK_BUF2	0x120000UL	/* 64 KiB */
#define NET_RX_RING	0x130000UL
#define NET_TX_RING	0x134000UL
#define NET_FRAME	0x140000UL	/* 128 KiB */
#define IN_EV_RING	0x160000UL
#define IN_ST_RING	0x164000UL
#define IN_BUF		0x168000UL
#define EPOW_LOG	0x16c000UL	/* check-exception's error log */
#define BIG_BUF		0x1000000UL	/* 32 MiB for large requests */
#define BIG_LEN		(32UL << 20)

#define QSIZE		8
#define CHECK_SECTOR	2048		/* where the well-behaved pass writes */
#define CHECK_SECTORS	8

/* virtio-blk request (virtio 1.1, 5.2.6) and virtio-net header (5.1.6) */
#define BLK_T_IN	0
#define BLK_T_OUT	1
#define BLK_T_FLUSH	4
#define BLK_T_GET_ID	8
#define BLK_S_OK	0
#define BLK_S_IOERR	1
#define NET_HDR_LEN	12
#define EV_KEY		1

/* ---- what the device tree says ------------------------------------------ */

static unsigned int tok_start_cpu, tok_write_pci, tok_check_exception;
static unsigned long ram_size, tb_freq, phb_buid;
static unsigned long fb_base;			/* the simple-framebuffer */
static unsigned int fb_height, fb_stride;
static unsigned long pci_child, pci_parent;	/* BAR window: bus -> CPU address */
static const char *bootargs = "";
static struct vdev blk = { .name = "virtio-blk", .device_id = 0x1042 },
		   net = { .name = "virtio-net", .device_id = 0x1041 },
		   inp = { .name = "virtio-input", .device_id = 0x1052 };
static struct vdev *const devs[] = { &blk, &net, &inp };

/* The PCI function being walked (depth 3 under the PHB). */
static unsigned int fn_device, fn_reg;
static unsigned long fn_bar;

static void tree(void *arg, const struct fdt_ev *ev)
{
	const char *n = ev->node, *p = ev->prop;
	unsigned int i;

	(void)arg;
	if (ev->kind == FDT_EV_BEGIN && ev->depth == 3) {
		fn_device = 0;
		fn_bar = 0;
		fn_reg = 0;
	}
	if (ev->kind == FDT_EV_END && ev->depth == 3 && fn_device)
		for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
			if (devs[i]->device_id == fn_device && !devs[i]->found) {
				devs[i]->bar = fn_bar - pci_child + pci_parent;
				devs[i]->cfg_addr = fn_reg & 0xffff00;	/* bus, devfn */
				devs[i]->found = 1;
			}
	if (ev->kind != FDT_EV_PROP)
		return;
	if (ev->depth == 2 && fdt_streq(n, "rtas")) {
		if (fdt_streq(p, "start-cpu"))
			tok_start_cpu = fdt_cell(ev->val, 0);
		if (fdt_streq(p, "ibm,write-pci-config"))
			tok_write_pci = fdt_cell(ev->val, 0);
		if (fdt_streq(p, "check-exception"))
			tok_check_exception = fdt_cell(ev->val, 0);
	} else if (ev->depth == 2 && n[0] == 'f' && n[1] == 'r') {	/* framebuffer@ */
		if (fdt_streq(p, "reg") && ev->len >= 16)
			fb_base = (unsigned long)fdt_cell(ev->val, 0) << 32 | fdt_cell(ev->val, 1);
		if (fdt_streq(p, "height"))
			fb_height = fdt_cell(ev->val, 0);
		if (fdt_streq(p, "stride"))
			fb_stride = fdt_cell(ev->val, 0);
	} else if (ev->depth == 2 && fdt_streq(n, "chosen") && fdt_streq(p, "bootargs")) {
		bootargs = ev->val;
	} else if (ev->depth == 2 && n[0] == 'm' && fdt_streq(p, "reg") && ev->len >= 16) {
		ram_size = (unsigned long)fdt_cell(ev->val, 2) << 32 | fdt_cell(ev->val, 3);
	} else if (ev->depth == 3 && fdt_streq(p, "timebase-frequency") && !tb_freq) {
		tb_freq = fdt_cell(ev->val, 0);
	} else if (ev->depth == 2 && n[0] == 'p' && n[1] == 'c' && n[2] == 'i') {
		if (fdt_streq(p, "reg"))
			phb_buid = (unsigned long)fdt_cell(ev->val, 0) << 32 | fdt_cell(ev->val, 1);
		if (fdt_streq(p, "ranges") && ev->len >= 28) {
			pci_child = (unsigned long)fdt_cell(ev->val, 1) << 32 | fdt_cell(ev->val, 2);
			pci_parent = (unsigned long)fdt_cell(ev->val, 3) << 32 | fdt_cell(ev->val, 4);
		}
	} else if (ev->depth == 3) {
		if (fdt_streq(p, "device-id"))
			fn_device = fdt_cell(ev->val, 0);
		if (fdt_streq(p, "reg"))
			fn_reg = fdt_cell(ev->val, 0);
		if (fdt_streq(p, "assigned-addresses") && ev->len >= 20)
			fn_bar = (unsigned long)fdt_cell(ev->val, 1) << 32 | fdt_cell(ev->val, 2);
	}
}

static int has_word(const char *s, const char *w)
{
	const char *a, *b;

	for (; *s; s++) {
		for (a = s, b = w; *b && *a == *b; a++, b++)
			;
		if (!*b && (*a == 0 || *a == ' ') && (s == bootargs || s[-1] == ' '))
			return 1;
	}
	return 0;
}

/* ---- RTAS ------------------------------------------------------------- */

static unsigned int rtas_buf[16] __attribute__((aligned(8)));

static int rtas(unsigned int token, unsigned int nargs, const unsigned int *args)
{
	unsigned int i;

	rtas_buf[0] = token;
	rtas_buf[1] = nargs;
	rtas_buf[2] = 1;
	for (i = 0; i < nargs; i++)
		rtas_buf[3 + i] = args[i];
	rtas_buf[3 + nargs] = 0xdead;
	if (hcall4(0, H_RTAS, (unsigned long)rtas_buf, 0, 0, 0) != H_SUCCESS)
		return -99;
	return (int)rtas_buf[3 + nargs];
}

static int pci_write(struct vdev *d, unsigned int reg, unsigned int size, unsigned int val)
{
	/* PAPR config address: register bits 0-7 and 8-11 at 28-31 */
	unsigned int a[5] = { d->cfg_addr | (reg & 0xff) | (reg & 0xf00) << 20,
			      (unsigned int)(phb_buid >> 32),
			      (unsigned int)phb_buid, size, val };

	return rtas(tok_write_pci, 5, a);
}

/* ---- time ---------------------------------------------------------------- */

static unsigned long ms_since(unsigned long tb0)
{
	return (mftb() - tb0) * 1000 / (tb_freq ? tb_freq : 512000000);
}

/* ---- the second vCPU ------------------------------------------------------ */

enum { SEC_IDLE, SEC_REPUBLISH, SEC_SCRIBBLE, SEC_RESET };

static volatile struct {
	int cmd;		/* set by vCPU 0, cleared by vCPU 1 when done */
	struct vring *ring;
	struct vdev *dev;
	unsigned int qi, head;
	unsigned long count;	/* 0: for ever */
	unsigned long done;	/* what vCPU 1 did */
	int running;
} sec;

unsigned char secondary_stack[0x4000] __attribute__((aligned(16)));
extern char secondary_start[];		/* secondary64.S: code, not a descriptor */
void secondary_main(unsigned long arg);

static unsigned long rnd_state = 88172645463325252UL;

static unsigned long rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* Publish head again and again, as fast as the device takes it (never
 * more than a ring ahead, which would only break the queue), kicking only
 * when the ring is full: until then the device is meant to be at work on
 * it, the first vCPU still in its kick (or molvm's next pass due). */
static void republish(struct vdev *d, struct vring *r, unsigned int qi, unsigned int head,
		      unsigned long count)
{
	unsigned long n, spins;

	for (n = 0; !count || n < count; n++) {
		for (spins = 0; (unsigned short)(r->avail_idx - vq_used_idx(r)) >= r->size; spins++)
			if (spins % 1000 == 0)
				vq_kick(d, qi);
		vq_publish(r, head);
		sec.done = n + 1;
	}
}

/* Rewrite the ring's descriptors and avail entries with noise. */
static void scribble(struct vring *r, unsigned long count)
{
	unsigned long n;

	for (n = 0; !count || n < count; n++) {
		unsigned long v = rnd();
		unsigned int i = v % r->size;

		switch ((v >> 8) % 4) {
		case 0:
			/* Only above the guest's own code, data and rings (the
			 * device may really write there), or past RAM. */
			vq_desc(r, i, BLK_BUF + rnd() % (ram_size - BLK_BUF + 0x10000),
				(unsigned int)rnd(), (unsigned int)(v >> 16) & 7,
				(unsigned int)(v >> 24) % 16);
			break;
		case 1:
			st_le16(r->avail + 4 + 2 * (unsigned long)i, (unsigned int)(v >> 32) % 10);
			break;
		case 2:
			r->avail_idx = (unsigned short)(r->avail_idx + (v >> 40) % 3);
			st_le16(r->avail + 2, r->avail_idx);
			break;
		default:
			vq_desc(r, i, BLK_BUF, 512, VD_WRITE, 0);
			break;
		}
		mb();
		sec.done = n + 1;
	}
}

void secondary_main(unsigned long arg)
{
	(void)arg;
	sec.running = 1;
	for (;;) {
		unsigned long n;

		while (sec.cmd == SEC_IDLE)
			mb();
		switch (sec.cmd) {
		case SEC_REPUBLISH:
			republish(sec.dev, sec.ring, sec.qi, sec.head, sec.count);
			break;
		case SEC_SCRIBBLE:
			scribble(sec.ring, sec.count);
			break;
		case SEC_RESET:
			for (n = 0; !sec.count || n < sec.count; n++) {
				vdev_reset(sec.dev);
				sec.done = n + 1;
			}
			break;
		}
		mb();
		sec.cmd = SEC_IDLE;
		mb();
	}
}

static void sec_go(int cmd, struct vdev *d, struct vring *r, unsigned int qi,
		   unsigned int head, unsigned long count)
{
	sec.dev = d;
	sec.ring = r;
	sec.qi = qi;
	sec.head = head;
	sec.count = count;
	sec.done = 0;
	mb();
	sec.cmd = cmd;
	mb();
}

static void sec_wait(void)
{
	while (sec.cmd != SEC_IDLE)
		mb();
}

/* ---- helpers ------------------------------------------------------------ */

/* desc, avail and used 4 KiB apart */
#define RING_AT(b)	{ .desc = (b), .avail = (b) + 0x1000, .used = (b) + 0x2000, .size = QSIZE }

static struct vring blk_q = RING_AT(BLK_RING);
static struct vring rx_q = RING_AT(NET_RX_RING);
static struct vring tx_q = RING_AT(NET_TX_RING);
static struct vring ev_q = RING_AT(IN_EV_RING);
static struct vring st_q = RING_AT(IN_ST_RING);

static int blk_start(void)
{
	if (!vdev_begin(&blk))
		return 0;
	vq_setup(&blk, 0, &blk_q);
	vdev_driver_ok(&blk);
	return 1;
}

static int net_start(void)
{
	if (!vdev_begin(&net))
		return 0;
	vq_setup(&net, 0, &rx_q);
	vq_setup(&net, 1, &tx_q);
	vdev_driver_ok(&net);
	return 1;
}

static int inp_start(void)
{
	if (!vdev_begin(&inp))
		return 0;
	vq_setup(&inp, 0, &ev_q);
	vq_setup(&inp, 1, &st_q);
	vdev_driver_ok(&inp);
	return 1;
}

/* Wait until the device has used n buffers of r (or ms pass). */
static int wait_used(struct vring *r, unsigned int n, unsigned long ms)
{
	unsigned long tb0 = mftb();

	while ((unsigned short)(vq_used_idx(r) - n) >= 0x8000)
		if (ms_since(tb0) > ms)
			return 0;
	return 1;
}

static int needs_reset(struct vdev *d)
{
	return (vdev_status(d) & VS_NEEDS_RESET) != 0;
}

/* Wait until the device asks for a reset (or ms pass): a device that
 * serves its queue on a thread of its own (virtio-blk) may not have
 * looked at the ring yet when the kick returns. */
static int wait_reset(struct vdev *d, unsigned long ms)
{
	unsigned long tb0 = mftb();

	while (!needs_reset(d))
		if (ms_since(tb0) > ms)
			return 0;
	return 1;
}

/* A broken ring case: start, publish head, kick, expect NEEDS_RESET. */
static void expect_reset(const char *desc, struct vdev *d, int (*start)(void), struct vring *r,
			 unsigned int qi, unsigned int head)
{
	vq_publish(r, head);
	vq_kick(d, qi);
	tap(desc, wait_reset(d, 5000), vdev_status(d));
	start();
}

/* A three-part request: header, data (len at buf), status. */
static void blk_request(unsigned int type, unsigned long sector, unsigned long buf,
			unsigned int len)
{
	st_le32(BLK_HDR, type);
	st_le32(BLK_HDR + 4, 0);
	st_le64(BLK_HDR + 8, sector);
	*(volatile unsigned char *)BLK_STATUS = 0xee;
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 1);
	vq_desc(&blk_q, 1, buf, len, VD_NEXT | (type == BLK_T_OUT ? 0 : VD_WRITE), 2);
	vq_desc(&blk_q, 2, BLK_STATUS, 1, VD_WRITE, 0);
	vq_publish(&blk_q, 0);
}

static unsigned int blk_status(void)
{
	return *(volatile unsigned char *)BLK_STATUS;
}

static void print_ms(const char *what, unsigned long ms)
{
	con_puts("storm64: ");
	con_puts(what);
	con_puts(" ");
	con_dec(ms);
	con_puts(" ms\n");
}

/* ---- virtio-blk ------------------------------------------------------------ */

static void blk_hostile(void)
{
	unsigned long tb0;
	unsigned int i, n;

	blk_start();
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 0);
	expect_reset("blk: a descriptor pointing at itself: the device asks for a reset",
		     &blk, blk_start, &blk_q, 0, 0);
	for (i = 0; i < QSIZE; i++)
		vq_desc(&blk_q, i, BLK_BUF + 512 * i, 512, VD_NEXT | VD_WRITE, (i + 1) % QSIZE);
	expect_reset("blk: a chain longer than the ring: the device asks for a reset",
		     &blk, blk_start, &blk_q, 0, 3);
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 1);
	vq_desc(&blk_q, 1, 0x100000, 0xffffffffU, VD_WRITE, 0);
	expect_reset("blk: a 4 GiB buffer: the device asks for a reset", &blk, blk_start,
		     &blk_q, 0, 0);
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 1);
	vq_desc(&blk_q, 1, ram_size + 0x1000, 512, VD_WRITE, 0);
	expect_reset("blk: a buffer past the end of RAM: the device asks for a reset", &blk,
		     blk_start, &blk_q, 0, 0);
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 1);
	vq_desc(&blk_q, 1, ram_size - 256, 512, VD_WRITE, 0);
	expect_reset("blk: a buffer straddling the end of RAM: the device asks for a reset",
		     &blk, blk_start, &blk_q, 0, 0);
	vq_desc(&blk_q, 0, blk_q.desc, 16, VD_INDIRECT, 0);
	expect_reset("blk: an indirect table pointing at itself: the device asks for a reset",
		     &blk, blk_start, &blk_q, 0, 0);
	blk_request(BLK_T_IN, 0, BLK_BUF, 512);
	blk_q.avail_idx += 1000;
	st_le16(blk_q.avail + 2, blk_q.avail_idx);
	vq_kick(&blk, 0);
	tap("blk: the avail index a thousand ahead: the device asks for a reset",
	    wait_reset(&blk, 5000), vdev_status(&blk));
	blk_start();

	/* Requests the device serves with an error. */
	blk_request(BLK_T_IN, 0xffffffffffUL, BLK_BUF, 512);
	vq_kick(&blk, 0);
	tap("blk: a read past the disk's end fails with IOERR",
	    wait_used(&blk_q, 1, 5000) && blk_status() == BLK_S_IOERR, blk_status());
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 1);
	for (i = 1; i < QSIZE; i++)	/* 7 x all of RAM: 1.75 GiB of buffers */
		vq_desc(&blk_q, i, 0, (unsigned int)ram_size, VD_WRITE | (i < QSIZE - 1 ? VD_NEXT : 0),
			i + 1);
	*(volatile unsigned char *)(ram_size - 1) = 0xee;
	vq_publish(&blk_q, 0);
	vq_kick(&blk, 0);
	tap("blk: 1.75 GiB of buffers fails with IOERR",
	    wait_used(&blk_q, 2, 5000) && *(volatile unsigned char *)(ram_size - 1) == BLK_S_IOERR,
	    *(volatile unsigned char *)(ram_size - 1));

	/* Large but valid: served off the vCPU, in pieces. */
	blk_request(BLK_T_IN, 0, BIG_BUF, BIG_LEN);
	tb0 = mftb();
	vq_kick(&blk, 0);
	print_ms("a 32 MiB read: the kick took", ms_since(tb0));
	tap("blk: a 32 MiB read completes",
	    wait_used(&blk_q, 3, 60000) && blk_status() == BLK_S_OK, blk_status());
	print_ms("a 32 MiB read: completed after", ms_since(tb0));
	blk_request(BLK_T_IN, 0, BIG_BUF, BIG_LEN);
	vq_kick(&blk, 0);
	tb0 = mftb();
	vdev_reset(&blk);
	print_ms("reset during a 32 MiB read took", ms_since(tb0));
	tap("blk: a reset during a 32 MiB read, then the device starts again",
	    vdev_status(&blk) == 0 && blk_start(), vdev_status(&blk));

	/* The other vCPU rewrites the ring while this one kicks. */
	blk_request(BLK_T_IN, 0, BLK_BUF, 512);
	sec_go(SEC_SCRIBBLE, &blk, &blk_q, 0, 0, 200000);
	for (n = 0; sec.cmd != SEC_IDLE; n++) {
		vq_kick(&blk, 0);
		if (needs_reset(&blk))
			blk_start();
	}
	sec_wait();
	con_puts("storm64: blk: ");
	con_dec(n);
	con_puts(" kicks while the other vCPU rewrote the ring\n");
	tap("blk: the other vCPU rewrote the ring 200000 times during kicks; molvm answers",
	    blk_start() && sec.done == 200000, sec.done);
	blk_request(BLK_T_IN, 0, BLK_BUF, 512);
	sec_go(SEC_RESET, &blk, 0, 0, 0, 2000);
	for (n = 0; sec.cmd != SEC_IDLE; n++)
		vq_kick(&blk, 0);
	sec_wait();
	tap("blk: the other vCPU reset the device 2000 times during kicks; it starts again",
	    blk_start(), vdev_status(&blk));

	/* Config writes: the device config is read-only, BAR0 is molvm's. */
	for (i = 0; i < 64; i += 4)
		mmio_w32(blk.bar + V_DEVCFG + i, 0xffffffffU);
	pci_write(&blk, 0x10, 4, 0xffffffffU);	/* BAR0 */
	pci_write(&blk, 0x04, 2, 0xffff);		/* command */
	pci_write(&blk, 0x3c, 1, 0xff);
	pci_write(&blk, 0xfc, 4, 0x12345678);
	pci_write(&blk, 0x100, 4, 0);		/* past the header */
	blk_request(BLK_T_IN, 0, BLK_BUF, 512);
	vq_kick(&blk, 0);
	tap("blk: after config-space writes the device still serves requests",
	    wait_used(&blk_q, 1, 5000) && blk_status() == BLK_S_OK, blk_status());
}

/* ---- virtio-net ------------------------------------------------------------ */

static void frame(unsigned long at, unsigned int len)
{
	unsigned char *f = (unsigned char *)at;
	unsigned int i;

	memset(f, 0, NET_HDR_LEN);
	for (i = 0; i < 6; i++)
		f[NET_HDR_LEN + i] = 0xff;			/* broadcast */
	f[NET_HDR_LEN + 6] = 0x52;
	f[NET_HDR_LEN + 12] = 0x88;			/* local experimental */
	f[NET_HDR_LEN + 13] = 0xb5;
	for (i = 14; i < len; i++)
		f[NET_HDR_LEN + i] = (unsigned char)i;
}

static void net_hostile(void)
{
	unsigned long tb0;
	unsigned int i;

	net_start();
	vq_desc(&tx_q, 0, NET_FRAME, 64, VD_NEXT, 0);
	expect_reset("net: a TX descriptor pointing at itself: the device asks for a reset",
		     &net, net_start, &tx_q, 1, 0);
	frame(NET_FRAME, 0x10000);
	vq_desc(&tx_q, 0, NET_FRAME, 0x10000, VD_NEXT, 1);
	vq_desc(&tx_q, 1, NET_FRAME, 0x10000, 0, 0);	/* 128 KiB: more than a frame */
	vq_publish(&tx_q, 0);
	vq_kick(&net, 1);
	tap("net: a 128 KiB TX chain completes", wait_used(&tx_q, 1, 5000), vq_used_idx(&tx_q));

	/* RX buffers no frame fits in, and one past RAM. */
	for (i = 0; i < QSIZE - 1; i++) {
		vq_desc(&rx_q, i, NET_FRAME + 16 * i, 1, VD_WRITE, 0);
		vq_publish(&rx_q, i);
	}
	vq_desc(&rx_q, QSIZE - 1, ram_size - 4, 2048, VD_WRITE, 0);
	vq_publish(&rx_q, QSIZE - 1);
	vq_kick(&net, 0);

	/* The other vCPU republishes a frame while this one is in the kick. */
	net_start();
	frame(NET_FRAME, 60);
	vq_desc(&tx_q, 0, NET_FRAME, NET_HDR_LEN + 60, 0, 0);
	vq_publish(&tx_q, 0);
	sec_go(SEC_REPUBLISH, &net, &tx_q, 1, 0, 20000);
	tb0 = mftb();
	vq_kick(&net, 1);
	print_ms("net: the TX kick, while the other vCPU republished, took", ms_since(tb0));
	sec_wait();
	vq_kick(&net, 1);	/* for what it published after its last kick */
	tap("net: the other vCPU republished 20000 frames; molvm sent them all",
	    wait_used(&tx_q, 20001, 30000), vq_used_idx(&tx_q));
	tap("net: the device starts again", net_start(), vdev_status(&net));
}

/* ---- virtio-input ------------------------------------------------------------ */

static void inp_hostile(void)
{
	unsigned long tb0;
	unsigned int i;

	inp_start();
	vq_desc(&st_q, 0, IN_BUF, 8, 0, 0);
	vq_publish(&st_q, 0);
	sec_go(SEC_REPUBLISH, &inp, &st_q, 1, 0, 20000);
	tb0 = mftb();
	vq_kick(&inp, 1);
	print_ms("input: the status kick, while the other vCPU republished, took", ms_since(tb0));
	sec_wait();
	vq_kick(&inp, 1);
	tap("input: the other vCPU republished 20000 status buffers; molvm took them all",
	    wait_used(&st_q, 20001, 30000), vq_used_idx(&st_q));

	/* Event buffers too short for an event, republished while the host
	 * sends keys and moves the mouse (the scenario's -qmp flood). */
	inp_start();
	vq_desc(&ev_q, 0, IN_BUF, 4, VD_WRITE, 0);
	vq_publish(&ev_q, 0);
	sec_go(SEC_REPUBLISH, &inp, &ev_q, 0, 0, 20000);
	for (i = 0; sec.cmd != SEC_IDLE; i++)
		vq_kick(&inp, 0);
	sec_wait();
	tap("input: 20000 short event buffers republished during host input; molvm answers",
	    inp_start(), vdev_status(&inp));
	/* Taken (and found broken) only when an event comes: the host's
	 * flood sends them all the time. */
	vq_desc(&ev_q, 0, IN_BUF, 8, VD_WRITE | VD_NEXT, 0);
	vq_publish(&ev_q, 0);
	vq_kick(&inp, 0);
	tap("input: an event descriptor pointing at itself: a reset once events come",
	    wait_reset(&inp, 20000), vdev_status(&inp));
}

/* ---- after the storm: a well-behaved driver ------------------------------ */

static unsigned char pattern(unsigned int sector, unsigned int i)
{
	return (unsigned char)(sector * 7 + i * 13 + 1);
}

static void well_behaved(void)
{
	unsigned char *w = (unsigned char *)BLK_BUF, *r = (unsigned char *)BLK_BUF2;
	unsigned int i, bad = 0, used;
	unsigned long tb0;

	tap("blk: after the storm the device starts", blk_start(), vdev_status(&blk));
	for (i = 0; i < CHECK_SECTORS * 512; i++)
		w[i] = pattern(CHECK_SECTOR + i / 512, i % 512);
	blk_request(BLK_T_OUT, CHECK_SECTOR, BLK_BUF, CHECK_SECTORS * 512);
	vq_kick(&blk, 0);
	used = wait_used(&blk_q, 1, 10000) && blk_status() == BLK_S_OK;
	st_le32(BLK_HDR, BLK_T_FLUSH);
	vq_desc(&blk_q, 3, BLK_HDR, 16, VD_NEXT, 4);
	vq_desc(&blk_q, 4, BLK_STATUS, 1, VD_WRITE, 0);
	vq_publish(&blk_q, 3);
	vq_kick(&blk, 0);
	used = used && wait_used(&blk_q, 2, 10000) && blk_status() == BLK_S_OK;
	memset(r, 0, CHECK_SECTORS * 512);
	blk_request(BLK_T_IN, CHECK_SECTOR, BLK_BUF2, CHECK_SECTORS * 512);
	vq_kick(&blk, 0);
	used = used && wait_used(&blk_q, 3, 10000) && blk_status() == BLK_S_OK;
	for (i = 0; i < CHECK_SECTORS * 512; i++)
		bad += r[i] != w[i];
	tap("blk: after the storm 8 sectors are written, flushed and read back", used && !bad, bad);
	st_le32(BLK_HDR, BLK_T_GET_ID);
	vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 1);
	vq_desc(&blk_q, 1, BLK_BUF2, 20, VD_WRITE | VD_NEXT, 2);
	vq_desc(&blk_q, 2, BLK_STATUS, 1, VD_WRITE, 0);
	vq_publish(&blk_q, 0);
	vq_kick(&blk, 0);
	tap("blk: after the storm GET_ID answers \"molvm-\"",
	    wait_used(&blk_q, 4, 5000) && r[0] == 'm' && r[5] == '-', r[0]);

	tap("net: after the storm the device starts", net_start(), vdev_status(&net));
	frame(NET_FRAME, 60);
	vq_desc(&tx_q, 0, NET_FRAME, NET_HDR_LEN + 60, 0, 0);
	vq_publish(&tx_q, 0);
	vq_kick(&net, 1);
	tap("net: after the storm a frame is sent", wait_used(&tx_q, 1, 5000), vq_used_idx(&tx_q));

	tap("input: after the storm the device starts", inp_start(), vdev_status(&inp));
	for (i = 0; i < QSIZE; i++) {
		vq_desc(&ev_q, i, IN_BUF + 8 * i, 8, VD_WRITE, 0);
		vq_publish(&ev_q, i);
	}
	vq_kick(&inp, 0);
	con_puts("storm64: waiting for a key\n");
	tb0 = mftb();
	for (used = 0; ms_since(tb0) < 60000; ) {
		unsigned int u = vq_used_idx(&ev_q);

		for (; used != u; used++) {
			unsigned long e = IN_BUF + 8 * ld_le32(ev_q.used + 4 + 8 * (used % QSIZE));

			if (ld_le16(e) == EV_KEY)
				break;
			/* not a key (mouse, SYN): give the buffer back */
			vq_publish(&ev_q, ld_le32(ev_q.used + 4 + 8 * (used % QSIZE)));
			vq_kick(&inp, 0);
		}
		if (used != u)
			break;
	}
	tap("input: after the storm a key typed on the host arrives", ms_since(tb0) < 60000,
	    vq_used_idx(&ev_q));
}

/* ---- for ever --------------------------------------------------------------- */

/* "window": the input device's event ring, filled once. */
static void window_start(void)
{
	unsigned int i;

	inp_start();
	for (i = 0; i < QSIZE; i++) {
		vq_desc(&ev_q, i, IN_BUF + 8 * i, 8, VD_WRITE, 0);
		vq_publish(&ev_q, i);
	}
	vq_kick(&inp, 0);
}

/* One round of "window": a 16-row band of the framebuffer in a new colour,
 * the keys that came (each buffer given back), and the EPOW check (one
 * RTAS call: a round already makes molvm read 32 MiB). */
static void window_round(unsigned long round)
{
	static unsigned short used;
	static int epow_seen;
	unsigned int u = vq_used_idx(&ev_q), args[6], i;

	if (fb_base && fb_height >= 16 && fb_stride) {
		unsigned long row = round * 16 % (fb_height - fb_height % 16);
		unsigned int *px = (unsigned int *)(fb_base + row * fb_stride);

		for (i = 0; i < 16 * fb_stride / 4; i++)
			px[i] = (unsigned int)(round * 0x010203 + i / 64);
	}
	for (; used != (unsigned short)u; used++) {
		unsigned int head = ld_le32(ev_q.used + 4 + 8 * (used % QSIZE));
		unsigned long e = IN_BUF + 8 * (head % QSIZE);

		if (ld_le16(e) == EV_KEY) {
			con_puts("storm64: key ");
			con_dec(ld_le16(e + 2));
			con_putc(' ');
			con_dec(ld_le32(e + 4));
			con_putc('\n');
		}
		vq_publish(&ev_q, head % QSIZE);
		vq_kick(&inp, 0);
	}
	if (!tok_check_exception || epow_seen)
		return;
	/* check-exception(vector 0x500, info 0, mask: EPOW (bit 30 from the
	 * left, PAPR 7.3.10.2), critical 0, buffer, length) */
	args[0] = 0x500;
	args[1] = 0;
	args[2] = 1U << 30;
	args[3] = 0;
	args[4] = (unsigned int)EPOW_LOG;
	args[5] = 1024;
	if (rtas(tok_check_exception, 6, args) == 0) {
		epow_seen = 1;
		con_puts("storm64: power-off requested\n");
	}
}

static void storm_forever(void)
{
	unsigned long rounds;
	int window = has_word(bootargs, "window");

	if (window)
		window_start();
	con_puts("storm64: storming\n");
	blk_start();
	net_start();
	frame(NET_FRAME, 60);
	vq_desc(&tx_q, 0, NET_FRAME, NET_HDR_LEN + 60, 0, 0);
	vq_publish(&tx_q, 0);
	/* The other vCPU republishes frames for ever; this one kicks, reads
	 * 32 MiB at a time, breaks and resets the disk's ring. */
	sec_go(SEC_REPUBLISH, &net, &tx_q, 1, 0, 0);
	for (rounds = 0;; rounds++) {
		if (window)
			window_round(rounds);
		vq_kick(&net, 1);
		blk_request(BLK_T_IN, 0, BIG_BUF, BIG_LEN);
		vq_kick(&blk, 0);
		if (rounds & 1)
			vdev_reset(&blk);
		wait_used(&blk_q, 1, 100);
		blk_start();
		vq_desc(&blk_q, 0, BLK_HDR, 16, VD_NEXT, 0);
		vq_publish(&blk_q, 0);
		vq_kick(&blk, 0);
		blk_start();
	}
}

void guest_main(void)
{
	unsigned int a[3];
	unsigned long tb0;
	int r;

	con_set_writer(hvterm_writer);
	con_puts("storm64: start\n");
	r = fdt_walk(boot_r3, tree, 0);
	tap("the device tree lists virtio-blk, virtio-net and virtio-input",
	    !r && blk.found && net.found && inp.found && ram_size && tok_start_cpu,
	    (unsigned long)blk.found << 8 | (unsigned long)net.found << 4 | inp.found);
	a[0] = 1;
	a[1] = (unsigned int)(unsigned long)secondary_start;
	a[2] = 0;
	r = rtas(tok_start_cpu, 3, a);
	tb0 = mftb();
	while (!sec.running && ms_since(tb0) < 10000)
		mb();
	tap("the second vCPU runs (RTAS start-cpu)", r == 0 && sec.running, (unsigned long)r);
	if (!blk.found || !net.found || !inp.found || !sec.running)
		osi_exit();
	if (has_word(bootargs, "storm"))
		storm_forever();
	blk_hostile();
	net_hostile();
	inp_hostile();
	well_behaved();
	con_puts("storm64: survived\n");
	osi_exit();
}
