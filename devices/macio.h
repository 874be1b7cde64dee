/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mac-io (Apple's Heathrow/Paddington I/O controller, oftree.nw's
 * "mac-io"): a PCI function whose one memory BAR holds the registers of
 * the PowerMac's built-in devices.  The devices are its children, each
 * at an offset of the BAR (the tree's "reg" of the mac-io child nodes):
 * the interrupt controller, the ESCC, VIA-CUDA, NVRAM.  mac-io itself
 * only routes a BAR access to the child that covers it and keeps the
 * feature control registers at 0x30-0x3f (MOL gc.c: four words, stored
 * and read back as written; Linux's feature.c sets and clears bits there
 * to power the SCC and friends, which need nothing more here).
 *
 * Config space (MOL gc.c heathrow_pci_config; the IDs of
 * vmm/powermac_platform.h): vendor Apple, the tree's device-id, class
 * 0xff0000, BAR0 of PMAC_MACIO_SIZE bytes, which the firmware assigned
 * and enabled (command: memory space and bus master) before the guest
 * starts, as on a Mac.  An access no child covers reads all ones and is
 * reported (rate-limited).
 */
#ifndef MOLVM_MACIO_H
#define MOLVM_MACIO_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../vmm/pci_cfgspace.h"
#include "../vmm/ratelimit.h"

#define MACIO_MAX_CHILDREN	8
#define MACIO_FCR_OFFSET	0x30
#define MACIO_FCR_SIZE		0x10

struct macio_child {
	const char *name;
	uint32_t offset, size;		/* inside the BAR */
	/* off is relative to the child; data in guest memory order */
	void (*access)(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write);
	void *opaque;
};

struct macio {
	struct pci_cfgspace cs;		/* first: cs.fn's address is the device's */
	pthread_mutex_t lock;		/* config space, FCR */
	uint8_t fcr[MACIO_FCR_SIZE];	/* raw bytes, in guest memory order */
	struct macio_child child[MACIO_MAX_CHILDREN];
	int nr_children;
	struct ratelimit warn;
};

/* bar_size: a power of two; bar_bus: where the firmware put it. */
void macio_init(struct macio *m, uint16_t vendor, uint16_t device, uint8_t rev,
		uint32_t class_code, uint32_t bar_size, uint32_t bar_bus);
/* A child at [offset, + size): 0, or -1 when it overlaps one already
 * there, leaves the BAR or the table is full. */
int macio_attach(struct macio *m, const struct macio_child *c);

#endif
