// SPDX-License-Identifier: GPL-2.0
/*
 * OSI ENET2: MOL's ring-based Ethernet (src/drivers/net/osi_enet2.c,
 * include/enet2_sh.h) on a network back end (-netdev: a tap or the
 * user-mode network, devices/net.h).
 *
 * Rings are 2^n elements of 16 big-endian bytes { buf, bsize, psize,
 * flags }; flags bit 0 (kEnet2SplitBufferFlag) continues the buffer in
 * the same slot of the matching overflow ring.
 *   TX: the driver fills buf/psize; KICK sends every slot from the head
 *       with psize != 0 and clears psize.
 *   RX: the driver leaves psize 0; molvm writes a frame into the slot at
 *       its tail, sets psize and raises the interrupt (if enabled).
 *       IRQ_ACK(irq_enable, index) says whether slot index holds a frame.
 * Frames go to and from the back end without any header, so MOL's two
 * bytes of receive head room stay unused.  A frame that arrives while the
 * interface is stopped or its receive ring is full is dropped, as in MOL:
 * the guest frees slots by clearing psize, without telling the host.
 */
#include "osi_enet2.h"

#include <stdio.h>
#include <string.h>
#include <sys/uio.h>

#include "../devices/net.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* enet2_sh.h */
#define ENET2_API_VERSION	1
#define ENET2_CHECK_API		0
#define ENET2_START		1
#define ENET2_STOP		2
#define ENET2_RESET		3
#define ENET2_OSX_DRIVER_VERSION 4
#define ENET2_RX_RING		1
#define ENET2_TX_RING		2
#define ENET2_RX_OF_RING	3
#define ENET2_TX_OF_RING	4
#define ENET2_SPLIT		1

#define EL_SIZE		16
#define MAX_RING	4096
#define MAX_FRAME	NET_MAX_FRAME
_Static_assert(sizeof(((struct enet2 *)0)->frame) == MAX_FRAME, "enet2 frame");

int enet2_open(struct enet2 *e, const struct netdev_config *cfg)
{
	memset(e, 0, sizeof(*e));
	pthread_mutex_init(&e->lock, NULL);
	ratelimit_init(&e->warn, "ENET2", 4);
	/* A locally administered address (bit 1 of the first byte), "MOL". */
	memcpy(e->mac, "\x02\x4d\x4f\x4c\x00\x01", 6);
	if (!cfg)
		return 0;
	defer_init(&e->tx_more, NULL, NULL, NULL);
	e->nd = netdev_open(cfg);
	return e->nd ? 0 : -1;
}

void enet2_close(struct enet2 *e)
{
	ratelimit_summary(&e->warn);
	defer_free(&e->tx_more);
	netdev_close(e->nd);
	e->nd = NULL;
}

static bool el_read(struct vm *vm, uint32_t ring, uint32_t index, uint32_t mask, uint32_t w[4])
{
	return guest_read_be32s(&vm->mem, ring + (index & mask) * EL_SIZE, w, 4);
}

static bool psize_write(struct vm *vm, uint32_t ring, uint32_t index, uint32_t mask, uint32_t v)
{
	return guest_write_be32(&vm->mem, ring + (index & mask) * EL_SIZE + 8, v);
}

static void fault(struct enet2 *e, const char *why)
{
	if (ratelimit_allow(&e->warn))
		pr_info("ENET2: %s: the interface stops", why);
	e->running = false;
}

/* The buffers of one slot (two with the split flag), for readv/writev.
 * The overflow part is its bsize on receive and its psize on transmit
 * (MOL's osi_enet2.c prepare_iovec / osip_enet2_kick). */
static int slot_iov(struct vm *vm, uint32_t of_ring, uint32_t index,
		    uint32_t mask, const uint32_t w[4], uint32_t len0, bool tx, struct iovec iov[2])
{
	uint32_t w2[4];

	iov[0].iov_base = guest_ptr(&vm->mem, w[0], len0);
	iov[0].iov_len = len0;
	if (!iov[0].iov_base)
		return -1;
	if (!(w[3] & ENET2_SPLIT))
		return 1;
	if (!of_ring || !el_read(vm, of_ring, index, mask, w2))
		return -1;
	iov[1].iov_len = tx ? w2[2] : w2[1];
	if (iov[1].iov_len > MAX_FRAME)
		return -1;
	iov[1].iov_base = guest_ptr(&vm->mem, w2[0], (uint32_t)iov[1].iov_len);
	return iov[1].iov_base ? 2 : -1;
}

/* A frame from the back end (main loop): into the slot at the receive
 * tail; dropped when stopped or full (always "taken"). */
static bool receive(void *arg, const uint8_t *frame, size_t len)
{
	struct vm *vm = arg;
	struct enet2 *e = &vm->osi->enet2;
	struct iovec iov[2];
	uint32_t w[4];
	size_t put = 0;
	int nv, i;

	pthread_mutex_lock(&e->lock);
	if (!e->running) {
		/* the old interface's (osi_enet.c), which drops it if it is
		 * not started either */
		pthread_mutex_unlock(&e->lock);
		mac_enet_receive(vm, frame, len);
		return true;
	}
	if (!el_read(vm, e->rx_ring, e->rx_tail, e->rx_mask, w)) {
		fault(e, "receive ring outside guest RAM");
		goto out;
	}
	if (w[2]) {
		e->dropped++;		/* ring full */
		goto out;
	}
	nv = slot_iov(vm, e->rx_of_ring, e->rx_tail, e->rx_mask, w, w[1], false, iov);
	if (nv < 0 || !w[1]) {
		fault(e, "bad receive buffer");
		goto out;
	}
	/* as readv: the slot's buffer, then the overflow buffer */
	for (i = 0; i < nv && put < len; i++) {
		size_t n = len - put < iov[i].iov_len ? len - put : iov[i].iov_len;

		memcpy(iov[i].iov_base, frame + put, n);
		put += n;
	}
	psize_write(vm, e->rx_ring, e->rx_tail, e->rx_mask, (uint32_t)put);
	e->rx_tail = (e->rx_tail + 1) & e->rx_mask;
	e->rx_frames++;
	if (e->irq_enable)
		irq_set_level(&e->irq, 1);
out:
	pthread_mutex_unlock(&e->lock);
	return true;
}

static void transmit_more(void *arg);

int enet2_start(struct vm *vm)
{
	struct enet2 *e = &vm->osi->enet2;

	if (!e->nd)
		return 0;
	if (defer_init(&e->tx_more, vm->base, transmit_more, vm))
		return -1;
	return netdev_start(e->nd, vm->base, receive, vm);
}

void enet2_send(struct enet2 *e, const uint8_t *frame, size_t len)
{
	pthread_mutex_lock(&e->lock);
	if (e->nd) {
		netdev_send(e->nd, frame, len);
		e->tx_frames++;
	}
	pthread_mutex_unlock(&e->lock);
}

static struct enet2 *enet_of(struct vcpu *vcpu)
{
	return &vcpu->vm->osi->enet2;
}

bool osi_enet2_present(const struct vm *vm)
{
	return vm->osi && vm->osi->enet2.nd;
}

uint32_t osi_enet2_open(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return 0;
}

uint32_t osi_enet2_close(struct vcpu *vcpu, uint64_t *gpr)
{
	struct enet2 *e = enet_of(vcpu);

	(void)gpr;
	pthread_mutex_lock(&e->lock);
	e->running = false;
	pthread_mutex_unlock(&e->lock);
	return 0;
}

/* RING_SETUP(which, mphys, n) */
uint32_t osi_enet2_ring_setup(struct vcpu *vcpu, uint64_t *gpr)
{
	struct enet2 *e = enet_of(vcpu);
	uint32_t which = osi_arg(gpr, 0), ring = osi_arg(gpr, 1), n = osi_arg(gpr, 2), r = 0;

	if (!ring || !n || n > MAX_RING || (n & (n - 1)) ||
	    !guest_range_ok(&vcpu->vm->mem, ring, (uint64_t)n * EL_SIZE))
		return OSI_ERR;
	pthread_mutex_lock(&e->lock);
	if (e->running) {
		r = OSI_ERR;
	} else if (which == ENET2_RX_RING) {
		e->rx_ring = ring;
		e->rx_mask = n - 1;
		e->rx_tail = 0;
	} else if (which == ENET2_TX_RING) {
		e->tx_ring = ring;
		e->tx_mask = n - 1;
		e->tx_head = 0;
	} else if (which == ENET2_RX_OF_RING) {
		e->rx_of_ring = ring;
	} else if (which == ENET2_TX_OF_RING) {
		e->tx_of_ring = ring;
	} else {
		r = OSI_ERR;
	}
	pthread_mutex_unlock(&e->lock);
	return r;
}

/* CNTRL(cmd, param): 0, 1 for a refused command (MOL), -1 for a wrong API */
uint32_t osi_enet2_cntrl(struct vcpu *vcpu, uint64_t *gpr)
{
	struct enet2 *e = enet_of(vcpu);
	uint32_t r = 0;

	pthread_mutex_lock(&e->lock);
	switch (osi_arg(gpr, 0)) {
	case ENET2_CHECK_API:
		r = osi_arg(gpr, 1) == ENET2_API_VERSION ? 0 : OSI_ERR;
		break;
	case ENET2_OSX_DRIVER_VERSION:
		break;
	case ENET2_START:
		if (!e->rx_ring || !e->tx_ring) {
			r = 1;
			break;
		}
		e->running = true;
		e->irq_enable = true;
		break;
	case ENET2_RESET:
		e->tx_head = e->rx_tail = 0;
		/* fall through */
	case ENET2_STOP:
		e->running = false;
		e->irq_enable = false;
		irq_set_level(&e->irq, 0);
		break;
	default:
		r = 1;
		break;
	}
	pthread_mutex_unlock(&e->lock);
	return r;
}

/*
 * One transmit pass (e->lock held): the queued frames from the head, at
 * most DEFER_BATCH or DEFER_BATCH_BYTES, then the rest in a later pass on
 * the main loop (the back end never blocks: a full tap or slirp queue
 * drops the frame).  A ring of 4096 frames of 64 KiB is 256 MiB of
 * copies: done in one go it kept the lock, and the main loop's receive
 * waiting on it, for as long.  1 for a fault.
 */
static uint32_t transmit(struct vm *vm, struct enet2 *e)
{
	size_t bytes = 0;
	uint32_t n, r = 0;

	for (n = 0; e->running && n <= e->tx_mask; n++) {
		struct iovec iov[2];
		uint32_t w[4];
		size_t len;
		int nv;

		if (n == DEFER_BATCH || bytes >= DEFER_BATCH_BYTES) {
			defer_schedule(&e->tx_more);
			break;
		}
		if (!el_read(vm, e->tx_ring, e->tx_head, e->tx_mask, w)) {
			fault(e, "transmit ring outside guest RAM");
			r = 1;
			break;
		}
		if (!w[2])
			break;
		nv = slot_iov(vm, e->tx_of_ring, e->tx_head, e->tx_mask, w, w[2], true, iov);
		if (nv < 0 || w[2] > MAX_FRAME) {
			fault(e, "bad transmit buffer");
			r = 1;
			break;
		}
		len = iov[0].iov_len;
		if (nv == 2 && len + iov[1].iov_len <= MAX_FRAME) {
			memcpy(e->frame, iov[0].iov_base, len);
			memcpy(e->frame + len, iov[1].iov_base, iov[1].iov_len);
			netdev_send(e->nd, e->frame, len + iov[1].iov_len);
		} else if (nv == 1) {
			netdev_send(e->nd, iov[0].iov_base, len);
		} else {
			e->dropped++;	/* longer than a frame can be */
		}
		e->tx_frames++;
		bytes += w[2];
		psize_write(vm, e->tx_ring, e->tx_head, e->tx_mask, 0);
		e->tx_head = (e->tx_head + 1) & e->tx_mask;
	}
	return r;
}

static void transmit_more(void *arg)
{
	struct vm *vm = arg;
	struct enet2 *e = &vm->osi->enet2;

	pthread_mutex_lock(&e->lock);
	transmit(vm, e);
	pthread_mutex_unlock(&e->lock);
}

/* KICK: send the queued frames (the first pass now, on the vCPU thread). */
uint32_t osi_enet2_kick(struct vcpu *vcpu, uint64_t *gpr)
{
	struct enet2 *e = enet_of(vcpu);
	uint32_t r = 1;

	(void)gpr;
	pthread_mutex_lock(&e->lock);
	if (e->running)
		r = transmit(vcpu->vm, e);
	pthread_mutex_unlock(&e->lock);
	return r;
}

/* GET_HWADDR -- r4 = bytes 0-3, r5 = bytes 4-5 in its high half */
uint32_t osi_enet2_get_hwaddr(struct vcpu *vcpu, uint64_t *gpr)
{
	const uint8_t *m = enet_of(vcpu)->mac;

	osi_set_ret(gpr, 0, (uint32_t)m[0] << 24 | m[1] << 16 | m[2] << 8 | m[3]);
	osi_set_ret(gpr, 1, (uint32_t)m[4] << 24 | (uint32_t)m[5] << 16);
	return 0;
}

/* IRQ_ACK(irq_enable, rx_index) -- whether that receive slot holds a frame */
uint32_t osi_enet2_irq_ack(struct vcpu *vcpu, uint64_t *gpr)
{
	struct enet2 *e = enet_of(vcpu);
	uint32_t w[4], r = 0;

	pthread_mutex_lock(&e->lock);
	e->irq_enable = osi_arg(gpr, 0) != 0;
	if (e->running && el_read(vcpu->vm, e->rx_ring, osi_arg(gpr, 1), e->rx_mask, w))
		r = w[2] != 0;
	irq_set_level(&e->irq, 0);
	pthread_mutex_unlock(&e->lock);
	return r;
}
