// SPDX-License-Identifier: GPL-2.0
#include "virtio_net.h"

#include <errno.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../vmm/guest_mem.h"
#include "../vmm/le.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "net.h"

/* struct virtio_net_config: mac[6], le16 status (5.1.4) */
#define CFG_LEN		8
/* num_buffers sits at the end of the 12-byte header */
#define HDR_NUM_BUFFERS	10

void virtio_net_setup(struct virtio_net *n, struct netdev *nd, int index)
{
	/* QEMU's default MAC range (locally administered 52:54:00) */
	static const uint8_t base[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	n->nd = nd;
	memcpy(n->mac, base, sizeof(n->mac));
	n->mac[5] = (uint8_t)(base[5] + index);
	defer_init(&n->tx_more, NULL, NULL, NULL);
}

static uint64_t net_features(void *dev)
{
	(void)dev;
	return 1ULL << VIRTIO_NET_F_MAC;
}

static void net_config_read(void *dev, uint32_t off, uint8_t *data, uint32_t len)
{
	struct virtio_net *n = dev;
	uint8_t cfg[CFG_LEN] = { 0 };

	memcpy(cfg, n->mac, 6);
	memcpy(data, cfg + off, len);	/* off + len <= CFG_LEN: checked by the transport */
}

static bool rx_has_buffer(struct virtio_net *n, struct virtq *q)
{
	uint16_t idx;

	return guest_read_le16(n->vp.mem, q->avail + 2, &idx) && idx != q->last_avail;
}

/* A frame from the back end (main loop): into the next posted buffer, or
 * false when there is none. */
static bool receive(void *arg, const uint8_t *frame, size_t len)
{
	struct virtio_net *n = arg;
	struct virtio_pci *vp = &n->vp;
	struct virtq *q;
	uint8_t hdr[VIRTIO_NET_HDR_LEN] = { 0 };
	bool taken = false;
	size_t put;

	virtio_pci_lock(vp);
	q = virtio_pci_queue(vp, VIRTIO_NET_RXQ);
	if (q && rx_has_buffer(n, q) && virtio_pci_pop(vp, q, &n->chain) == 1) {
		le16_store(hdr + HDR_NUM_BUFFERS, 1);
		/* A buffer too small for the frame gets its first part. */
		put = virtq_write(vp->mem, &n->chain, 0, hdr, sizeof(hdr));
		if (put == sizeof(hdr))
			put += virtq_write(vp->mem, &n->chain, sizeof(hdr), frame, len);
		if (virtq_push(vp->mem, q, n->chain.head, (uint32_t)put))
			virtio_pci_interrupt(vp);
		taken = true;
	} else if (!q) {
		taken = true;	/* the driver is not there: the frame is lost */
	}
	virtio_pci_unlock(vp);
	return taken;
}

/*
 * One pass over the transmit queue (vp.lock held): at most DEFER_BATCH
 * frames or DEFER_BATCH_BYTES, then the rest in a later pass on the main
 * loop.  Without the budget a guest republishing frames from a second
 * vCPU kept this loop, and the lock the main loop needs for receiving,
 * for as long as it liked.
 */
static void transmit(struct virtio_net *n, struct virtq *q)
{
	struct virtio_pci *vp = &n->vp;
	size_t bytes = 0;
	bool any = false;
	int frames;

	for (frames = 0; virtio_pci_pop(vp, q, &n->chain) == 1; frames++) {
		size_t len = virtq_read(vp->mem, &n->chain, VIRTIO_NET_HDR_LEN,
					n->frame, VIRTIO_NET_MAX_FRAME);

		if (len)
			netdev_send(n->nd, n->frame, len);
		if (!virtq_push(vp->mem, q, n->chain.head, 0))
			break;
		any = true;
		bytes += len;
		if (frames + 1 == DEFER_BATCH || bytes >= DEFER_BATCH_BYTES) {
			defer_schedule(&n->tx_more);
			break;
		}
	}
	if (any)
		virtio_pci_interrupt(vp);
}

static void transmit_more(void *arg)
{
	struct virtio_net *n = arg;
	struct virtq *q;

	virtio_pci_lock(&n->vp);
	q = virtio_pci_queue(&n->vp, VIRTIO_NET_TXQ);
	if (q)
		transmit(n, q);
	virtio_pci_unlock(&n->vp);
}

static void net_notify(struct virtio_pci *vp, void *dev, uint16_t qi)
{
	struct virtio_net *n = dev;
	struct virtq *q = virtio_pci_queue(vp, qi);

	if (!q)
		return;
	if (qi == VIRTIO_NET_TXQ)
		transmit(n, q);
	else
		netdev_rx_ready(n->nd);	/* buffers posted: offer what waits */
}

static void net_reset(void *dev)
{
	(void)dev;	/* what waits in the back end goes to the next driver */
}

int virtio_net_start(struct virtio_net *n, struct event_base *base)
{
	if (defer_init(&n->tx_more, base, transmit_more, n))
		return -1;
	return netdev_start(n->nd, base, receive, n);
}

const struct virtio_dev_ops virtio_net_ops = {
	.name = "virtio-net",
	.virtio_id = VIRTIO_ID_NET,
	.class_code = 0x020000,		/* network, ethernet */
	.num_queues = 2,
	.config_len = CFG_LEN,
	.features = net_features,
	.config_read = net_config_read,
	.notify = net_notify,
	.reset = net_reset,
};

static int net_count(const struct vm_config *cfg)
{
	return cfg->nr_netdevs;
}

static struct pci_function *net_create(struct vm *vm, int i)
{
	struct virtio_net *n = calloc(1, sizeof(*n));

	if (!n) {
		pr_err("virtio-net: out of memory");
		return NULL;
	}
	virtio_pci_init(&n->vp, &virtio_net_ops, n, &vm->mem);
	virtio_net_setup(n, NULL, i);
	return &n->vp.fn;
}

static int net_open(struct vm *vm, struct pci_function *fn, int i)
{
	struct virtio_net *n = virtio_pci_dev(fn);

	n->nd = netdev_open(&vm->cfg->netdevs[i]);
	return n->nd ? 0 : -1;
}

/* (netdev_start says what went wrong) */
static int net_start(struct vm *vm, struct pci_function *fn, int i)
{
	(void)i;
	return virtio_net_start(virtio_pci_dev(fn), vm->base);
}

static void net_destroy(struct vm *vm, struct pci_function *fn)
{
	struct virtio_net *n = virtio_pci_dev(fn);

	(void)vm;
	virtio_pci_exit(&n->vp);
	defer_free(&n->tx_more);
	netdev_close(n->nd);
	free(n);
}

const struct pci_device_kind virtio_net_kind = {
	.name = "virtio-net",
	.count = net_count,
	.create = net_create,
	.open = net_open,
	.start = net_start,
	.destroy = net_destroy,
};
