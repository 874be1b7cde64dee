// SPDX-License-Identifier: GPL-2.0
/*
 * The old OSI Ethernet calls (osi_enet.h), as MOL 0.9.72 served them
 * (src/drivers/net/mac_enet.c); every argument is checked:
 *
 *   ENET_OPEN(osi_id)            -> 0, the interface: osi_id is the first
 *                                   word of the driver's node's "reg", whose
 *                                   bus/devfn must be mol-enet-0's; else -1
 *   ENET_CLOSE(id)               -> 0
 *   ENET_GET_ADDR(id, mphys)     the 6-byte MAC address to mphys -> 0 / -1
 *   ENET_GET_STATUS(id)          -> 0x10000 | length of the next frame, or 0
 *   ENET_CONTROL(id, cmd)        0 ack the interrupt, 1 start, 2 stop (the
 *                                   queue is emptied), 3 route the interrupt
 *                                   (OldWorld; nothing to do) -> 0
 *   ENET_GET_PACKET(id, mphys)   the next frame to mphys and off the queue
 *                                   (mphys 0: just dropped) -> 0, -1 if none
 *                                   or mphys is bad (the frame is dropped)
 *   ENET_SEND_PACKET(id, mphys, size)   size <= 1514 -> 0 / -1
 *   ENET_ADD_MULTI / DEL_MULTI(id, mphys)   6 readable bytes -> 0 / -1
 *                                   (the back end passes all multicast)
 * A frame waiting raises the NIC's interrupt; CONTROL 0 lowers it.
 */
#include "osi_enet.h"

#include <string.h>

#include "../vmm/powermac_platform.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* mac_sh.h */
#define ENET_STATUS_RX_PACKET	0x00010000u
#define ENET_ACK_IRQ		0
#define ENET_START		1
#define ENET_STOP		2
#define ENET_ROUTE_IRQ		3

#define ETH_HLEN		14

/* osi_driver.c get_osi_driver_from_id: (osi_id >> 8) & 0xffff is the
 * function's bus << 8 | devfn, as its "reg" phys.hi carries them */
#define MOL_ENET0_ID	((PMAC_PCI_HI(PMAC_P2P_BUS, PMAC_DEV_MOL_ENET0, 0, 0) >> 8) & 0xffff)

void mac_enet_init(struct mac_enet *m)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
}

static struct mac_enet *menet(struct vcpu *vcpu)
{
	return &vcpu->vm->osi->menet;
}

bool mac_enet_started(struct vm *vm)
{
	struct mac_enet *m = &vm->osi->menet;
	bool s;

	pthread_mutex_lock(&m->lock);
	s = m->started;
	pthread_mutex_unlock(&m->lock);
	return s;
}

void mac_enet_receive(struct vm *vm, const uint8_t *frame, size_t len)
{
	struct mac_enet *m = &vm->osi->menet;
	bool queued = false;

	/* MOL kept frames for its address and multicast/broadcast ones,
	 * cut to 1514 bytes */
	if (len < ETH_HLEN || (!(frame[0] & 1) && memcmp(frame, vm->osi->enet2.mac, 6)))
		return;
	if (len > MAC_ENET_MAX_FRAME)
		len = MAC_ENET_MAX_FRAME;
	pthread_mutex_lock(&m->lock);
	if (m->started && m->count < MAC_ENET_QUEUE) {
		unsigned int slot = (m->head + m->count) % MAC_ENET_QUEUE;

		memcpy(m->frames[slot], frame, len);
		m->len[slot] = (uint16_t)len;
		m->count++;
		queued = true;
	} else if (m->started) {
		m->dropped++;
	}
	pthread_mutex_unlock(&m->lock);
	if (queued)
		irq_set_level(&vm->osi->enet2.irq, 1);
}

/* The interface number every call but OPEN takes: 0, the only one. */
static bool bad_id(uint64_t *gpr)
{
	return osi_arg(gpr, 0) != 0;
}

uint32_t osi_enet_open(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	return ((osi_arg(gpr, 0) >> 8) & 0xffff) == MOL_ENET0_ID ? 0 : OSI_ERR;
}

uint32_t osi_enet_close(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	return bad_id(gpr) ? OSI_ERR : 0;
}

uint32_t osi_enet_get_addr(struct vcpu *vcpu, uint64_t *gpr)
{
	if (bad_id(gpr) ||
	    !guest_write(&vcpu->vm->mem, osi_arg(gpr, 1), vcpu->vm->osi->enet2.mac, 6))
		return OSI_ERR;
	return 0;
}

uint32_t osi_enet_get_status(struct vcpu *vcpu, uint64_t *gpr)
{
	struct mac_enet *m = menet(vcpu);
	uint32_t r = 0;

	if (bad_id(gpr))
		return OSI_ERR;
	pthread_mutex_lock(&m->lock);
	if (m->started && m->count)
		r = ENET_STATUS_RX_PACKET | m->len[m->head];
	pthread_mutex_unlock(&m->lock);
	return r;
}

uint32_t osi_enet_control(struct vcpu *vcpu, uint64_t *gpr)
{
	struct vm *vm = vcpu->vm;
	struct mac_enet *m = menet(vcpu);

	if (bad_id(gpr))
		return OSI_ERR;
	switch (osi_arg(gpr, 1)) {
	case ENET_ACK_IRQ:
		irq_set_level(&vm->osi->enet2.irq, 0);
		break;
	case ENET_START:
		pthread_mutex_lock(&m->lock);
		m->started = true;
		pthread_mutex_unlock(&m->lock);
		break;
	case ENET_STOP:
		pthread_mutex_lock(&m->lock);
		m->started = false;
		m->count = 0;
		pthread_mutex_unlock(&m->lock);
		irq_set_level(&vm->osi->enet2.irq, 0);
		break;
	case ENET_ROUTE_IRQ:
	default:
		break;			/* MOL ignored the others too */
	}
	return 0;
}

uint32_t osi_enet_get_packet(struct vcpu *vcpu, uint64_t *gpr)
{
	struct mac_enet *m = menet(vcpu);
	uint32_t buf = osi_arg(gpr, 1), r = 0;

	if (bad_id(gpr))
		return OSI_ERR;
	pthread_mutex_lock(&m->lock);
	if (!m->count) {
		r = OSI_ERR;
	} else {
		if (buf && !guest_write(&vcpu->vm->mem, buf, m->frames[m->head], m->len[m->head]))
			r = OSI_ERR;	/* the frame is dropped all the same */
		m->head = (m->head + 1) % MAC_ENET_QUEUE;
		m->count--;
	}
	pthread_mutex_unlock(&m->lock);
	return r;
}

uint32_t osi_enet_send_packet(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t buf = osi_arg(gpr, 1), size = osi_arg(gpr, 2);
	const uint8_t *p;

	if (bad_id(gpr) || size > MAC_ENET_MAX_FRAME || !size)
		return OSI_ERR;
	p = guest_ptr(&vcpu->vm->mem, buf, size);
	if (!p)
		return OSI_ERR;
	enet2_send(&vcpu->vm->osi->enet2, p, size);
	return 0;
}

/* ADD_MULTI / DEL_MULTI: the address must be there; the tap (or the
 * user-mode network) hands the guest all multicast anyway. */
uint32_t osi_enet_multicast(struct vcpu *vcpu, uint64_t *gpr)
{
	uint8_t mac[6];

	if (bad_id(gpr) || !guest_read(&vcpu->vm->mem, osi_arg(gpr, 1), mac, sizeof(mac)) ||
	    !(mac[0] & 1))
		return OSI_ERR;
	return 0;
}
