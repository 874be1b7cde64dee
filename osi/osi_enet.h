/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MOL's first network interface, the one its Mac OS driver enet.nw uses
 * (mol-src/src/drivers/net/mac_enet.c, mac_sh.h): frames pass one at a
 * time through OSI calls, received frames wait in a queue in molvm.  It
 * is the same NIC as ENET2 (the mol-enet node, the -netdev back end, the
 * MAC address, the interrupt line): a driver uses one interface or the
 * other; frames go to ENET2's ring while ENET2 runs, else to this queue.
 */
#ifndef MOLVM_OSI_ENET_H
#define MOLVM_OSI_ENET_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAC_ENET_QUEUE		32	/* MOL's RX_QUEUE_SIZE */
#define MAC_ENET_MAX_FRAME	1514	/* MOL's MAX_PACKET_SIZE: no FCS */

struct mac_enet {
	pthread_mutex_t lock;		/* vCPU thread vs. receive on the main loop */
	bool started;
	unsigned int head, count;	/* the queue: frames[head], ... */
	uint16_t len[MAC_ENET_QUEUE];
	uint8_t frames[MAC_ENET_QUEUE][MAC_ENET_MAX_FRAME];
	uint64_t dropped;
};

struct vm;

void mac_enet_init(struct mac_enet *m);
/* A frame from the network (main loop): queued if the interface is
 * started and it is for this NIC (its MAC, or multicast/broadcast). */
void mac_enet_receive(struct vm *vm, const uint8_t *frame, size_t len);
bool mac_enet_started(struct vm *vm);

#endif
