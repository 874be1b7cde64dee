/* SPDX-License-Identifier: GPL-2.0 */
/* MOL's ring-based network interface, ENET2, on a network back end
 * (devices/net.h: a tap or the user-mode network). */
#ifndef MOLVM_OSI_ENET2_H
#define MOLVM_OSI_ENET2_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../vmm/defer.h"
#include "../vmm/irq.h"
#include "../vmm/ratelimit.h"

struct vm;
struct netdev;
struct netdev_config;

struct enet2 {
	pthread_mutex_t lock;		/* vCPU thread vs. receive on the main loop */
	struct netdev *nd;		/* NULL: no -netdev */
	uint8_t mac[6];
	bool running, irq_enable;
	uint32_t rx_ring, rx_of_ring, rx_mask, rx_tail;
	uint32_t tx_ring, tx_of_ring, tx_mask, tx_head;
	struct defer tx_more;		/* the next transmit pass (vmm/defer.h) */
	struct irq_line irq;
	uint64_t rx_frames, tx_frames, dropped;
	struct ratelimit warn;		/* ring faults */
	uint8_t frame[65536];		/* a transmit frame, gathered from its slots */
};

/* Open the -netdev back end (NULL: no network).  Errors printed; -1. */
int enet2_open(struct enet2 *e, const struct netdev_config *cfg);
/* With the event loop (vm->base; NULL in tests, where netdev_pump
 * delivers): frames start arriving.  0 or -1 after one line. */
int enet2_start(struct vm *vm);
void enet2_close(struct enet2 *e);
/* One frame to the network from the old interface (osi_enet.c; any
 * thread).  Frames arrive for it while ENET2 does not run. */
void enet2_send(struct enet2 *e, const uint8_t *frame, size_t len);

#endif
