/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command line's PCI devices.  Each kind of device registers itself in
 * one table entry (struct pci_device_kind, next to the device's code); a
 * machine lists the kinds its bus offers, in slot order, and
 * pci_devices_create() attaches as many of each as the configuration asks
 * for to the machine's host bridge (vm->pci), from a first device number
 * on.  pseries: disks, NICs, then the input device from device number 0.
 */
#ifndef MOLVM_PCI_DEVICES_H
#define MOLVM_PCI_DEVICES_H

#include "pci.h"

struct vm;
struct vm_config;

struct pci_device_kind {
	const char *name;
	/* How many of this kind the configuration asks for. */
	int (*count)(const struct vm_config *cfg);
	/* Device i of this kind, with no host resources yet (--dump-dtb
	 * stops after this).  NULL after one line on stderr. */
	struct pci_function *(*create)(struct vm *vm, int i);
	/* Optional.  With its interrupt line connected and its BARs mapped:
	 * open what it uses on the host (image, tap, thread).  0 or -1
	 * after one line on stderr. */
	int (*open)(struct vm *vm, struct pci_function *fn, int i);
	/* Optional.  With the event loop: 0 or -1 after one line. */
	int (*start)(struct vm *vm, struct pci_function *fn, int i);
	/* Flush, close and free whatever create and open did (the vCPUs
	 * have stopped, or setup failed part way). */
	void (*destroy)(struct vm *vm, struct pci_function *fn);
};

struct pci_device {
	const struct pci_device_kind *kind;
	struct pci_function *fn;
	int index;			/* among its kind */
	int devno;			/* on vm->pci */
};

/* vm->devices */
struct pci_devices {
	struct pci_device dev[PCI_MAX_DEVS];
	int n;
};

/* Create and attach every device the kinds ask for: 0, or -1 after one
 * line on stderr. */
int pci_devices_create(struct vm *vm, const struct pci_device_kind *const *kinds, int nr_kinds,
		       int first_devno);
/* After pci_host_realize: each device's open, then (with the event loop)
 * its start. */
int pci_devices_open(struct vm *vm);
int pci_devices_start(struct vm *vm);
/* Every device's destroy, last created first. */
void pci_devices_destroy(struct vm *vm);

#endif
