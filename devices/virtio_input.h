/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio-input (virtio 1.1, section 5.8): one combined keyboard, mouse and
 * tablet for pseries guests.  It is the ui/input.h sink: each key, button
 * or pointer event from a display back end, the control socket or a script
 * becomes evdev events (EV_KEY, EV_REL, EV_ABS, then EV_SYN SYN_REPORT)
 * written into the buffers the guest posts on the event queue.  Events
 * wait in a bounded host-side queue while the guest has no buffers; when
 * it is full the oldest are dropped (and counted).  The status queue
 * (LED changes from the guest) is consumed and ignored.
 */
#ifndef MOLVM_VIRTIO_INPUT_H
#define MOLVM_VIRTIO_INPUT_H

#include <stdint.h>

#include "../vmm/defer.h"
#include "virtio_pci.h"

struct event_base;
struct input_event;

#define VIRTIO_ID_INPUT		18	/* virtio 1.1, 5 */
#define VIRTIO_INPUT_EVENTQ	0	/* 5.8.2 */
#define VIRTIO_INPUT_STATUSQ	1

/* virtio_input_config.select values (5.8.4) */
#define VIRTIO_INPUT_CFG_UNSET		0x00
#define VIRTIO_INPUT_CFG_ID_NAME	0x01
#define VIRTIO_INPUT_CFG_ID_SERIAL	0x02
#define VIRTIO_INPUT_CFG_ID_DEVIDS	0x03
#define VIRTIO_INPUT_CFG_PROP_BITS	0x10
#define VIRTIO_INPUT_CFG_EV_BITS	0x11
#define VIRTIO_INPUT_CFG_ABS_INFO	0x12

/* struct virtio_input_config: select, subsel, size, 5 reserved, then a
 * 128-byte union (5.8.4) */
#define VIRTIO_INPUT_CFG_UNION		8
#define VIRTIO_INPUT_CFG_LEN		(VIRTIO_INPUT_CFG_UNION + 128)
/* struct virtio_input_event: le16 type, le16 code, le32 value (5.8.6) */
#define VIRTIO_INPUT_EVENT_LEN		8
/* EV_ABS range the guest sees (like QEMU's virtio-tablet): pixel
 * positions are scaled into it. */
#define VIRTIO_INPUT_ABS_MAX		32767
/* Events held while the guest posts no buffers: a few seconds of typing. */
#define VIRTIO_INPUT_PENDING		256

struct virtio_input_ev {
	uint16_t type, code;
	uint32_t value;
};

struct virtio_input {
	struct virtio_pci vp;
	uint32_t fb_width, fb_height;	/* what absolute positions refer to */
	uint8_t select, subsel;		/* the driver's config query */
	/* Ring of events not yet delivered (vp.lock) */
	struct virtio_input_ev pending[VIRTIO_INPUT_PENDING];
	unsigned int head, count;
	uint64_t dropped;		/* events lost to a full queue */
	struct virtq_chain chain;	/* the chain in progress (vp.lock) */
	struct defer more;		/* the next pass over both queues */
};

extern const struct virtio_dev_ops virtio_input_ops;
/* One when input is expected (ui/input.h), the VM's input sink
 * (vmm/pci_devices.h) */
extern const struct pci_device_kind virtio_input_kind;

/* The framebuffer size absolute positions are scaled from (0 x 0 is
 * taken as 1 x 1). */
void virtio_input_setup(struct virtio_input *vi, uint32_t fb_width, uint32_t fb_height);
/* With the event loop: where passes cut short by their budget go on. */
int virtio_input_start(struct virtio_input *vi, struct event_base *base);

/* The ui/input.h sink (arg: the struct virtio_input).  Takes vp.lock. */
void virtio_input_sink(void *arg, const struct input_event *ev);

#endif
