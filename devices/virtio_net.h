/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio-net (virtio 1.1, section 5.1) on a TAP interface.  Transmit runs
 * on the kicking vCPU thread and writes each frame to the tap; receive
 * runs on the event loop: the tap fd is watched only while the guest has
 * receive buffers posted, so frames wait in the tap's queue, not dropped,
 * until it posts more.
 */
#ifndef MOLVM_VIRTIO_NET_H
#define MOLVM_VIRTIO_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "../vmm/defer.h"
#include "virtio_pci.h"

struct event_base;
struct event;

#define VIRTIO_ID_NET		1
#define VIRTIO_NET_F_MAC	5	/* virtio 1.1, 5.1.3 */
#define VIRTIO_NET_RXQ		0
#define VIRTIO_NET_TXQ		1
/* struct virtio_net_hdr: 12 bytes with VIRTIO_F_VERSION_1 (5.1.6) */
#define VIRTIO_NET_HDR_LEN	12
#define VIRTIO_NET_MAX_FRAME	65536

struct virtio_net {
	struct virtio_pci vp;
	int tap_fd;
	uint8_t mac[6];
	struct event *rx_ev;
	bool rx_watching;		/* rx_ev is added */
	struct defer tx_more;		/* the next transmit pass (vmm/defer.h) */
	struct virtq_chain chain;	/* the chain in progress (vp.lock) */
	uint8_t frame[VIRTIO_NET_HDR_LEN + VIRTIO_NET_MAX_FRAME];
};

extern const struct virtio_dev_ops virtio_net_ops;
/* One per -netdev tap,ifname=NAME (vmm/pci_devices.h) */
extern const struct pci_device_kind virtio_net_kind;

/* tap_fd: from tap_open (or any packet fd, for tests); index picks the
 * MAC address 52:54:00:12:34:56+index. */
void virtio_net_setup(struct virtio_net *n, int tap_fd, int index);
/* Watch the tap on the event loop.  Returns 0 or -1. */
int virtio_net_start(struct virtio_net *n, struct event_base *base);
/* Move frames from the tap into posted receive buffers (the event
 * callback; public for tests). */
void virtio_net_receive(struct virtio_net *n);

#endif
