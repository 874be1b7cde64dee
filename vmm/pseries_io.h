/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pseries machine's PCI devices: one sPAPR PHB whose slots hold the
 * -drive disks (virtio-blk) first, then the -netdev NICs (virtio-net),
 * in command-line order, then a virtio-input keyboard+mouse when there is
 * a window, a control socket or a script to send input.
 */
#ifndef MOLVM_PSERIES_IO_H
#define MOLVM_PSERIES_IO_H

#include <stdbool.h>
#include <stdint.h>

#include "../devices/spapr_phb.h"
#include "../devices/virtio_blk.h"
#include "../devices/virtio_input.h"
#include "../devices/virtio_net.h"
#include "vm.h"

struct slot_irq {
	struct vm *vm;
	uint32_t irq;
};

/* The devices (in struct pseries) */
struct pseries_io {
	struct virtio_blk blks[MOLVM_MAX_DRIVES];
	struct virtio_net nets[MOLVM_MAX_NETDEVS];
	int nr_blks, nr_nets;
	struct virtio_input input;
	bool has_input;
	struct slot_irq slot_irqs[SPAPR_PHB_SLOTS];
};

/* The PHB node (nothing when there are no devices); for the tree builder. */
int pseries_io_fdt(void *fdt, const void *cfg);
/* With the VM and its XICS: open images and taps, map BARs. */
int pseries_io_setup(struct vm *vm);
/* With the event loop: watch the taps. */
int pseries_io_start(struct vm *vm);
/* After the vCPUs stopped: flush and close the images. */
void pseries_io_shutdown(struct vm *vm);

#endif
