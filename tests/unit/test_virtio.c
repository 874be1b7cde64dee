// SPDX-License-Identifier: GPL-2.0
/*
 * The virtqueue walker against hostile rings, the virtio-pci transport's
 * config space and registers, virtio-blk on a temporary image, virtio-net
 * on a socketpair, and the PHB's RTAS config-space calls.
 */
#include <event2/event.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../devices/rtas.h"
#include "../../devices/spapr_phb.h"
#include "../../devices/virtio_blk.h"
#include "../../devices/net.h"
#include "../../devices/virtio_net.h"
#include "../../devices/virtio_pci.h"
#include "../../devices/virtq.h"
#include "../../vmm/guest_mem.h"
#include "../../vmm/le.h"
#include "unit.h"

#define RAM	0x100000
#define QSIZE	8
#define DESC	0x1000
#define AVAIL	0x2000
#define USED	0x3000
#define BUF	0x8000

static struct guest_mem mem;
static struct virtq q;

static void ring_setup(void)
{
	ck_assert_int_eq(guest_mem_alloc(&mem, RAM), 0);
	virtq_reset(&q);
	q.size = QSIZE;
	q.enabled = true;
	q.desc = DESC;
	q.avail = AVAIL;
	q.used = USED;
}

static void ring_teardown(void)
{
	guest_mem_free(&mem);
}

static void set_desc(uint16_t i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	uint8_t *d = guest_ptr(&mem, DESC + 16 * i, 16);

	le64_store(d, addr);
	le32_store(d + 8, len);
	le16_store(d + 12, flags);
	le16_store(d + 14, next);
}

/* Make head the next available chain. */
static void offer(uint16_t head)
{
	uint16_t idx;

	ck_assert(guest_read_le16(&mem, AVAIL + 2, &idx));
	ck_assert(guest_write_le16(&mem, AVAIL + 4 + 2 * (idx % QSIZE), head));
	ck_assert(guest_write_le16(&mem, AVAIL + 2, (uint16_t)(idx + 1)));
}

static struct virtq_chain chain;

/* ---- the walker ---------------------------------------------------------- */

START_TEST(pop_push_chain)
{
	const char *why = NULL;
	uint8_t out[8], hdr[4] = { 1, 2, 3, 4 };
	uint32_t id, len;
	uint16_t used_idx;

	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 0);	/* empty */
	memcpy(guest_ptr(&mem, BUF, 4), hdr, 4);
	set_desc(3, BUF, 4, VIRTQ_DESC_F_NEXT, 5);
	set_desc(5, BUF + 0x100, 6, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF + 0x200, 100, VIRTQ_DESC_F_WRITE, 0);
	offer(3);
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 1);
	ck_assert_uint_eq(chain.head, 3);
	ck_assert_uint_eq(chain.n_out, 2);
	ck_assert_uint_eq(chain.n_in, 1);
	ck_assert_uint_eq(chain.out_len, 10);
	ck_assert_uint_eq(chain.in_len, 100);
	ck_assert_uint_eq(virtq_read(&mem, &chain, 0, out, sizeof(out)), 8);
	ck_assert_mem_eq(out, hdr, 4);
	ck_assert_uint_eq(virtq_write(&mem, &chain, 98, "xyz", 3), 2);	/* only 2 fit */
	ck_assert(virtq_push(&mem, &q, chain.head, 42));
	ck_assert(guest_read_le16(&mem, USED + 2, &used_idx));
	ck_assert_uint_eq(used_idx, 1);
	ck_assert(guest_read_le32(&mem, USED + 4, &id));
	ck_assert(guest_read_le32(&mem, USED + 8, &len));
	ck_assert_uint_eq(id, 3);
	ck_assert_uint_eq(len, 42);
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 0);

	/* A second, shorter chain: totals start from zero again. */
	set_desc(2, BUF, 16, 0, 0);
	offer(2);
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 1);
	ck_assert_uint_eq(chain.out_len, 16);
	ck_assert_uint_eq(chain.in_len, 0);
	ck_assert_uint_eq(chain.n_in, 0);
}
END_TEST

/* Each hostile ring breaks the queue with a reason, and it stays broken. */
static void expect_broken(const char *reason)
{
	const char *why = NULL;

	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, reason), "'%s' lacks '%s'", why, reason);
	ck_assert(q.broken);
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), -1);
}

START_TEST(chain_loop)
{
	set_desc(0, BUF, 4, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF, 4, VIRTQ_DESC_F_NEXT, 0);
	offer(0);
	expect_broken("loops");
}
END_TEST

START_TEST(self_loop)
{
	set_desc(4, BUF, 4, VIRTQ_DESC_F_NEXT, 4);
	offer(4);
	expect_broken("loops");
}
END_TEST

START_TEST(next_out_of_table)
{
	set_desc(0, BUF, 4, VIRTQ_DESC_F_NEXT, QSIZE);
	offer(0);
	expect_broken("next index");
}
END_TEST

START_TEST(head_out_of_table)
{
	offer(0xffff);
	expect_broken("head");
}
END_TEST

START_TEST(buffer_outside_ram)
{
	set_desc(0, RAM - 2, 4, 0, 0);
	offer(0);
	expect_broken("outside RAM");
}
END_TEST

START_TEST(huge_length)
{
	set_desc(0, BUF, 0xffffffff, VIRTQ_DESC_F_WRITE, 0);
	offer(0);
	expect_broken("outside RAM");
}
END_TEST

START_TEST(address_wraps)
{
	set_desc(0, UINT64_MAX - 1, 16, 0, 0);
	offer(0);
	expect_broken("outside RAM");
}
END_TEST

START_TEST(avail_index_runs_ahead)
{
	ck_assert(guest_write_le16(&mem, AVAIL + 2, QSIZE + 1));
	expect_broken("ahead");
}
END_TEST

START_TEST(indirect_refused)
{
	set_desc(0, BUF, 32, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0);
	expect_broken("indirect");
}
END_TEST

START_TEST(readable_after_writable)
{
	set_desc(0, BUF, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, BUF, 4, 0, 0);
	offer(0);
	expect_broken("readable buffer after");
}
END_TEST

START_TEST(rings_outside_ram)
{
	q.desc = RAM - 8;
	offer(0);
	expect_broken("descriptor table outside RAM");
	q.broken = false;
	q.desc = DESC;
	q.avail = UINT64_MAX - 1;	/* avail + 2 would wrap to 0 */
	expect_broken("avail ring outside RAM");
	q.broken = false;
	q.avail = AVAIL;
	q.used = RAM - 8;
	expect_broken("used ring outside RAM");
	q.broken = false;
	ck_assert(!virtq_push(&mem, &q, 0, 0));
	ck_assert(q.broken);
}
END_TEST

START_TEST(bad_size_is_idle)
{
	const char *why = NULL;

	offer(0);
	q.size = 3;		/* not a power of two: never walked */
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 0);
	q.size = 0;
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 0);
	q.size = QSIZE;
	q.enabled = false;
	ck_assert_int_eq(virtq_pop(&mem, &q, &chain, &why), 0);
}
END_TEST

/* ---- the PCI transport --------------------------------------------------- */

static int line_level = -1, irq_changes;
static int notified = -1;

/* The interrupt controller the transport's INTA# is wired to. */
static void record_irq(void *opaque, uint32_t nr, int level)
{
	(void)opaque;
	ck_assert_uint_eq(nr, 5);
	line_level = level;
	irq_changes++;
}

static const struct irq_chip test_chip = { .name = "test", .set_level = record_irq };

static uint64_t test_features(void *dev)
{
	(void)dev;
	return 1ULL << 5;
}

static void test_config_read(void *dev, uint32_t off, uint8_t *data, uint32_t len)
{
	static const uint8_t cfg[6] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5 };

	(void)dev;
	memcpy(data, cfg + off, len);
}

static void test_notify(struct virtio_pci *vp, void *dev, uint16_t qi)
{
	(void)vp;
	(void)dev;
	notified = qi;
}

static const struct virtio_dev_ops test_ops = {
	.name = "test", .virtio_id = 7, .class_code = 0xff0000, .num_queues = 2,
	.config_len = 6, .features = test_features, .config_read = test_config_read,
	.notify = test_notify,
};

static struct virtio_pci vp;

static uint32_t cfg32(uint32_t off)
{
	uint32_t v = 0;

	ck_assert(virtio_pci_cfg_read(&vp, off, 4, &v));
	return v;
}

static uint64_t bar_rd(uint64_t off, uint32_t len)
{
	uint8_t d[8];
	uint64_t v = 0;
	uint32_t i;

	virtio_pci_bar_access(&vp, off, d, len, false);
	for (i = 0; i < len; i++)
		v |= (uint64_t)d[i] << (8 * i);
	return v;
}

static void bar_wr(uint64_t off, uint32_t len, uint64_t v)
{
	uint8_t d[8];
	uint32_t i;

	for (i = 0; i < len; i++)
		d[i] = (uint8_t)(v >> (8 * i));
	virtio_pci_bar_access(&vp, off, d, len, true);
}

static void pci_setup(void)
{
	ring_setup();
	line_level = -1;
	irq_changes = 0;
	notified = -1;
	virtio_pci_init(&vp, &test_ops, NULL, &mem);
	/* What a host bridge does: place BAR0, wire the pin. */
	pci_set_bar(&vp.fn, 0, 0x80010000);
	irq_connect(&vp.fn.irq, &test_chip, NULL, 5);
}

START_TEST(config_header)
{
	uint32_t v;

	ck_assert_uint_eq(cfg32(0x00), 0x10471af4);		/* 0x1040 + 7 */
	ck_assert_uint_eq(cfg32(0x08) >> 8, 0xff0000);		/* class */
	ck_assert_uint_eq(cfg32(0x08) & 0xff, 1);		/* revision */
	ck_assert_uint_eq(cfg32(0x2c), 0x00071af4);		/* subsystem */
	ck_assert(virtio_pci_cfg_read(&vp, 0x3d, 1, &v));
	ck_assert_uint_eq(v, 1);				/* INTA */
	/* BAR sizing: writable bits tell the 16 KiB size. */
	ck_assert_uint_eq(cfg32(0x10), 0x80010000);
	ck_assert(virtio_pci_cfg_write(&vp, 0x10, 4, 0xffffffff));
	ck_assert_uint_eq(cfg32(0x10), 0xffffc000);
	ck_assert(virtio_pci_cfg_write(&vp, 0x10, 4, 0x80010000));
	ck_assert_uint_eq(cfg32(0x14), 0);			/* no BAR1 */
	ck_assert(virtio_pci_cfg_write(&vp, 0x14, 4, 0xffffffff));
	ck_assert_uint_eq(cfg32(0x14), 0);
	/* IDs are read-only; the command register keeps its writable bits. */
	ck_assert(virtio_pci_cfg_write(&vp, 0x00, 4, 0));
	ck_assert_uint_eq(cfg32(0x00), 0x10471af4);
	ck_assert(virtio_pci_cfg_write(&vp, 0x04, 2, 0xffff));
	ck_assert(virtio_pci_cfg_read(&vp, 0x04, 2, &v));
	ck_assert_uint_eq(v, 0x0407);
	/* Bad accesses fail rather than touch anything. */
	ck_assert(!virtio_pci_cfg_read(&vp, 0x100, 1, &v));
	ck_assert(!virtio_pci_cfg_read(&vp, 0xfe, 4, &v));
	ck_assert(!virtio_pci_cfg_read(&vp, 0x01, 2, &v));
	ck_assert(!virtio_pci_cfg_read(&vp, 0x00, 3, &v));
	ck_assert(!virtio_pci_cfg_write(&vp, 0xffffffff, 4, 0));
}
END_TEST

START_TEST(capability_list)
{
	uint32_t v, pos, seen = 0, n = 0, notify_mult = 0;

	ck_assert(virtio_pci_cfg_read(&vp, 0x06, 2, &v));
	ck_assert(v & 0x10);					/* has a list */
	ck_assert(virtio_pci_cfg_read(&vp, 0x34, 1, &pos));
	while (pos && n++ < 16) {
		uint32_t hdr = cfg32(pos), type = (hdr >> 24) & 0xff;

		ck_assert_uint_eq(hdr & 0xff, 0x09);		/* vendor capability */
		ck_assert_uint_eq(cfg32(pos + 4) & 0xff, 0);	/* BAR0 */
		ck_assert_uint_lt(cfg32(pos + 8) + cfg32(pos + 12), VIRTIO_PCI_BAR_SIZE + 1);
		seen |= 1u << type;
		if (type == 2)
			notify_mult = cfg32(pos + 16);
		pos = (hdr >> 8) & 0xff;
	}
	ck_assert_uint_eq(seen, (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4));
	ck_assert_uint_eq(notify_mult, VIRTIO_PCI_NOTIFY_MULT);
}
END_TEST

START_TEST(feature_negotiation)
{
	bar_wr(0x00, 4, 0);
	ck_assert_uint_eq(bar_rd(0x04, 4), 1u << 5);
	bar_wr(0x00, 4, 1);
	ck_assert_uint_eq(bar_rd(0x04, 4), 1);			/* VERSION_1 = bit 32 */
	bar_wr(0x00, 4, 7);
	ck_assert_uint_eq(bar_rd(0x04, 4), 0);
	ck_assert_uint_eq(bar_rd(0x12, 2), 2);			/* num_queues */

	/* Without VERSION_1, FEATURES_OK does not stick. */
	bar_wr(0x14, 1, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	bar_wr(0x08, 4, 0);
	bar_wr(0x0c, 4, 1u << 5);
	bar_wr(0x14, 1, 0x0b);
	ck_assert_uint_eq(bar_rd(0x14, 1), 0x03);
	/* Unoffered bits: refused too. */
	bar_wr(0x08, 4, 1);
	bar_wr(0x0c, 4, 1 | 2);
	bar_wr(0x14, 1, 0x0b);
	ck_assert_uint_eq(bar_rd(0x14, 1), 0x03);
	bar_wr(0x0c, 4, 1);
	bar_wr(0x14, 1, 0x0b);
	ck_assert_uint_eq(bar_rd(0x14, 1), 0x0b);
	ck_assert_uint_eq(vp.driver_features, (1ULL << 32) | (1ULL << 5));
	/* Writing 0 resets. */
	bar_wr(0x14, 1, 0);
	ck_assert_uint_eq(bar_rd(0x14, 1), 0);
	ck_assert_uint_eq(vp.driver_features, 0);
}
END_TEST

START_TEST(queue_setup_and_notify)
{
	bar_wr(0x16, 2, 1);					/* queue_select */
	ck_assert_uint_eq(bar_rd(0x18, 2), VIRTQ_MAX_SIZE);
	bar_wr(0x18, 2, 100);					/* not a power of 2 */
	ck_assert_uint_eq(bar_rd(0x18, 2), VIRTQ_MAX_SIZE);
	bar_wr(0x18, 2, QSIZE);
	ck_assert_uint_eq(bar_rd(0x1e, 2), 1);			/* notify offset */
	ck_assert_uint_eq(bar_rd(0x1a, 2), 0xffff);		/* no MSI-X */
	/* 64-bit addresses in two 32-bit halves, as Linux writes them */
	bar_wr(0x20, 4, DESC);
	bar_wr(0x24, 4, 0);
	bar_wr(0x28, 8, AVAIL);
	bar_wr(0x30, 4, USED);
	bar_wr(0x34, 4, 0x12);
	ck_assert_uint_eq(bar_rd(0x30, 8), 0x12ULL << 32 | USED);
	bar_wr(0x34, 4, 0);
	bar_wr(0x1c, 2, 1);
	ck_assert_uint_eq(bar_rd(0x1c, 2), 1);
	/* Enabled: the addresses are frozen. */
	bar_wr(0x20, 4, 0x5000);
	ck_assert_uint_eq(bar_rd(0x20, 8), DESC);
	/* A queue past num_queues reads as absent. */
	bar_wr(0x16, 2, 5);
	ck_assert_uint_eq(bar_rd(0x18, 2), 0);
	bar_wr(0x20, 8, 0x5000);

	/* Kicks count only after DRIVER_OK. */
	bar_wr(VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT, 2, 1);
	ck_assert_int_eq(notified, -1);
	bar_wr(0x14, 1, VIRTIO_STATUS_DRIVER_OK);
	bar_wr(VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT, 2, 1);
	ck_assert_int_eq(notified, 1);
	notified = -1;
	bar_wr(VIRTIO_PCI_NOTIFY_OFF, 2, 0);			/* queue 0 is not enabled */
	ck_assert_int_eq(notified, -1);
	bar_wr(VIRTIO_PCI_NOTIFY_OFF + 2 * VIRTIO_PCI_NOTIFY_MULT, 2, 2);	/* no queue 2 */
	ck_assert_int_eq(notified, -1);
	ck_assert_ptr_eq(virtio_pci_queue(&vp, 1), &vp.vq[1]);
	ck_assert_ptr_null(virtio_pci_queue(&vp, 0));
	ck_assert_ptr_null(virtio_pci_queue(&vp, 2));
}
END_TEST

START_TEST(isr_and_interrupt_line)
{
	uint32_t v;

	ck_assert_int_eq(line_level, -1);			/* never raised */
	virtio_pci_lock(&vp);
	virtio_pci_interrupt(&vp);
	virtio_pci_unlock(&vp);
	ck_assert_int_eq(line_level, 1);
	ck_assert(virtio_pci_cfg_read(&vp, 0x06, 2, &v));
	ck_assert(v & 0x08);					/* INTx status */
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_ISR_OFF, 1), 1);
	ck_assert_int_eq(line_level, 0);				/* read clears */
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_ISR_OFF, 1), 0);
	ck_assert_int_eq(irq_changes, 2);
}
END_TEST

START_TEST(device_config_bounds)
{
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_DEVCFG_OFF, 4), 0xa3a2a1a0);
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_DEVCFG_OFF + 4, 2), 0xa5a4);
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_DEVCFG_OFF + 4, 4), 0);	/* crosses the end */
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_DEVCFG_OFF + 6, 1), 0);
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_BAR_SIZE - 8, 8), 0);
	bar_wr(VIRTIO_PCI_DEVCFG_OFF, 4, 0);			/* ignored */
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_DEVCFG_OFF, 1), 0xa0);
}
END_TEST

START_TEST(broken_queue_needs_reset)
{
	struct virtq *vq;

	vp.vq[0].size = QSIZE;
	vp.vq[0].desc = DESC;
	vp.vq[0].avail = AVAIL;
	vp.vq[0].used = USED;
	vp.vq[0].enabled = true;
	vp.status = VIRTIO_STATUS_DRIVER_OK;
	set_desc(0, BUF, 4, VIRTQ_DESC_F_NEXT, 0);		/* self loop */
	offer(0);
	virtio_pci_lock(&vp);
	vq = virtio_pci_queue(&vp, 0);
	ck_assert_ptr_nonnull(vq);
	ck_assert_int_eq(virtio_pci_pop(&vp, vq, &chain), -1);
	virtio_pci_unlock(&vp);
	ck_assert(vp.status & VIRTIO_STATUS_NEEDS_RESET);
	ck_assert_uint_eq(bar_rd(VIRTIO_PCI_ISR_OFF, 1), 2);	/* config change */
	ck_assert_ptr_null(virtio_pci_queue(&vp, 0));
	bar_wr(0x14, 1, 0);					/* reset */
	ck_assert(!vp.vq[0].broken);
	ck_assert_uint_eq(vp.status, 0);
}
END_TEST

/* ---- virtio-blk ---------------------------------------------------------- */

static struct virtio_blk blk;
static char img_path[64];

/* Drive the device the way a driver does: queue 0 at DESC/AVAIL/USED. */
static void blk_start(bool readonly)
{
	int fd;

	ring_setup();
	strcpy(img_path, "/tmp/molvm-unit-blk-XXXXXX");
	fd = mkstemp(img_path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 64 * 512), 0);
	ck_assert_int_eq(pwrite(fd, "sector-one", 10, 512), 10);
	close(fd);
	{
		char err[256];

		ck_assert_int_eq(virtio_blk_open(&blk, img_path, readonly, err, sizeof(err)), 0);
	}
	virtio_pci_init(&blk.vp, &virtio_blk_ops, &blk, &mem);
	blk.vp.vq[0] = q;
	blk.vp.status = VIRTIO_STATUS_DRIVER_OK;
}

static void blk_stop(void)
{
	virtio_blk_close(&blk);
	unlink(img_path);
	ring_teardown();
}

static void blk_rw_setup(void) { blk_start(false); }
static void blk_thread_setup(void)
{
	char err[256];

	blk_start(false);
	ck_assert_int_eq(virtio_blk_start(&blk, NULL, err, sizeof(err)), 0);
}
static void blk_ro_setup(void) { blk_start(true); }

/* One request: header, data (out or in), status.  Returns the status and
 * the used length. */
static uint8_t blk_submit(uint32_t type, uint64_t sector, uint32_t data_len, bool data_in,
			  uint32_t *used_len)
{
	uint8_t *h = guest_ptr(&mem, BUF, 16), status = 0xee;
	uint16_t used_idx, before;
	int waited;

	le32_store(h, type);
	le32_store(h + 4, 0);
	le64_store(h + 8, sector);
	guest_write(&mem, BUF + 0x1000 - 1, &status, 1);
	set_desc(0, BUF, 16, VIRTQ_DESC_F_NEXT, data_len ? 1 : 2);
	set_desc(1, BUF + 0x100, data_len, VIRTQ_DESC_F_NEXT | (data_in ? VIRTQ_DESC_F_WRITE : 0), 2);
	set_desc(2, BUF + 0x1000 - 1, 1, VIRTQ_DESC_F_WRITE, 0);
	offer(0);
	ck_assert(guest_read_le16(&mem, USED + 2, &before));
	virtio_pci_bar_access(&blk.vp, VIRTIO_PCI_NOTIFY_OFF, (uint8_t[2]){ 0, 0 }, 2, true);
	/* With the I/O thread the answer comes asynchronously. */
	for (waited = 0; waited < 2000; waited++) {
		virtio_pci_lock(&blk.vp);
		ck_assert(guest_read_le16(&mem, USED + 2, &used_idx));
		virtio_pci_unlock(&blk.vp);
		if (used_idx != before)
			break;
		usleep(1000);
	}
	ck_assert_uint_eq(used_idx, (uint16_t)(before + 1));
	ck_assert(guest_read_le32(&mem, USED + 4 + 8 * ((used_idx - 1) % QSIZE) + 4, used_len));
	guest_read(&mem, BUF + 0x1000 - 1, &status, 1);
	return status;
}

START_TEST(blk_read_write_flush)
{
	uint32_t used;
	char buf[16] = { 0 };
	int fd;

	ck_assert_uint_eq(le64_load((uint8_t[8]){ 0 }), 0);
	{
		uint8_t cap[8];

		virtio_pci_bar_access(&blk.vp, VIRTIO_PCI_DEVCFG_OFF, cap, 8, false);
		ck_assert_uint_eq(le64_load(cap), 64);		/* sectors */
	}
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_IN, 1, 512, true, &used), VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(used, 513);
	ck_assert_mem_eq(guest_ptr(&mem, BUF + 0x100, 10), "sector-one", 10);

	memcpy(guest_ptr(&mem, BUF + 0x100, 12), "guest-wrote!", 12);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_OUT, 5, 512, false, &used), VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(used, 1);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_FLUSH, 0, 0, false, &used), VIRTIO_BLK_S_OK);
	fd = open(img_path, O_RDONLY);
	ck_assert_int_eq(pread(fd, buf, 12, 5 * 512), 12);
	close(fd);
	ck_assert_mem_eq(buf, "guest-wrote!", 12);

	/* Past the end, straddling it, absurd sectors: I/O errors. */
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_IN, 64, 512, true, &used), VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_IN, 63, 1024, true, &used), VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_OUT, UINT64_MAX / 256, 512, false, &used),
			  VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(blk_submit(99, 0, 0, false, &used), VIRTIO_BLK_S_UNSUPP);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_GET_ID, 0, 20, true, &used), VIRTIO_BLK_S_OK);
	ck_assert_mem_eq(guest_ptr(&mem, BUF + 0x100, 6), "molvm-", 6);
}
END_TEST

START_TEST(blk_readonly_rejects_writes)
{
	uint32_t used;
	char buf[10];
	int fd;

	memcpy(guest_ptr(&mem, BUF + 0x100, 10), "overwrite!", 10);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_OUT, 1, 512, false, &used), VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_IN, 1, 512, true, &used), VIRTIO_BLK_S_OK);
	ck_assert_mem_eq(guest_ptr(&mem, BUF + 0x100, 10), "sector-one", 10);
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_FLUSH, 0, 0, false, &used), VIRTIO_BLK_S_OK);
	fd = open(img_path, O_RDONLY);
	ck_assert_int_eq(pread(fd, buf, 10, 512), 10);
	close(fd);
	ck_assert_mem_eq(buf, "sector-one", 10);
}
END_TEST

/* The same requests through the I/O thread; stopping it is clean. */
START_TEST(blk_io_thread)
{
	uint32_t used;
	int i;

	ck_assert(blk.io.started);
	for (i = 0; i < 20; i++) {
		memcpy(guest_ptr(&mem, BUF + 0x100, 8), "threaded", 8);
		ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_OUT, 10 + i, 512, false, &used),
				  VIRTIO_BLK_S_OK);
		memset(guest_ptr(&mem, BUF + 0x100, 8), 0, 8);
		ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_IN, 10 + i, 512, true, &used),
				  VIRTIO_BLK_S_OK);
		ck_assert_uint_eq(used, 513);
		ck_assert_mem_eq(guest_ptr(&mem, BUF + 0x100, 8), "threaded", 8);
	}
	ck_assert_uint_eq(blk_submit(VIRTIO_BLK_T_IN, 64, 512, true, &used), VIRTIO_BLK_S_IOERR);
	virtio_blk_close(&blk);
	ck_assert(!blk.io.started);
	ck_assert_int_eq(blk.fd, -1);
}
END_TEST

START_TEST(blk_open_errors)
{
	char err[256];

	ck_assert_int_eq(virtio_blk_open(&blk, "/nonexistent/disk.img", false, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/disk.img"));
	ck_assert_int_eq(virtio_blk_open(&blk, "/tmp", false, err, sizeof(err)), -1);
}
END_TEST

/* ---- virtio-net ---------------------------------------------------------- */

static struct virtio_net net;
static int peer;

static void net_setup(void)
{
	int sv[2];

	ring_setup();
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	peer = sv[1];
	virtio_net_setup(&net, netdev_tap_fd(sv[0]), 1);
	ck_assert_int_eq(virtio_net_start(&net, NULL), 0);
	virtio_pci_init(&net.vp, &virtio_net_ops, &net, &mem);
	net.vp.status = VIRTIO_STATUS_DRIVER_OK;
}

static void net_teardown(void)
{
	netdev_close(net.nd);
	close(peer);
	ring_teardown();
}

START_TEST(net_transmit_and_receive)
{
	uint8_t frame[64], mac[6];
	uint16_t used_idx;
	uint32_t len;
	ssize_t n;

	virtio_pci_bar_access(&net.vp, VIRTIO_PCI_DEVCFG_OFF, mac, 6, false);
	ck_assert_mem_eq(mac, ((uint8_t[]){ 0x52, 0x54, 0x00, 0x12, 0x34, 0x57 }), 6);

	/* tx: header and frame in one buffer; the tap gets the frame only */
	net.vp.vq[VIRTIO_NET_TXQ] = q;
	memset(guest_ptr(&mem, BUF, 12), 0, 12);
	memcpy(guest_ptr(&mem, BUF + 12, 5), "frame", 5);
	set_desc(0, BUF, 17, 0, 0);
	offer(0);
	virtio_pci_bar_access(&net.vp, VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT,
			      (uint8_t[2]){ 1, 0 }, 2, true);
	n = recv(peer, frame, sizeof(frame), MSG_DONTWAIT);
	ck_assert_int_eq(n, 5);
	ck_assert_mem_eq(frame, "frame", 5);
	ck_assert_uint_eq(net.vp.isr, 1);

	/* rx: a frame waits in the tap until a buffer is posted */
	virtq_reset(&net.vp.vq[VIRTIO_NET_TXQ]);
	ring_teardown();
	ring_setup();
	net.vp.vq[VIRTIO_NET_RXQ] = q;
	ck_assert_int_eq(send(peer, "incoming", 8, 0), 8);
	netdev_pump(net.nd);
	ck_assert(guest_read_le16(&mem, USED + 2, &used_idx));
	ck_assert_uint_eq(used_idx, 0);
	set_desc(0, BUF, 1526, VIRTQ_DESC_F_WRITE, 0);
	offer(0);
	netdev_pump(net.nd);
	ck_assert(guest_read_le16(&mem, USED + 2, &used_idx));
	ck_assert_uint_eq(used_idx, 1);
	ck_assert(guest_read_le32(&mem, USED + 8, &len));
	ck_assert_uint_eq(len, 12 + 8);
	ck_assert_uint_eq(le16_load(guest_ptr(&mem, BUF + 10, 2)), 1);	/* num_buffers */
	ck_assert_mem_eq(guest_ptr(&mem, BUF + 12, 8), "incoming", 8);
}
END_TEST

/*
 * A transmit queue with more frames than a pass takes (DEFER_BATCH): the
 * kick sends one pass and returns, the main loop's next turn sends the
 * rest.  Before, the kick sent for as long as frames were there: another
 * vCPU republishing kept this vCPU, and the device lock, for ever.
 */
START_TEST(net_transmit_in_passes)
{
	struct event_base *base = event_base_new();
	struct virtq *tq = &net.vp.vq[VIRTIO_NET_TXQ];
	uint8_t frame[64];
	uint16_t i, used_idx;
	int frames = 0;

	ck_assert_int_eq(virtio_net_start(&net, base), 0);
	*tq = q;
	tq->size = 128;
	memset(guest_ptr(&mem, BUF, 12), 0, 12);
	memcpy(guest_ptr(&mem, BUF + 12, 5), "frame", 5);
	for (i = 0; i < 100; i++) {
		set_desc(i, BUF, 17, 0, 0);
		ck_assert(guest_write_le16(&mem, AVAIL + 4 + 2 * i, i));
	}
	ck_assert(guest_write_le16(&mem, AVAIL + 2, 100));
	virtio_pci_bar_access(&net.vp, VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT,
			      (uint8_t[2]){ 1, 0 }, 2, true);
	ck_assert(guest_read_le16(&mem, USED + 2, &used_idx));
	ck_assert_uint_eq(used_idx, DEFER_BATCH);
	while (recv(peer, frame, sizeof(frame), MSG_DONTWAIT) == 5)
		frames++;
	ck_assert_int_eq(frames, DEFER_BATCH);
	event_base_loop(base, EVLOOP_NONBLOCK);
	ck_assert(guest_read_le16(&mem, USED + 2, &used_idx));
	ck_assert_uint_eq(used_idx, 100);
	while (recv(peer, frame, sizeof(frame), MSG_DONTWAIT) == 5)
		frames++;
	ck_assert_int_eq(frames, 100);
	/* the loop's events go before the loop */
	defer_free(&net.tx_more);
	netdev_close(net.nd);
	net.nd = NULL;
	event_base_free(base);
}
END_TEST

/* ---- the PHB's RTAS calls ------------------------------------------------ */

static uint32_t token_of(const char *name)
{
	size_t i;

	for (i = 0; i < rtas_nr_calls(); i++)
		if (!strcmp(rtas_call_name(i), name))
			return rtas_call_token(i);
	ck_abort_msg("no RTAS call %s", name);
	return 0;
}

/* Call RTAS with the block at 0x4000; returns rets[0], *val = rets[1]. */
static int32_t rtas(struct fake_vm *f, const char *name, uint32_t nargs, uint32_t nret,
		    const uint32_t *args, uint32_t *val)
{
	uint64_t hargs[9] = { 0x4000 };
	uint32_t i, status;

	guest_write_be32(&f->vm.mem, 0x4000, token_of(name));
	guest_write_be32(&f->vm.mem, 0x4004, nargs);
	guest_write_be32(&f->vm.mem, 0x4008, nret);
	for (i = 0; i < nargs; i++)
		guest_write_be32(&f->vm.mem, 0x400c + 4 * i, args[i]);
	ck_assert_int_eq(papr_h_rtas(&f->vm.vcpus[0], hargs), 0);
	guest_read_be32(&f->vm.mem, 0x400c + 4 * nargs, &status);
	if (val && nret > 1)
		guest_read_be32(&f->vm.mem, 0x4010 + 4 * nargs, val);
	return (int32_t)status;
}

START_TEST(phb_config_over_rtas)
{
	static struct fake_vm f;
	static struct { struct spapr_phb phb; } ps;
	uint32_t hi = (uint32_t)(SPAPR_PHB_BUID >> 32), lo = (uint32_t)SPAPR_PHB_BUID, v = 0;

	fake_vm_init(&f, RAM);
	pci_setup();
	spapr_phb_init(&ps.phb, 0x1111);
	f.vm.pci = &ps.phb.host;
	ck_assert_int_eq(pci_host_attach(f.vm.pci, 2, &vp.fn), 0);
	ck_assert_uint_eq(cfg32(0x10), spapr_phb_bar_pci(2));	/* the PHB placed BAR0 */
	/* slot 2 = devfn 0x10: vendor/device */
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x1000, hi, lo, 4 }, &v), 0);
	ck_assert_uint_eq(v, 0x10471af4);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x1002, hi, lo, 2 }, &v), 0);
	ck_assert_uint_eq(v, 0x1047);
	ck_assert_int_eq(rtas(&f, "ibm,write-pci-config", 5, 1,
			      (uint32_t[]){ 0x103c, hi, lo, 1, 0x55 }, NULL), 0);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x103c, hi, lo, 1 }, &v), 0);
	ck_assert_uint_eq(v, 0x55);
	/* Empty slot, other bus, wrong BUID, function 1, bad size, past 256
	 * (extended register bits): hardware error, all ones. */
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x0800, hi, lo, 4 }, &v), -1);
	ck_assert_uint_eq(v, 0xffffffff);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x11000, hi, lo, 4 }, &v), -1);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x1000, hi, lo + 1, 4 }, &v), -1);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x1100, hi, lo, 4 }, &v), -1);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x1000, hi, lo, 8 }, &v), -1);
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 4, 2,
			      (uint32_t[]){ 0x10001000, hi, lo, 4 }, &v), -1);
	ck_assert_int_eq(rtas(&f, "ibm,write-pci-config", 5, 1,
			      (uint32_t[]){ 0x0800, hi, lo, 4, 0 }, NULL), -1);
	/* Wrong argument counts */
	ck_assert_int_eq(rtas(&f, "ibm,read-pci-config", 2, 2,
			      (uint32_t[]){ 0x1000, 4 }, &v), -3);
	ck_assert_int_eq(rtas(&f, "ibm,write-pci-config", 4, 1,
			      (uint32_t[]){ 0x1000, hi, lo, 4 }, NULL), -3);
	ring_teardown();
	fake_vm_destroy(&f);
}
END_TEST

Suite *virtio_suite(void)
{
	Suite *s = suite_create("virtio");
	TCase *t = tcase_create("virtq");

	tcase_add_checked_fixture(t, ring_setup, ring_teardown);
	tcase_add_test(t, pop_push_chain);
	tcase_add_test(t, chain_loop);
	tcase_add_test(t, self_loop);
	tcase_add_test(t, next_out_of_table);
	tcase_add_test(t, head_out_of_table);
	tcase_add_test(t, buffer_outside_ram);
	tcase_add_test(t, huge_length);
	tcase_add_test(t, address_wraps);
	tcase_add_test(t, avail_index_runs_ahead);
	tcase_add_test(t, indirect_refused);
	tcase_add_test(t, readable_after_writable);
	tcase_add_test(t, rings_outside_ram);
	tcase_add_test(t, bad_size_is_idle);
	suite_add_tcase(s, t);

	t = tcase_create("virtio-pci");
	tcase_add_checked_fixture(t, pci_setup, ring_teardown);
	tcase_add_test(t, config_header);
	tcase_add_test(t, capability_list);
	tcase_add_test(t, feature_negotiation);
	tcase_add_test(t, queue_setup_and_notify);
	tcase_add_test(t, isr_and_interrupt_line);
	tcase_add_test(t, device_config_bounds);
	tcase_add_test(t, broken_queue_needs_reset);
	suite_add_tcase(s, t);

	t = tcase_create("virtio-blk");
	tcase_add_checked_fixture(t, blk_rw_setup, blk_stop);
	tcase_add_test(t, blk_read_write_flush);
	tcase_add_test(t, blk_open_errors);
	suite_add_tcase(s, t);
	t = tcase_create("virtio-blk-thread");
	tcase_add_checked_fixture(t, blk_thread_setup, blk_stop);
	tcase_add_test(t, blk_io_thread);
	suite_add_tcase(s, t);
	t = tcase_create("virtio-blk-readonly");
	tcase_add_checked_fixture(t, blk_ro_setup, blk_stop);
	tcase_add_test(t, blk_readonly_rejects_writes);
	suite_add_tcase(s, t);

	t = tcase_create("virtio-net");
	tcase_add_checked_fixture(t, net_setup, net_teardown);
	tcase_add_test(t, net_transmit_and_receive);
	tcase_add_test(t, net_transmit_in_passes);
	suite_add_tcase(s, t);

	t = tcase_create("phb");
	tcase_add_test(t, phb_config_over_rtas);
	suite_add_tcase(s, t);
	return s;
}
