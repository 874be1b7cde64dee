// SPDX-License-Identifier: GPL-2.0
#include "mmio.h"

#include "vm.h"

int mmio_register(struct vm *vm, const struct mmio_region *r)
{
	struct mmio_bus *bus = &vm->mmio;
	int i;

	if (bus->nr_regions == MMIO_MAX_REGIONS || r->size == 0 || r->base + r->size < r->base)
		return -1;
	for (i = 0; i < bus->nr_regions; i++)
		if (r->base < bus->regions[i].base + bus->regions[i].size &&
		    bus->regions[i].base < r->base + r->size)
			return -1;	/* overlap */
	bus->regions[bus->nr_regions++] = *r;
	return 0;
}

bool mmio_dispatch(struct vcpu *vcpu, uint64_t addr, uint8_t *data,
		   uint32_t len, bool is_write)
{
	const struct mmio_bus *bus = &vcpu->vm->mmio;
	int i;

	if (len == 0 || len > 8)
		return false;
	for (i = 0; i < bus->nr_regions; i++) {
		const struct mmio_region *r = &bus->regions[i];

		if (addr >= r->base && addr - r->base < r->size &&
		    len <= r->size - (addr - r->base)) {
			r->access(vcpu, r->opaque, addr - r->base, data, len, is_write);
			return true;
		}
	}
	return false;
}
