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
#include "tap.h"

/* struct virtio_net_config: mac[6], le16 status (5.1.4) */
#define CFG_LEN		8
/* num_buffers sits at the end of the 12-byte header */
#define HDR_NUM_BUFFERS	10

void virtio_net_setup(struct virtio_net *n, int tap_fd, int index)
{
	/* QEMU's default MAC range (locally administered 52:54:00) */
	static const uint8_t base[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	n->tap_fd = tap_fd;
	memcpy(n->mac, base, sizeof(n->mac));
	n->mac[5] = (uint8_t)(base[5] + index);
	n->rx_ev = NULL;
	n->rx_watching = false;
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

static void rx_watch(struct virtio_net *n, bool on)
{
	if (!n->rx_ev || n->rx_watching == on)
		return;
	n->rx_watching = on;
	/* Never event_del(): called from a vCPU thread holding vp.lock
	 * (device reset), it would wait for a running on_tap_readable,
	 * which waits for vp.lock.  The callback re-checks under the lock. */
	if (on)
		event_add(n->rx_ev, NULL);
	else
		event_del_noblock(n->rx_ev);
}

static bool rx_has_buffer(struct virtio_net *n, struct virtq *q)
{
	uint16_t idx;

	return guest_read_le16(n->vp.mem, q->avail + 2, &idx) && idx != q->last_avail;
}

/* With vp.lock held.  One pass of at most DEFER_BATCH frames or
 * DEFER_BATCH_BYTES; the tap stays readable, so the loop's next turn
 * brings the next pass. */
static void receive_locked(struct virtio_net *n)
{
	struct virtio_pci *vp = &n->vp;
	size_t bytes = 0;
	bool any = false;
	int i;

	for (i = 0; i < DEFER_BATCH && bytes < DEFER_BATCH_BYTES; i++) {
		struct virtq *q = virtio_pci_queue(vp, VIRTIO_NET_RXQ);
		ssize_t len;
		size_t put;

		if (!q || !rx_has_buffer(n, q)) {
			/* Leave frames in the tap until the guest posts buffers. */
			rx_watch(n, false);
			break;
		}
		len = read(n->tap_fd, n->frame + VIRTIO_NET_HDR_LEN, VIRTIO_NET_MAX_FRAME);
		if (len <= 0)
			break;		/* EAGAIN: drained */
		if (virtio_pci_pop(vp, q, &n->chain) != 1)
			break;
		memset(n->frame, 0, VIRTIO_NET_HDR_LEN);
		le16_store(n->frame + HDR_NUM_BUFFERS, 1);
		/* A buffer too small for the frame gets its first part. */
		put = virtq_write(vp->mem, &n->chain, 0, n->frame, VIRTIO_NET_HDR_LEN + (size_t)len);
		if (!virtq_push(vp->mem, q, n->chain.head, (uint32_t)put))
			break;
		any = true;
		bytes += (size_t)len;
	}
	if (any)
		virtio_pci_interrupt(vp);
}

void virtio_net_receive(struct virtio_net *n)
{
	virtio_pci_lock(&n->vp);
	receive_locked(n);
	virtio_pci_unlock(&n->vp);
}

static void on_tap_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	virtio_net_receive(arg);
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

		/* A full tap queue (EAGAIN) or a tap that is down (EIO) drops
		 * the frame, as a congested or unplugged link would. */
		if (len && write(n->tap_fd, n->frame, len) < 0 && errno != EAGAIN &&
		    errno != EIO && ratelimit_allow(&vp->warn))
			pr_err("virtio-net: writing to the tap: %s", strerror(errno));
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
		rx_watch(n, true);	/* buffers posted: take frames again */
}

static void net_reset(void *dev)
{
	rx_watch(dev, false);
}

int virtio_net_start(struct virtio_net *n, struct event_base *base)
{
	n->rx_ev = event_new(base, n->tap_fd, EV_READ | EV_PERSIST, on_tap_readable, n);
	if (!n->rx_ev || defer_init(&n->tx_more, base, transmit_more, n))
		return -1;
	return 0;
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
	virtio_net_setup(n, -1, i);
	return &n->vp.fn;
}

static int net_open(struct vm *vm, struct pci_function *fn, int i)
{
	struct virtio_net *n = virtio_pci_dev(fn);
	char err[256];

	n->tap_fd = tap_open(vm->cfg->netdevs[i].ifname, err, sizeof(err));
	if (n->tap_fd < 0) {
		pr_err("%s", err);
		return -1;
	}
	return 0;
}

static int net_start(struct vm *vm, struct pci_function *fn, int i)
{
	if (virtio_net_start(virtio_pci_dev(fn), vm->base)) {
		pr_err("virtio-net: cannot watch tap %s", vm->cfg->netdevs[i].ifname);
		return -1;
	}
	return 0;
}

static void net_destroy(struct vm *vm, struct pci_function *fn)
{
	struct virtio_net *n = virtio_pci_dev(fn);

	(void)vm;
	virtio_pci_exit(&n->vp);
	if (n->rx_ev)
		event_free(n->rx_ev);
	defer_free(&n->tx_more);
	if (n->tap_fd >= 0)
		close(n->tap_fd);
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
