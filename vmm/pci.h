/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI functions on a host bridge.
 *
 * A device implements a function (struct pci_function): its config space,
 * its BARs (32-bit memory BARs; the sizes are its own) and its interrupt
 * pin.  It never knows which bridge or machine it is on.
 *
 * A machine provides a host bridge (struct pci_host + its ops, one file
 * per bridge: devices/spapr_phb.c, ...).  The bridge decides, per
 * function: where the BARs go in its memory window (it writes their bus
 * addresses into the function's config space), where the interrupt pin
 * goes (it connects fn->irq to its interrupt controller), how the guest
 * reaches config space (RTAS calls, config-address/data registers, ...;
 * both end in pci_host_cfg_read/write), and the device-tree node.
 *
 * Life cycle: the machine creates the bridge and attaches functions
 * before the tree is built (--dump-dtb needs nothing more); once KVM and
 * the interrupt controller exist, pci_host_realize maps the BARs and
 * connects the lines.
 */
#ifndef MOLVM_PCI_H
#define MOLVM_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "irq.h"

struct vm;
struct pci_function;
struct pci_host;

#define PCI_NR_BARS	6
#define PCI_MAX_DEVS	32	/* device numbers on a bus */
#define PCI_CFG_SIZE	256

/* Config header offsets (PCI Local Bus 3.0, 6.1) */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_COMMAND_MEMORY	0x02	/* decodes memory space */
#define PCI_STATUS		0x06
#define PCI_REVISION_ID		0x08
#define PCI_CLASS_PROG		0x09	/* prog-if, subclass, class: 3 bytes */
#define PCI_BAR0		0x10
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

/* What a PCI function implements. */
struct pci_function_ops {
	/* Config space access of len 1, 2 or 4 at off (little-endian
	 * value).  False when off + len is outside PCI_CFG_SIZE or not
	 * naturally aligned: the bridge answers as an empty slot. */
	bool (*cfg_read)(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t *val);
	bool (*cfg_write)(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t val);
	/* A guest load or store of len (1..8) bytes at off inside BAR bar,
	 * data in guest memory order. */
	void (*bar_access)(struct pci_function *fn, int bar, uint64_t off, uint8_t *data,
			   uint32_t len, bool is_write);
};

struct pci_bar {
	uint64_t size;			/* a power of two; 0: no such BAR */
	struct pci_function *fn;	/* set when mapped */
	int index;
	bool mapped;			/* guest accesses reach it at cpu_addr */
	uint64_t cpu_addr;
};

/* Embedded in the device's own state. */
struct pci_function {
	const char *name;
	const struct pci_function_ops *ops;
	struct pci_bar bar[PCI_NR_BARS];
	uint8_t irq_pin;		/* 1 INTA# .. 4 INTD#; 0: none */
	/* Set by the host bridge: */
	struct irq_line irq;		/* where the pin is wired */
	uint64_t bar_bus[PCI_NR_BARS];	/* BAR bus addresses */
};

/* What a host bridge implementation provides. */
struct pci_host_ops {
	/* Optional, for a bridge with buses behind it: the config access
	 * of len bytes at reg of bus/devfn (*val in or out, little-endian
	 * value); false when no function answers.  Without it, bus 0 is
	 * dev[] and every other bus is empty. */
	bool (*config)(struct pci_host *h, uint32_t bus, uint32_t devfn, uint32_t reg,
		       uint32_t len, uint32_t *val, bool is_write);
	/* Place fn at device number devno (function 0): its BARs in the
	 * bridge's window (written into its config space).  0, or -1 when
	 * it does not fit. */
	int (*attach)(struct pci_host *h, int devno, struct pci_function *fn);
	/* With the VM's interrupt controller: connect fn->irq, map the BARs
	 * (pci_map_bar).  0, or -1 after one line on stderr. */
	int (*realize)(struct pci_host *h, struct vm *vm, int devno, struct pci_function *fn);
	/* The bridge's node with one child per function (fdt_pci.h). */
	int (*fdt)(struct pci_host *h, void *fdt);
};

/* Embedded in the bridge's own state. */
struct pci_host {
	const struct pci_host_ops *ops;
	struct pci_function *dev[PCI_MAX_DEVS];	/* bus 0 by device number */
};

void pci_host_init(struct pci_host *h, const struct pci_host_ops *ops);
/* fn at devno (free, < PCI_MAX_DEVS); 0 or -1 after one line on stderr. */
int pci_host_attach(struct pci_host *h, int devno, struct pci_function *fn);
/* Every attached function: 0 or -1. */
int pci_host_realize(struct pci_host *h, struct vm *vm);
int pci_host_fdt(struct pci_host *h, void *fdt);

/* Config space of bus 0, for the bridge's access method: false when no
 * function answers (the bridge returns all ones). */
bool pci_host_cfg_read(struct pci_host *h, uint32_t devfn, uint32_t reg, uint32_t len,
		       uint32_t *val);
bool pci_host_cfg_write(struct pci_host *h, uint32_t devfn, uint32_t reg, uint32_t len,
			uint32_t val);

/* Config space by bus number, as RTAS's config addresses name it (the
 * bridge's config op, or bus 0 = dev[]): false when no function answers. */
bool pci_host_config(struct pci_host *h, uint32_t bus, uint32_t devfn, uint32_t reg,
		     uint32_t len, uint32_t *val, bool is_write);

/* For bridges: set BAR bar's bus address (fn->bar_bus and config space). */
void pci_set_bar(struct pci_function *fn, int bar, uint64_t bus_addr);
/* For bridges: guest accesses to [cpu_addr, + size) reach BAR bar (moved
 * there if it was mapped elsewhere).  0, or -1 after one line on stderr
 * when the range overlaps another device's (the BAR is then unmapped). */
int pci_map_bar(struct vm *vm, struct pci_function *fn, int bar, uint64_t cpu_addr);
/* For bridges: BAR bar is no longer reachable. */
void pci_unmap_bar(struct vm *vm, struct pci_function *fn, int bar);
/*
 * For bridges whose guest assigns BARs itself (call after each config
 * write to fn): every memory BAR is mapped at its bus address + cpu_offset
 * while the function decodes memory space (command bit 1) and the BAR
 * lies inside the bus window [lo, hi); otherwise it is unmapped.  A BAR
 * the guest moved onto another device's range stays unmapped (reported,
 * rate-limited).
 */
void pci_update_bars(struct vm *vm, struct pci_function *fn, uint64_t lo, uint64_t hi,
		     uint64_t cpu_offset);
/* A function's config word/half/byte (for tree builders); all ones when
 * it does not answer. */
uint32_t pci_cfg_read(struct pci_function *fn, uint32_t off, uint32_t len);

#endif
