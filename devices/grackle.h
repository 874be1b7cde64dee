/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Grackle (Motorola MPC106), the PCI host bridge of a Blue & White G3 and
 * of MOL's powermac tree: powermac's implementation of the PCI host
 * interface (vmm/pci.h).
 *
 * Config space through two registers in "map B" (MOL pci-bridges.c;
 * Linux sysdev/grackle.c setup_grackle -> setup_indirect_pci): the guest
 * stores 0x80000000 | bus << 16 | devfn << 8 | reg as a little-endian word
 * at CONFIG_ADDRESS (0xfec00000; the chip decodes the whole 2 MiB, every
 * fourth byte the same), then accesses CONFIG_DATA (0xfee00000, 1 MiB)
 * + (reg & 3) with 1, 2 or 4 bytes, little-endian.  Without the enable
 * bit, or where no function answers, reads give all ones and writes are
 * dropped, as on a PCI bus.
 *
 * Bus 0 holds the MPC106 itself (device 0) and a DEC 21154 PCI-to-PCI
 * bridge (device 13) whose secondary bus carries everything else: mac-io
 * and the command line's devices, the functions attached to this host
 * (pci_host.dev[] is that bus).  The guest may renumber the bridge's
 * buses (Linux does on a PowerMac1,1: PCI_REASSIGN_ALL_BUS) and move its
 * memory window; config cycles follow its secondary bus number.
 *
 * BARs: attach places a function's BARs in [bar_base, bar_limit) (the
 * firmware's assignment), and realize maps them.  After that the guest
 * owns them: a BAR is reachable while its function decodes memory space
 * and the BAR lies inside the bridge's memory window (which itself must
 * be enabled), at its bus address (the CPU sees PCI memory 1:1).  Each
 * config write that changes this remaps (vmm/pci.c pci_update_bars).
 *
 * Interrupts: INTA of secondary-bus device d goes to input slot_irq[d] of
 * the machine's interrupt controller (the tree's interrupt-map).
 */
#ifndef MOLVM_GRACKLE_H
#define MOLVM_GRACKLE_H

#include <pthread.h>
#include <stdint.h>

#include "../vmm/pci.h"
#include "../vmm/pci_cfgspace.h"
#include "../vmm/ratelimit.h"

#define GRACKLE_NO_IRQ	0xffffffffu

struct grackle_params {
	uint64_t cfg_addr, cfg_data;	/* the two register ranges */
	uint32_t host_vendor, host_device, host_rev, host_class;
	uint32_t p2p_dev, p2p_vendor, p2p_device, p2p_rev;
	uint32_t p2p_bus;		/* secondary = subordinate at reset */
	uint32_t p2p_mem_base, p2p_mem_size;	/* its memory window (1 MiB units) */
	uint32_t p2p_io_base, p2p_io_size;	/* its I/O window (4 KiB units) */
	uint32_t bar_base, bar_limit;	/* where attach places BARs */
	const struct irq_chip *pic;	/* the machine's interrupt controller */
	void *pic_opaque;
	uint32_t slot_irq[PCI_MAX_DEVS];	/* its input per device, or GRACKLE_NO_IRQ */
};

struct grackle {
	struct pci_host host;		/* the bridge's secondary bus */
	struct grackle_params p;
	struct vm *vm;			/* set by realize */
	pthread_mutex_t lock;		/* CONFIG_ADDRESS and the config cycles */
	uint32_t cfg_addr;		/* CONFIG_ADDRESS, as a value */
	uint32_t next_bar;		/* attach's next free bus address */
	struct pci_cfgspace self, p2p;	/* the MPC106, the 21154 */
	struct ratelimit warn;
};

void grackle_init(struct grackle *g, const struct grackle_params *p);
/* The VM's Grackle, or NULL on a machine without one. */
struct grackle *grackle_of(struct vm *vm);
/* The register ranges; 0 or -1 after one line on stderr.  (realize of
 * the functions is pci_host_realize.) */
int grackle_map(struct vm *vm, struct grackle *g);

/* The two registers' handlers (for tests): offset inside the range. */
void grackle_cfg_addr_access(struct grackle *g, uint64_t off, uint8_t *data, uint32_t len,
			     bool is_write);
void grackle_cfg_data_access(struct grackle *g, uint64_t off, uint8_t *data, uint32_t len,
			     bool is_write);

#endif
