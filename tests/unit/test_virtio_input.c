// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-input on hand-built rings: the config space a driver queries
 * (select/subsel written, then size and union read back), input events
 * turned into evdev records in posted buffers, the bounded queue while no
 * buffers are posted, the status queue, and hostile buffers.
 */
#include <event2/event.h>
#include <string.h>

#include <linux/input-event-codes.h>

#include "../../devices/virtio_input.h"
#include "../../ui/input.h"
#include "../../vmm/guest_mem.h"
#include "../../vmm/le.h"
#include "unit.h"

#define RAM	0x100000
#define QSIZE	8
#define DESC	0x1000
#define AVAIL	0x2000
#define USED	0x3000
#define BUF	0x8000
/* the status queue's rings */
#define SDESC	0x4000
#define SAVAIL	0x5000
#define SUSED	0x6000

static struct guest_mem mem;
static struct virtio_input vin;
static int irq_raised;

static void record_irq(void *opaque, uint32_t nr, int level)
{
	(void)opaque;
	(void)nr;
	if (level)
		irq_raised++;
}

static const struct irq_chip test_chip = { .name = "test", .set_level = record_irq };

static void queue_at(struct virtq *q, uint64_t desc, uint64_t avail, uint64_t used)
{
	virtq_reset(q);
	q->size = QSIZE;
	q->enabled = true;
	q->desc = desc;
	q->avail = avail;
	q->used = used;
}

static void setup(void)
{
	ck_assert_int_eq(guest_mem_alloc(&mem, RAM), 0);
	virtio_input_setup(&vin, 1024, 768);
	virtio_pci_init(&vin.vp, &virtio_input_ops, &vin, &mem);
	irq_connect(&vin.vp.fn.irq, &test_chip, NULL, 0);
	queue_at(&vin.vp.vq[VIRTIO_INPUT_EVENTQ], DESC, AVAIL, USED);
	queue_at(&vin.vp.vq[VIRTIO_INPUT_STATUSQ], SDESC, SAVAIL, SUSED);
	vin.vp.status = VIRTIO_STATUS_DRIVER_OK;
	irq_raised = 0;
}

static void teardown(void)
{
	guest_mem_free(&mem);
}

/* ---- helpers ------------------------------------------------------------- */

static void set_desc(uint64_t table, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags)
{
	uint8_t *d = guest_ptr(&mem, table + 16 * i, 16);

	le64_store(d, addr);
	le32_store(d + 8, len);
	le16_store(d + 12, flags);
	le16_store(d + 14, 0);
}

static void offer(uint64_t avail, uint16_t head)
{
	uint16_t idx;

	ck_assert(guest_read_le16(&mem, avail + 2, &idx));
	ck_assert(guest_write_le16(&mem, avail + 4 + 2 * (idx % QSIZE), head));
	ck_assert(guest_write_le16(&mem, avail + 2, (uint16_t)(idx + 1)));
}

/* Post n writable 8-byte event buffers (descriptors first..first+n-1). */
static void post_buffers(uint16_t first, uint16_t n)
{
	uint16_t i;

	for (i = first; i < first + n; i++) {
		set_desc(DESC, i, BUF + 16 * i, VIRTIO_INPUT_EVENT_LEN, VIRTQ_DESC_F_WRITE);
		offer(AVAIL, i);
	}
}

static void kick(uint16_t q)
{
	uint8_t v[2] = { (uint8_t)q, 0 };

	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT * q, v, 2,
			      true);
}

static uint16_t used_idx(uint64_t used)
{
	uint16_t idx;

	ck_assert(guest_read_le16(&mem, used + 2, &idx));
	return idx;
}

/* The record in used entry n: which buffer and its len, then its bytes. */
static void used_event(unsigned int n, uint16_t *type, uint16_t *code, int32_t *value)
{
	uint32_t id, len, v;

	ck_assert(guest_read_le32(&mem, USED + 4 + 8 * (n % QSIZE), &id));
	ck_assert(guest_read_le32(&mem, USED + 8 + 8 * (n % QSIZE), &len));
	ck_assert_uint_lt(id, QSIZE);
	ck_assert_uint_eq(len, VIRTIO_INPUT_EVENT_LEN);
	ck_assert(guest_read_le16(&mem, BUF + 16 * id, type));
	ck_assert(guest_read_le16(&mem, BUF + 16 * id + 2, code));
	ck_assert(guest_read_le32(&mem, BUF + 16 * id + 4, &v));
	*value = (int32_t)v;
}

static void expect_event(unsigned int n, uint16_t type, uint16_t code, int32_t value)
{
	uint16_t t, c;
	int32_t v;

	used_event(n, &t, &c, &v);
	ck_assert_msg(t == type && c == code && v == value,
		      "used[%u]: got %u %u %d, want %u %u %d", n, t, c, v, type, code, value);
}

static void post_key(uint16_t code, bool down)
{
	struct input_event ev = { .kind = INPUT_KEY, .code = code, .down = down };

	virtio_input_sink(&vin, &ev);
}

/* Select, subsel (one 16-bit write as well as bytes), then read size and
 * the union. */
static uint8_t query(uint8_t select, uint8_t subsel, uint8_t *u)
{
	uint8_t sel[2] = { select, subsel }, size;

	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF, sel, 2, true);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + 2, &size, 1, false);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + VIRTIO_INPUT_CFG_UNION, u, 128,
			      false);
	return size;
}

static bool bit(const uint8_t *map, unsigned int b)
{
	return map[b / 8] & (1u << (b % 8));
}

/* ---- config space ---------------------------------------------------------- */

START_TEST(config_identity)
{
	uint8_t u[128], sel;
	uint32_t v;

	ck_assert(virtio_pci_cfg_read(&vin.vp, 0x00, 4, &v));
	ck_assert_uint_eq(v, 0x10521af4);		/* 0x1040 + 18 */
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ID_NAME, 0, u), 27);
	ck_assert_mem_eq(u, "molvm virtio keyboard+mouse", 27);
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ID_SERIAL, 0, u), 13);
	ck_assert_mem_eq(u, "molvm-input-0", 13);
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ID_DEVIDS, 0, u), 8);
	ck_assert_uint_eq(le16_load(u), 0x06);		/* BUS_VIRTUAL */
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_PROP_BITS, 0, u), 0);
	/* A name has no subsel; unknown selects answer size 0. */
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ID_NAME, 1, u), 0);
	ck_assert_uint_eq(query(0x7f, 0, u), 0);
	ck_assert_uint_eq(query(0xff, 0xff, u), 0);
	/* select and subsel read back; single-byte writes work too */
	sel = VIRTIO_INPUT_CFG_EV_BITS;
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF, &sel, 1, true);
	sel = EV_REL;
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + 1, &sel, 1, true);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF, u, 4, false);
	ck_assert_uint_eq(u[0], VIRTIO_INPUT_CFG_EV_BITS);
	ck_assert_uint_eq(u[1], EV_REL);
	ck_assert_uint_eq(u[2], 1);
}
END_TEST

START_TEST(config_ev_bits_and_abs_info)
{
	uint8_t u[128];

	ck_assert_uint_gt(query(VIRTIO_INPUT_CFG_EV_BITS, EV_KEY, u), BTN_MIDDLE / 8);
	ck_assert(bit(u, KEY_A));
	ck_assert(bit(u, KEY_ENTER));
	ck_assert(bit(u, KEY_LEFTSHIFT));
	ck_assert(bit(u, BTN_LEFT));
	ck_assert(bit(u, BTN_RIGHT));
	ck_assert(bit(u, BTN_MIDDLE));
	ck_assert(!bit(u, KEY_RESERVED));
	ck_assert(!bit(u, BTN_TOUCH));
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_EV_BITS, EV_REL, u), 1);
	ck_assert(bit(u, REL_X) && bit(u, REL_Y) && !bit(u, REL_WHEEL));
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_EV_BITS, EV_ABS, u), 1);
	ck_assert(bit(u, ABS_X) && bit(u, ABS_Y) && !bit(u, ABS_Z));
	/* No autorepeat, LEDs or switches */
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_EV_BITS, EV_REP, u), 0);
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_EV_BITS, EV_LED, u), 0);
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_EV_BITS, EV_SW, u), 0);

	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ABS_INFO, ABS_X, u), 20);
	ck_assert_uint_eq(le32_load(u), 0);			/* min */
	ck_assert_uint_eq(le32_load(u + 4), VIRTIO_INPUT_ABS_MAX);	/* max */
	ck_assert_uint_eq(le32_load(u + 8), 0);			/* fuzz */
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ABS_INFO, ABS_Y, u), 20);
	ck_assert_uint_eq(le32_load(u + 4), VIRTIO_INPUT_ABS_MAX);
	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ABS_INFO, ABS_PRESSURE, u), 0);
}
END_TEST

/* Accesses outside the 136 bytes are refused by the transport; writes to
 * the read-only part change nothing. */
START_TEST(config_bounds)
{
	uint8_t d[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa }, u[128];

	ck_assert_uint_eq(query(VIRTIO_INPUT_CFG_ID_NAME, 0, u), 27);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + 2, d, 4, true);	/* size etc. */
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + 8, d, 8, true);	/* union */
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + VIRTIO_INPUT_CFG_LEN - 4, d, 8,
			      true);						/* crosses */
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF, u, 4, false);
	ck_assert_uint_eq(u[0], VIRTIO_INPUT_CFG_ID_NAME);
	ck_assert_uint_eq(u[2], 27);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + 8, u, 8, false);
	ck_assert_mem_eq(u, "molvm vi", 8);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF + VIRTIO_INPUT_CFG_LEN - 4, d, 8,
			      false);
	ck_assert_uint_eq(d[0], 0);				/* refused: zeros */
	/* A device reset forgets the query. */
	virtio_pci_bar_access(&vin.vp, 0x14, (uint8_t[1]){ 0 }, 1, true);
	virtio_pci_bar_access(&vin.vp, VIRTIO_PCI_DEVCFG_OFF, u, 4, false);
	ck_assert_uint_eq(u[0], 0);
	ck_assert_uint_eq(u[2], 0);
}
END_TEST

/* ---- events ---------------------------------------------------------------- */

START_TEST(key_events_in_order_with_syn)
{
	post_buffers(0, QSIZE);
	kick(VIRTIO_INPUT_EVENTQ);
	ck_assert_uint_eq(used_idx(USED), 0);			/* nothing to say yet */
	post_key(KEY_A, true);
	post_key(KEY_A, false);
	ck_assert_uint_eq(used_idx(USED), 4);
	expect_event(0, EV_KEY, KEY_A, 1);
	expect_event(1, EV_SYN, SYN_REPORT, 0);
	expect_event(2, EV_KEY, KEY_A, 0);
	expect_event(3, EV_SYN, SYN_REPORT, 0);
	ck_assert_int_gt(irq_raised, 0);
	ck_assert_uint_eq(vin.count, 0);
}
END_TEST

START_TEST(mouse_events)
{
	struct input_event abs = { .kind = INPUT_MOUSE_ABS, .x = 1023, .y = 384 };
	struct input_event far = { .kind = INPUT_MOUSE_ABS, .x = 5000, .y = 0 };
	struct input_event rel = { .kind = INPUT_MOUSE_REL, .dx = -7, .dy = 0 };
	struct input_event btn = { .kind = INPUT_MOUSE_BUTTON, .button = 1, .down = true };
	struct input_event bad = { .kind = INPUT_MOUSE_BUTTON, .button = 3, .down = true };

	post_buffers(0, QSIZE);
	kick(VIRTIO_INPUT_EVENTQ);
	virtio_input_sink(&vin, &abs);
	virtio_input_sink(&vin, &rel);
	virtio_input_sink(&vin, &btn);
	virtio_input_sink(&vin, &bad);			/* no such button: nothing */
	ck_assert_uint_eq(used_idx(USED), 7);
	expect_event(0, EV_ABS, ABS_X, VIRTIO_INPUT_ABS_MAX);	/* right edge */
	expect_event(1, EV_ABS, ABS_Y, 384 * VIRTIO_INPUT_ABS_MAX / 767);
	expect_event(2, EV_SYN, SYN_REPORT, 0);
	expect_event(3, EV_REL, REL_X, -7);			/* no REL_Y for 0 */
	expect_event(4, EV_SYN, SYN_REPORT, 0);
	expect_event(5, EV_KEY, BTN_RIGHT, 1);
	expect_event(6, EV_SYN, SYN_REPORT, 0);
	/* Past the framebuffer: clamped to its edge. */
	post_buffers(0, 3);
	virtio_input_sink(&vin, &far);
	ck_assert_uint_eq(used_idx(USED), 10);
	expect_event(7, EV_ABS, ABS_X, VIRTIO_INPUT_ABS_MAX);
	expect_event(8, EV_ABS, ABS_Y, 0);
}
END_TEST

/* No buffers: events wait, in order, and the oldest go when full. */
START_TEST(queue_until_buffers_then_drop_oldest)
{
	unsigned int i;

	post_key(KEY_B, true);				/* 2 events, queued */
	ck_assert_uint_eq(used_idx(USED), 0);
	ck_assert_uint_eq(vin.count, 2);
	post_buffers(0, 1);
	kick(VIRTIO_INPUT_EVENTQ);
	ck_assert_uint_eq(used_idx(USED), 1);
	expect_event(0, EV_KEY, KEY_B, 1);
	ck_assert_uint_eq(vin.count, 1);
	post_buffers(1, 1);
	kick(VIRTIO_INPUT_EVENTQ);
	expect_event(1, EV_SYN, SYN_REPORT, 0);
	ck_assert_uint_eq(vin.count, 0);
	ck_assert_uint_eq(vin.dropped, 0);

	/* Overflow: VIRTIO_INPUT_PENDING / 2 + 3 key events, 2 records each */
	for (i = 0; i < VIRTIO_INPUT_PENDING / 2 + 3; i++)
		post_key(i & 1 ? KEY_1 : KEY_2, !(i & 1));
	ck_assert_uint_eq(vin.count, VIRTIO_INPUT_PENDING);
	ck_assert_uint_eq(vin.dropped, 6);
	/* The first three key events were dropped: the oldest left is the
	 * fourth (i = 3: KEY_1 up). */
	post_buffers(2, 2);
	kick(VIRTIO_INPUT_EVENTQ);
	ck_assert_uint_eq(used_idx(USED), 4);
	expect_event(2, EV_KEY, KEY_1, 0);
	expect_event(3, EV_SYN, SYN_REPORT, 0);
}
END_TEST

/* Before DRIVER_OK nothing is delivered; a reset drops what waited. */
START_TEST(driver_not_ready)
{
	vin.vp.status = VIRTIO_STATUS_DRIVER;
	post_buffers(0, 2);
	post_key(KEY_C, true);
	ck_assert_uint_eq(used_idx(USED), 0);
	ck_assert_uint_eq(vin.count, 2);
	virtio_pci_bar_access(&vin.vp, 0x14, (uint8_t[1]){ 0 }, 1, true);
	ck_assert_uint_eq(vin.count, 0);
	ck_assert_uint_eq(used_idx(USED), 0);
}
END_TEST

START_TEST(status_queue_consumed)
{
	uint32_t len;

	set_desc(SDESC, 0, BUF + 0x800, 8, 0);			/* an LED event */
	le16_store(guest_ptr(&mem, BUF + 0x800, 8), EV_LED);
	offer(SAVAIL, 0);
	set_desc(SDESC, 1, BUF + 0x808, 8, 0);
	offer(SAVAIL, 1);
	kick(VIRTIO_INPUT_STATUSQ);
	ck_assert_uint_eq(used_idx(SUSED), 2);
	ck_assert(guest_read_le32(&mem, SUSED + 8, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_int_gt(irq_raised, 0);
	ck_assert_uint_eq(used_idx(USED), 0);			/* the event queue untouched */
}
END_TEST

/*
 * Queues with more buffers than a pass takes (DEFER_BATCH): status
 * buffers, and event buffers too short for an event while one waits.  A
 * kick or an input event does one pass, the main loop's next turn the
 * rest.  Before, one call took them all: another vCPU republishing kept
 * it (on the main loop, for host input) for ever.
 */
START_TEST(queues_in_passes)
{
	struct event_base *base = event_base_new();
	struct virtq *sq = &vin.vp.vq[VIRTIO_INPUT_STATUSQ], *eq = &vin.vp.vq[VIRTIO_INPUT_EVENTQ];
	uint16_t i;

	ck_assert_int_eq(virtio_input_start(&vin, base), 0);
	queue_at(sq, 0x10000, 0x11000, 0x12000);
	queue_at(eq, 0x20000, 0x21000, 0x22000);
	sq->size = eq->size = 128;
	for (i = 0; i < 100; i++) {
		set_desc(0x10000, i, BUF, 8, 0);
		set_desc(0x20000, i, BUF, 4, VIRTQ_DESC_F_WRITE);	/* too short */
		ck_assert(guest_write_le16(&mem, 0x11004 + 2 * i, i));
		ck_assert(guest_write_le16(&mem, 0x21004 + 2 * i, i));
	}
	ck_assert(guest_write_le16(&mem, 0x11002, 100));
	ck_assert(guest_write_le16(&mem, 0x21002, 100));
	kick(VIRTIO_INPUT_STATUSQ);
	ck_assert_uint_eq(used_idx(0x12000), DEFER_BATCH);
	post_key(KEY_A, true);
	ck_assert_uint_eq(used_idx(0x22000), DEFER_BATCH);
	event_base_loop(base, EVLOOP_NONBLOCK);
	ck_assert_uint_eq(used_idx(0x12000), 100);
	ck_assert_uint_eq(used_idx(0x22000), 100);
	ck_assert_uint_eq(vin.count, 2);	/* the key and its SYN still wait */
	defer_free(&vin.more);
	event_base_free(base);
}
END_TEST

/* ---- hostile buffers ------------------------------------------------------- */

/* A buffer shorter than a record, or readable only, comes back with
 * length 0 and the event goes to the next proper buffer. */
START_TEST(short_and_readonly_buffers)
{
	uint32_t id, len;

	set_desc(DESC, 0, BUF, 4, VIRTQ_DESC_F_WRITE);
	offer(AVAIL, 0);
	set_desc(DESC, 1, BUF + 16, 8, 0);			/* device-readable */
	offer(AVAIL, 1);
	set_desc(DESC, 2, BUF + 32, 8, VIRTQ_DESC_F_WRITE);
	offer(AVAIL, 2);
	memset(guest_ptr(&mem, BUF, 48), 0xee, 48);
	post_key(KEY_D, true);
	ck_assert_uint_eq(used_idx(USED), 3);
	ck_assert(guest_read_le32(&mem, USED + 4, &id));
	ck_assert(guest_read_le32(&mem, USED + 8, &len));
	ck_assert_uint_eq(id, 0);
	ck_assert_uint_eq(len, 0);
	ck_assert(guest_read_le32(&mem, USED + 16, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_uint_eq(*(uint8_t *)guest_ptr(&mem, BUF, 1), 0xee);	/* not written */
	ck_assert_uint_eq(le16_load(guest_ptr(&mem, BUF + 32, 2)), EV_KEY);
	ck_assert_uint_eq(le16_load(guest_ptr(&mem, BUF + 34, 2)), KEY_D);
	ck_assert_uint_eq(vin.count, 1);			/* its SYN waits */
}
END_TEST

/* A buffer outside RAM breaks the queue: nothing is written, the device
 * asks for a reset, and later events queue instead of crashing. */
START_TEST(buffer_outside_ram)
{
	set_desc(DESC, 0, RAM - 4, 8, VIRTQ_DESC_F_WRITE);
	offer(AVAIL, 0);
	post_key(KEY_E, true);
	ck_assert(vin.vp.vq[VIRTIO_INPUT_EVENTQ].broken);
	ck_assert(vin.vp.status & VIRTIO_STATUS_NEEDS_RESET);
	ck_assert_uint_eq(used_idx(USED), 0);
	post_key(KEY_E, false);
	ck_assert_uint_eq(vin.count, 4);
	/* A used ring outside RAM: the push fails, nothing crashes. */
	virtio_pci_bar_access(&vin.vp, 0x14, (uint8_t[1]){ 0 }, 1, true);
	queue_at(&vin.vp.vq[VIRTIO_INPUT_EVENTQ], DESC, AVAIL, UINT64_MAX - 8);
	vin.vp.status = VIRTIO_STATUS_DRIVER_OK;
	post_buffers(0, 1);
	post_key(KEY_F, true);
	ck_assert(vin.vp.vq[VIRTIO_INPUT_EVENTQ].broken);
}
END_TEST

/* The sink registered through ui/input.h reaches the device. */
START_TEST(registered_as_input_sink)
{
	struct input_event ev = { .kind = INPUT_KEY, .code = KEY_Z, .down = true };
	struct input_event none = { .kind = INPUT_KEY, .code = 0, .down = true };

	struct input_sink s;

	input_sink_init(&s);
	post_buffers(0, 2);
	input_set_sink(&s, virtio_input_sink, &vin);
	input_post(&s, &none);					/* no key 0 */
	input_post(&s, &ev);
	input_set_sink(&s, NULL, NULL);
	input_post(&s, &ev);					/* unregistered: nothing */
	ck_assert_uint_eq(used_idx(USED), 2);
	expect_event(0, EV_KEY, KEY_Z, 1);
	expect_event(1, EV_SYN, SYN_REPORT, 0);
	ck_assert_uint_eq(vin.count, 0);
}
END_TEST

Suite *virtio_input_suite(void)
{
	Suite *s = suite_create("virtio-input");
	TCase *t = tcase_create("config");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, config_identity);
	tcase_add_test(t, config_ev_bits_and_abs_info);
	tcase_add_test(t, config_bounds);
	suite_add_tcase(s, t);

	t = tcase_create("events");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, key_events_in_order_with_syn);
	tcase_add_test(t, mouse_events);
	tcase_add_test(t, queue_until_buffers_then_drop_oldest);
	tcase_add_test(t, driver_not_ready);
	tcase_add_test(t, status_queue_consumed);
	tcase_add_test(t, queues_in_passes);
	tcase_add_test(t, registered_as_input_sink);
	suite_add_tcase(s, t);

	t = tcase_create("hostile");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, short_and_readonly_buffers);
	tcase_add_test(t, buffer_outside_ram);
	suite_add_tcase(s, t);
	return s;
}
