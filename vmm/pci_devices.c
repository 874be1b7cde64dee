// SPDX-License-Identifier: GPL-2.0
#include "pci_devices.h"

#include "log.h"
#include "vm.h"

int pci_devices_create(struct vm *vm, const struct pci_device_kind *const *kinds, int nr_kinds,
		       int first_devno)
{
	struct pci_devices *d = &vm->devices;
	int k, i;

	for (k = 0; k < nr_kinds; k++) {
		int n = kinds[k]->count(vm->cfg);

		for (i = 0; i < n; i++) {
			struct pci_device *dev = &d->dev[d->n];

			if (d->n == PCI_MAX_DEVS) {
				pr_err("%s: no PCI device number left", kinds[k]->name);
				return -1;
			}
			dev->kind = kinds[k];
			dev->index = i;
			dev->devno = first_devno + d->n;
			dev->fn = kinds[k]->create(vm, i);
			if (!dev->fn)
				return -1;
			d->n++;
			if (pci_host_attach(vm->pci, dev->devno, dev->fn))
				return -1;
		}
	}
	return 0;
}

int pci_devices_open(struct vm *vm)
{
	struct pci_devices *d = &vm->devices;
	int i;

	for (i = 0; i < d->n; i++)
		if (d->dev[i].kind->open && d->dev[i].kind->open(vm, d->dev[i].fn, d->dev[i].index))
			return -1;
	return 0;
}

int pci_devices_start(struct vm *vm)
{
	struct pci_devices *d = &vm->devices;
	int i;

	for (i = 0; i < d->n; i++)
		if (d->dev[i].kind->start && d->dev[i].kind->start(vm, d->dev[i].fn, d->dev[i].index))
			return -1;
	return 0;
}

void pci_devices_destroy(struct vm *vm)
{
	struct pci_devices *d = &vm->devices;

	while (d->n > 0) {
		struct pci_device *dev = &d->dev[--d->n];

		if (vm->pci && dev->devno < PCI_MAX_DEVS && vm->pci->dev[dev->devno] == dev->fn)
			vm->pci->dev[dev->devno] = NULL;
		dev->kind->destroy(vm, dev->fn);
	}
}
