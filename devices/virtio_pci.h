/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtio 1.x PCI transport ("modern" interface only; virtio 1.1,
 * section 4.1): a PCI function (vmm/pci.h) whose config space carries
 * vendor capabilities that point into BAR0, where the common
 * configuration, the ISR byte, the device configuration and the queue
 * notification addresses live.  Interrupts are INTx (one level-triggered
 * line: the line is asserted while the ISR is non-zero; reading the ISR
 * clears it).  It plugs into any host bridge: the bridge places BAR0 and
 * wires INTA#.
 *
 * Everything here is little-endian (virtio 1.x and PCI): guest MMIO data
 * arrives as bytes in memory order.
 *
 * Locking: every entry point takes vp->lock; device callbacks run with it
 * held.  Code outside a callback (e.g. a network receive on the event
 * loop) takes it with virtio_pci_lock().
 */
#ifndef MOLVM_VIRTIO_PCI_H
#define MOLVM_VIRTIO_PCI_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../vmm/pci.h"
#include "../vmm/pci_devices.h"
#include "../vmm/ratelimit.h"
#include "virtq.h"

struct guest_mem;

#define VIRTIO_PCI_VENDOR	0x1af4	/* virtio 1.1, 4.1.2 */
#define VIRTIO_PCI_DEVICE_BASE	0x1040	/* modern device id = 0x1040 + virtio id */
#define VIRTIO_PCI_BAR_SIZE	0x4000
#define VIRTIO_PCI_MAX_QUEUES	4
#define VIRTIO_PCI_CFG_SIZE	256

/* Feature bits (virtio 1.1, section 6) */
#define VIRTIO_F_VERSION_1	32

/* Device status bits (virtio 1.1, 2.1) */
#define VIRTIO_STATUS_ACKNOWLEDGE	1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8
#define VIRTIO_STATUS_NEEDS_RESET	0x40
#define VIRTIO_STATUS_FAILED		0x80

/* BAR0 layout chosen by molvm; the capabilities tell the guest. */
#define VIRTIO_PCI_COMMON_OFF	0x0000
#define VIRTIO_PCI_COMMON_LEN	0x38
#define VIRTIO_PCI_ISR_OFF	0x1000
#define VIRTIO_PCI_DEVCFG_OFF	0x2000
#define VIRTIO_PCI_NOTIFY_OFF	0x3000
#define VIRTIO_PCI_NOTIFY_MULT	4	/* bytes between queue notify addresses */

struct virtio_pci;

/* What a device model provides. */
struct virtio_dev_ops {
	const char *name;
	uint16_t virtio_id;		/* virtio 1.1, 5: 1 net, 2 block, 18 input */
	uint32_t class_code;		/* PCI class, subclass, prog-if */
	uint16_t num_queues;
	uint32_t config_len;		/* bytes of device configuration */
	/* Offered features other than VIRTIO_F_VERSION_1. */
	uint64_t (*features)(void *dev);
	/* Device configuration: off + len <= config_len (checked). */
	void (*config_read)(void *dev, uint32_t off, uint8_t *data, uint32_t len);
	/* Optional (NULL: the configuration is read-only): a driver write,
	 * off + len <= config_len (checked). */
	void (*config_write)(void *dev, uint32_t off, const uint8_t *data, uint32_t len);
	/* The guest kicked queue q (enabled, DRIVER_OK). */
	void (*notify)(struct virtio_pci *vp, void *dev, uint16_t q);
	/* The driver reset the device (queues are already cleared). */
	void (*reset)(void *dev);
};

struct virtio_pci {
	struct pci_function fn;		/* what the host bridge sees */
	pthread_mutex_t lock;
	const struct guest_mem *mem;
	const struct virtio_dev_ops *ops;
	void *dev;

	/* PCI config space image and its per-byte writable masks */
	uint8_t cfg[VIRTIO_PCI_CFG_SIZE];
	uint8_t wmask[VIRTIO_PCI_CFG_SIZE];

	/* common configuration */
	uint32_t dfselect, gfselect;
	uint64_t driver_features;
	uint8_t status;
	uint8_t config_generation;
	uint16_t queue_select;
	struct virtq vq[VIRTIO_PCI_MAX_QUEUES];
	uint8_t isr;
	/* Bumped by every device reset: a device that dropped the lock
	 * around I/O compares it to know its chain still belongs. */
	uint32_t generation;

	int irq_level;			/* INTA#, driven through fn.irq */
	struct ratelimit warn;		/* the device's messages about the guest */
};

/* BAR0 at bus address 0 and INTA# unconnected until a host bridge
 * attaches vp->fn. */
void virtio_pci_init(struct virtio_pci *vp, const struct virtio_dev_ops *ops, void *dev,
		     const struct guest_mem *mem);

/* PCI configuration space access of len 1, 2 or 4 at off.  False when
 * the access is outside the 256 bytes or not naturally aligned. */
bool virtio_pci_cfg_read(struct virtio_pci *vp, uint32_t off, uint32_t len, uint32_t *val);
bool virtio_pci_cfg_write(struct virtio_pci *vp, uint32_t off, uint32_t len, uint32_t val);

/* A guest load or store of len (1..8) bytes at off inside BAR0. */
void virtio_pci_bar_access(struct virtio_pci *vp, uint64_t off, uint8_t *data,
			   uint32_t len, bool is_write);

/* For devices, with vp->lock held: the queue if the driver has it running
 * (DRIVER_OK, enabled, not broken), else NULL. */
struct virtq *virtio_pci_queue(struct virtio_pci *vp, uint16_t q);
/* Pop with the broken-queue message printed (once per device). */
int virtio_pci_pop(struct virtio_pci *vp, struct virtq *q, struct virtq_chain *c);
/* Used buffers were added: raise the queue interrupt. */
void virtio_pci_interrupt(struct virtio_pci *vp);

/* The transport whose function fn is, and its device (vmm/pci_devices.h
 * callbacks get the function). */
static inline struct virtio_pci *virtio_pci_of(struct pci_function *fn)
{
	return (struct virtio_pci *)fn;		/* fn is the first member */
}

static inline void *virtio_pci_dev(struct pci_function *fn)
{
	return virtio_pci_of(fn)->dev;
}

/* The device goes away: how many of its messages were not shown. */
void virtio_pci_exit(struct virtio_pci *vp);

void virtio_pci_lock(struct virtio_pci *vp);
void virtio_pci_unlock(struct virtio_pci *vp);

#endif
