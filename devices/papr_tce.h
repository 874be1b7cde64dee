/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PHB's DMA window: TCE hypercalls (PAPR H_PUT_TCE, H_GET_TCE,
 * H_STUFF_TCE).  Linux 6.1's pseries PCI code insists on an
 * "ibm,dma-window" for every PHB (platforms/pseries/iommu.c,
 * pci_dma_find) and clears the whole table with H_PUT_TCE at boot, so
 * molvm keeps a small table.  Nothing is translated through it: virtio
 * devices without VIRTIO_F_ACCESS_PLATFORM use guest physical addresses
 * (drivers/virtio/virtio_ring.c, vring_use_dma_api).
 */
#ifndef MOLVM_PAPR_TCE_H
#define MOLVM_PAPR_TCE_H

#include <stdint.h>

struct vcpu;

#define H_GET_TCE	0x1c	/* Linux arch/powerpc/include/asm/hvcall.h */
#define H_PUT_TCE	0x20
#define H_STUFF_TCE	0x138

#define SPAPR_PHB_LIOBN		0x80000000u	/* QEMU's SPAPR_PCI_LIOBN(0, 0) */
#define SPAPR_TCE_PAGE_SHIFT	12		/* 4 KiB TCE pages */
#define SPAPR_DMA_WINDOW_SIZE	(2ULL << 20)	/* 512 entries: a cheap clear */
#define SPAPR_NR_TCES		(SPAPR_DMA_WINDOW_SIZE >> SPAPR_TCE_PAGE_SHIFT)

int64_t papr_h_put_tce(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_get_tce(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_stuff_tce(struct vcpu *vcpu, uint64_t *args);

#endif
