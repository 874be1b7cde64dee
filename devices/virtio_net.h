/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio-net (virtio 1.1, section 5.1) on a network back end (devices/
 * net.h: a tap or the user-mode network).  Transmit runs on the kicking
 * vCPU thread and hands each frame to the back end; receive runs on the
 * event loop: a frame the guest has no buffer for waits in the back end
 * (the tap's queue, slirp's bounded one) until it posts more.
 */
#ifndef MOLVM_VIRTIO_NET_H
#define MOLVM_VIRTIO_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "../vmm/defer.h"
#include "virtio_pci.h"

struct event_base;
struct netdev;

#define VIRTIO_ID_NET		1
#define VIRTIO_NET_F_MAC	5	/* virtio 1.1, 5.1.3 */
#define VIRTIO_NET_RXQ		0
#define VIRTIO_NET_TXQ		1
/* struct virtio_net_hdr: 12 bytes with VIRTIO_F_VERSION_1 (5.1.6) */
#define VIRTIO_NET_HDR_LEN	12
#define VIRTIO_NET_MAX_FRAME	65536

struct virtio_net {
	struct virtio_pci vp;
	struct netdev *nd;
	uint8_t mac[6];
	struct defer tx_more;		/* the next transmit pass (vmm/defer.h) */
	struct virtq_chain chain;	/* the chain in progress (vp.lock) */
	uint8_t frame[VIRTIO_NET_HDR_LEN + VIRTIO_NET_MAX_FRAME];
};

extern const struct virtio_dev_ops virtio_net_ops;
/* One per -netdev (vmm/pci_devices.h) */
extern const struct pci_device_kind virtio_net_kind;

/* nd: the opened back end (owned from here); index picks the MAC address
 * 52:54:00:12:34:56+index. */
void virtio_net_setup(struct virtio_net *n, struct netdev *nd, int index);
/* Frames start flowing (base NULL in tests: netdev_pump delivers).
 * Returns 0 or -1. */
int virtio_net_start(struct virtio_net *n, struct event_base *base);

#endif
