/* SPDX-License-Identifier: GPL-2.0 */
/* MOL's ring-based network interface, ENET2, over a host tap device. */
#ifndef MOLVM_OSI_ENET2_H
#define MOLVM_OSI_ENET2_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../vmm/defer.h"
#include "../vmm/irq.h"
#include "../vmm/ratelimit.h"

struct vm;
struct event;

struct enet2 {
	pthread_mutex_t lock;		/* vCPU thread vs. receive on the main loop */
	int fd;				/* the tap, -1: no -netdev */
	char ifname[16];
	uint8_t mac[6];
	bool running, irq_enable;
	uint32_t rx_ring, rx_of_ring, rx_mask, rx_tail;
	uint32_t tx_ring, tx_of_ring, tx_mask, tx_head;
	struct event *rx_ev;		/* on vm->base, added at start */
	struct defer tx_more;		/* the next transmit pass (vmm/defer.h) */
	struct irq_line irq;
	uint64_t rx_frames, tx_frames, dropped;
	struct ratelimit warn;		/* ring faults */
	uint8_t scratch[65536];		/* frames dropped from the tap land here */
};

/* Open (create) tap ifname (-netdev tap,ifname=NAME); NULL: no network.
 * Errors printed; -1. */
int enet2_open(struct enet2 *e, const char *ifname);
void enet2_close(struct enet2 *e);
/* Take waiting frames from the tap into the receive ring (main loop). */
void enet2_receive(struct vm *vm);

#endif
