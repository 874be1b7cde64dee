// SPDX-License-Identifier: GPL-2.0
#include "virtio_input.h"

#include <stdlib.h>
#include <string.h>

#include <linux/input-event-codes.h>

#include "../ui/framebuffer.h"
#include "../ui/input.h"
#include "../vmm/le.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"

#define NAME		"molvm virtio keyboard+mouse"
#define SERIAL		"molvm-input-0"
/* struct virtio_input_devids (5.8.4): BUS_VIRTUAL (linux/input.h), and
 * QEMU's vendor and product numbers for its virtio input devices. */
#define DEVIDS_BUSTYPE	0x06
#define DEVIDS_VENDOR	0x0627
#define DEVIDS_PRODUCT	0x0001
#define DEVIDS_VERSION	0x0001
/* Keyboard keys are below the first button code (BTN_MISC, 0x100). */
#define LAST_KEYBOARD_KEY	(BTN_MISC - 1)

void virtio_input_setup(struct virtio_input *vi, uint32_t fb_width, uint32_t fb_height)
{
	vi->fb_width = fb_width ? fb_width : 1;
	vi->fb_height = fb_height ? fb_height : 1;
	vi->select = vi->subsel = 0;
	vi->head = vi->count = 0;
	vi->dropped = 0;
	defer_init(&vi->more, NULL, NULL, NULL);
}

static uint64_t input_features(void *dev)
{
	(void)dev;
	return 0;		/* virtio-input has no feature bits (5.8.3) */
}

static void set_bit(uint8_t *map, unsigned int bit)
{
	map[bit / 8] |= (uint8_t)(1u << (bit % 8));
}

/* The union for EV_BITS subsel: the codes of one event type, as a bitmap
 * with bit n in byte n / 8 (5.8.4).  Returns its size in bytes. */
static uint8_t ev_bits(uint8_t type, uint8_t *map)
{
	unsigned int c;

	switch (type) {
	case EV_KEY:
		for (c = KEY_ESC; c <= LAST_KEYBOARD_KEY; c++)
			set_bit(map, c);
		set_bit(map, BTN_LEFT);
		set_bit(map, BTN_RIGHT);
		set_bit(map, BTN_MIDDLE);
		return BTN_MIDDLE / 8 + 1;
	case EV_REL:
		set_bit(map, REL_X);
		set_bit(map, REL_Y);
		return 1;
	case EV_ABS:
		set_bit(map, ABS_X);
		set_bit(map, ABS_Y);
		return 1;
	default:
		return 0;	/* nothing of that type (EV_REP, EV_LED too) */
	}
}

/* The whole configuration for the current select/subsel. */
static void build_config(const struct virtio_input *vi, uint8_t *cfg)
{
	uint8_t *u = cfg + VIRTIO_INPUT_CFG_UNION, size = 0;

	memset(cfg, 0, VIRTIO_INPUT_CFG_LEN);
	cfg[0] = vi->select;
	cfg[1] = vi->subsel;
	switch (vi->select) {
	case VIRTIO_INPUT_CFG_ID_NAME:
		if (!vi->subsel) {
			size = sizeof(NAME) - 1;
			memcpy(u, NAME, size);
		}
		break;
	case VIRTIO_INPUT_CFG_ID_SERIAL:
		if (!vi->subsel) {
			size = sizeof(SERIAL) - 1;
			memcpy(u, SERIAL, size);
		}
		break;
	case VIRTIO_INPUT_CFG_ID_DEVIDS:
		if (!vi->subsel) {
			le16_store(u, DEVIDS_BUSTYPE);
			le16_store(u + 2, DEVIDS_VENDOR);
			le16_store(u + 4, DEVIDS_PRODUCT);
			le16_store(u + 6, DEVIDS_VERSION);
			size = 8;
		}
		break;
	case VIRTIO_INPUT_CFG_PROP_BITS:
		break;		/* no INPUT_PROP_* */
	case VIRTIO_INPUT_CFG_EV_BITS:
		size = ev_bits(vi->subsel, u);
		break;
	case VIRTIO_INPUT_CFG_ABS_INFO:
		/* struct virtio_input_absinfo: le32 min, max, fuzz, flat, res */
		if (vi->subsel == ABS_X || vi->subsel == ABS_Y) {
			le32_store(u, 0);
			le32_store(u + 4, VIRTIO_INPUT_ABS_MAX);
			size = 20;
		}
		break;
	default:
		break;		/* unknown select: size 0 */
	}
	cfg[2] = size;
}

static void input_config_read(void *dev, uint32_t off, uint8_t *data, uint32_t len)
{
	uint8_t cfg[VIRTIO_INPUT_CFG_LEN];

	build_config(dev, cfg);
	memcpy(data, cfg + off, len);	/* off + len <= CFG_LEN: checked by the transport */
}

/* Only select and subsel are writable (5.8.4); the rest is ignored. */
static void input_config_write(void *dev, uint32_t off, const uint8_t *data, uint32_t len)
{
	struct virtio_input *vi = dev;
	uint32_t i;

	for (i = 0; i < len; i++) {
		if (off + i == 0)
			vi->select = data[i];
		else if (off + i == 1)
			vi->subsel = data[i];
	}
}

/* Move pending events into posted buffers, one event per buffer (5.8.6).
 * With vp.lock held.  One pass takes at most DEFER_BATCH buffers, then
 * the rest waits for the next pass on the main loop: buffers too short
 * for an event, republished by another vCPU, used to keep this loop (on
 * the main loop, for input from the host) for ever. */
static void flush(struct virtio_input *vi)
{
	struct virtio_pci *vp = &vi->vp;
	struct virtq *q = virtio_pci_queue(vp, VIRTIO_INPUT_EVENTQ);
	bool any = false;
	int n;

	for (n = 0; q && vi->count; n++) {
		if (n == DEFER_BATCH) {
			defer_schedule(&vi->more);
			break;
		}
		const struct virtio_input_ev *e = &vi->pending[vi->head];
		uint8_t buf[VIRTIO_INPUT_EVENT_LEN];
		uint32_t put = 0;

		if (virtio_pci_pop(vp, q, &vi->chain) != 1)
			break;
		/* A buffer too short for an event is handed back empty; the
		 * event waits for the next one. */
		if (vi->chain.in_len >= VIRTIO_INPUT_EVENT_LEN) {
			le16_store(buf, e->type);
			le16_store(buf + 2, e->code);
			le32_store(buf + 4, e->value);
			put = (uint32_t)virtq_write(vp->mem, &vi->chain, 0, buf, sizeof(buf));
			vi->head = (vi->head + 1) % VIRTIO_INPUT_PENDING;
			vi->count--;
		}
		if (!virtq_push(vp->mem, q, vi->chain.head, put))
			break;
		any = true;
	}
	if (any)
		virtio_pci_interrupt(vp);
}

/* Queue one event; a full queue loses its oldest. */
static void enqueue(struct virtio_input *vi, uint16_t type, uint16_t code, uint32_t value)
{
	struct virtio_input_ev *e;

	if (vi->count == VIRTIO_INPUT_PENDING) {
		vi->head = (vi->head + 1) % VIRTIO_INPUT_PENDING;
		vi->count--;
		vi->dropped++;
	}
	e = &vi->pending[(vi->head + vi->count) % VIRTIO_INPUT_PENDING];
	e->type = type;
	e->code = code;
	e->value = value;
	vi->count++;
}

/* A pixel position 0..size-1 in the ABS_INFO range 0..ABS_MAX. */
static uint32_t scale(uint32_t pos, uint32_t size)
{
	if (size < 2)
		return 0;
	if (pos > size - 1)
		pos = size - 1;
	return (uint32_t)((uint64_t)pos * VIRTIO_INPUT_ABS_MAX / (size - 1));
}

/* The evdev events of one ui/input.h event; false when there are none. */
static bool translate(struct virtio_input *vi, const struct input_event *ev)
{
	static const uint16_t buttons[3] = { BTN_LEFT, BTN_RIGHT, BTN_MIDDLE };

	switch (ev->kind) {
	case INPUT_KEY:
		if (!ev->code || ev->code > KEY_MAX)
			return false;
		enqueue(vi, EV_KEY, ev->code, ev->down);
		return true;
	case INPUT_MOUSE_REL:
		if (!ev->dx && !ev->dy)
			return false;
		if (ev->dx)
			enqueue(vi, EV_REL, REL_X, (uint32_t)ev->dx);
		if (ev->dy)
			enqueue(vi, EV_REL, REL_Y, (uint32_t)ev->dy);
		return true;
	case INPUT_MOUSE_ABS:
		enqueue(vi, EV_ABS, ABS_X, scale(ev->x, vi->fb_width));
		enqueue(vi, EV_ABS, ABS_Y, scale(ev->y, vi->fb_height));
		return true;
	case INPUT_MOUSE_BUTTON:
		if (ev->button >= 3)
			return false;
		enqueue(vi, EV_KEY, buttons[ev->button], ev->down);
		return true;
	}
	return false;
}

void virtio_input_sink(void *arg, const struct input_event *ev)
{
	struct virtio_input *vi = arg;

	virtio_pci_lock(&vi->vp);
	if (translate(vi, ev)) {
		/* One report per input event: the guest applies it whole. */
		enqueue(vi, EV_SYN, SYN_REPORT, 0);
		flush(vi);
	}
	virtio_pci_unlock(&vi->vp);
}

/* LED and sound events from the guest: taken and handed back unread, at
 * most DEFER_BATCH a pass. */
static void drain_status(struct virtio_input *vi, struct virtq *q)
{
	bool any = false;
	int n;

	for (n = 0; virtio_pci_pop(&vi->vp, q, &vi->chain) == 1; n++) {
		if (!virtq_push(vi->vp.mem, q, vi->chain.head, 0))
			break;
		any = true;
		if (n + 1 == DEFER_BATCH) {
			defer_schedule(&vi->more);
			break;
		}
	}
	if (any)
		virtio_pci_interrupt(&vi->vp);
}

/* The next pass over both queues, on the main loop. */
static void input_more(void *arg)
{
	struct virtio_input *vi = arg;
	struct virtq *q;

	virtio_pci_lock(&vi->vp);
	flush(vi);
	q = virtio_pci_queue(&vi->vp, VIRTIO_INPUT_STATUSQ);
	if (q)
		drain_status(vi, q);
	virtio_pci_unlock(&vi->vp);
}

static void input_notify(struct virtio_pci *vp, void *dev, uint16_t qi)
{
	struct virtio_input *vi = dev;
	struct virtq *q = virtio_pci_queue(vp, qi);

	if (!q)
		return;
	if (qi == VIRTIO_INPUT_STATUSQ)
		drain_status(vi, q);
	else
		flush(vi);	/* buffers posted: deliver what waits */
}

/* A new driver starts from a clean slate: no stale query, no events
 * meant for the one before it. */
static void input_reset(void *dev)
{
	struct virtio_input *vi = dev;

	vi->select = vi->subsel = 0;
	vi->head = vi->count = 0;
}

const struct virtio_dev_ops virtio_input_ops = {
	.name = "virtio-input",
	.virtio_id = VIRTIO_ID_INPUT,
	.class_code = 0x098000,		/* input device controller, other */
	.num_queues = 2,
	.config_len = VIRTIO_INPUT_CFG_LEN,
	.features = input_features,
	.config_read = input_config_read,
	.config_write = input_config_write,
	.notify = input_notify,
	.reset = input_reset,
};

static int input_count(const struct vm_config *cfg)
{
	return input_expected(cfg) ? 1 : 0;
}

/* Absolute positions are scaled from the machine's display, if any. */
static struct pci_function *input_create(struct vm *vm, int i)
{
	struct virtio_input *vi = calloc(1, sizeof(*vi));

	(void)i;
	if (!vi) {
		pr_err("virtio-input: out of memory");
		return NULL;
	}
	virtio_pci_init(&vi->vp, &virtio_input_ops, vi, &vm->mem);
	virtio_input_setup(vi, vm->fb ? vm->fb->width : 0, vm->fb ? vm->fb->height : 0);
	return &vi->vp.fn;
}

static int input_open(struct vm *vm, struct pci_function *fn, int i)
{
	(void)i;
	input_set_sink(&vm->input, virtio_input_sink, virtio_pci_dev(fn));
	return 0;
}

int virtio_input_start(struct virtio_input *vi, struct event_base *base)
{
	return defer_init(&vi->more, base, input_more, vi);
}

static int input_start(struct vm *vm, struct pci_function *fn, int i)
{
	(void)i;
	if (virtio_input_start(virtio_pci_dev(fn), vm->base)) {
		pr_err("virtio-input: out of memory");
		return -1;
	}
	return 0;
}

static void input_destroy(struct vm *vm, struct pci_function *fn)
{
	struct virtio_input *vi = virtio_pci_dev(fn);

	input_set_sink(&vm->input, NULL, NULL);
	virtio_pci_exit(virtio_pci_of(fn));
	defer_free(&vi->more);
	free(vi);
}

const struct pci_device_kind virtio_input_kind = {
	.name = "virtio-input",
	.count = input_count,
	.create = input_create,
	.open = input_open,
	.start = input_start,
	.destroy = input_destroy,
};
