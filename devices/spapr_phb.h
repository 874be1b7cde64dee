/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An sPAPR PCI host bridge ("IBM,Logical_PHB"): pseries' implementation of
 * the PCI host interface (vmm/pci.h).
 *
 * Why PCI and not virtio-mmio: on PowerPC, Linux 6.1 never creates
 * platform devices from the device tree by itself (drivers/of/platform.c,
 * of_platform_default_populate_init only handles display nodes when
 * CONFIG_PPC), and pseries does not probe other buses, so a virtio-mmio
 * node would be ignored.  A PHB under the root is found by
 * pSeries_discover_phbs (platforms/pseries/setup.c); since the partition
 * is an LPAR (ibm,hypertas-functions), devices come from the device tree
 * (pSeries_pci_probe_mode: PCI_PROBE_DEVTREE, with PCI_PROBE_ONLY), so
 * every function needs a node with its BAR in "assigned-addresses".
 * Config space goes through the RTAS calls ibm,read-pci-config and
 * ibm,write-pci-config (kernel/rtas_pci.c) with the PHB's BUID from its
 * "reg"; BARs sit in the PHB's memory window ("ranges"); INTA of each slot
 * is routed to its own XICS source by "interrupt-map".
 */
#ifndef MOLVM_SPAPR_PHB_H
#define MOLVM_SPAPR_PHB_H

#include <stdint.h>

#include "../vmm/pci.h"
#include "papr_tce.h"
#include "xics_kvm.h"

struct vm;
struct rtas_args;

/* The BUID and window of QEMU's and kvmtool's first PHB are arbitrary;
 * ours only need to stay clear of RAM (at most 64 GiB). */
#define SPAPR_PHB_BUID		0x800000020000000ULL
#define SPAPR_PHB_MEM_PCI	0x80000000ULL	/* 32-bit memory space on the bus */
#define SPAPR_PHB_MEM_CPU	0x10000000000ULL	/* where the CPU sees it: 1 TiB */
#define SPAPR_PHB_MEM_SIZE	0x10000000ULL
/* Device numbers 0..9: 4 disks, 4 NICs, the input device, the sound card */
#define SPAPR_PHB_SLOTS		10
#define SPAPR_PHB_SLOT_STRIDE	0x10000ULL	/* BAR space per device number */
/* One level-triggered XICS source per slot, above the ones molvm's other
 * devices may take from the bottom of the range. */
#define SPAPR_PHB_IRQ_BASE	(XICS_IRQ_BASE + 0x20)

static inline uint64_t spapr_phb_bar_pci(int slot)
{
	return SPAPR_PHB_MEM_PCI + SPAPR_PHB_SLOT_STRIDE * (uint64_t)slot;
}

static inline uint64_t spapr_phb_bar_cpu(int slot)
{
	return SPAPR_PHB_MEM_CPU + SPAPR_PHB_SLOT_STRIDE * (uint64_t)slot;
}

/*
 * Per VM (struct pseries; vm->pci points at .host).  Device number d has
 * its BARs in [spapr_phb_bar_pci(d), + SLOT_STRIDE) and its pin on XICS
 * source SPAPR_PHB_IRQ_BASE + d (level).  The node is left out of the tree
 * while no function is attached.
 */
struct spapr_phb {
	struct pci_host host;
	uint32_t xics_phandle;			/* the interrupt-map's parent */
	_Atomic uint64_t tces[SPAPR_NR_TCES];	/* the DMA window (papr_tce.c) */
};

void spapr_phb_init(struct spapr_phb *phb, uint32_t xics_phandle);
/* The VM's PHB, or NULL on a machine without one. */
struct spapr_phb *spapr_phb_of(struct vm *vm);

/* RTAS: ibm,read-pci-config (addr, buid_hi, buid_lo, size) -> status, value
 * and ibm,write-pci-config (addr, buid_hi, buid_lo, size, value) -> status. */
void spapr_phb_rtas_read_config(struct rtas_args *a);
void spapr_phb_rtas_write_config(struct rtas_args *a);

#endif
