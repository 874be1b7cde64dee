// SPDX-License-Identifier: GPL-2.0
#include "mmio.h"

#include <string.h>

#include "log.h"
#include "ratelimit.h"
#include "vm.h"

void mmio_bus_init(struct mmio_bus *bus)
{
	pthread_rwlock_init(&bus->lock, NULL);
	bus->nr_regions = 0;
}

int mmio_register(struct vm *vm, const struct mmio_region *r)
{
	struct mmio_bus *bus = &vm->mmio;
	int i, ret = -1;

	if (r->size == 0 || r->base + r->size < r->base)
		return -1;
	pthread_rwlock_wrlock(&bus->lock);
	if (bus->nr_regions == MMIO_MAX_REGIONS)
		goto out;
	for (i = 0; i < bus->nr_regions; i++)
		if (r->base < bus->regions[i].base + bus->regions[i].size &&
		    bus->regions[i].base < r->base + r->size)
			goto out;	/* overlap */
	bus->regions[bus->nr_regions++] = *r;
	ret = 0;
out:
	pthread_rwlock_unlock(&bus->lock);
	return ret;
}

bool mmio_unregister(struct vm *vm, uint64_t base, const void *opaque)
{
	struct mmio_bus *bus = &vm->mmio;
	bool found = false;
	int i;

	pthread_rwlock_wrlock(&bus->lock);
	for (i = 0; i < bus->nr_regions; i++) {
		if (bus->regions[i].base == base && bus->regions[i].opaque == opaque) {
			bus->regions[i] = bus->regions[--bus->nr_regions];
			found = true;
			break;
		}
	}
	pthread_rwlock_unlock(&bus->lock);
	return found;
}

bool mmio_dispatch(struct vcpu *vcpu, uint64_t addr, uint8_t *data,
		   uint32_t len, bool is_write)
{
	struct mmio_bus *bus = &vcpu->vm->mmio;
	struct mmio_region r;
	bool found = false;
	int i;

	if (len == 0 || len > 8)
		return false;
	pthread_rwlock_rdlock(&bus->lock);
	for (i = 0; i < bus->nr_regions; i++) {
		const struct mmio_region *p = &bus->regions[i];

		if (addr >= p->base && addr - p->base < p->size &&
		    len <= p->size - (addr - p->base)) {
			r = *p;
			found = true;
			break;
		}
	}
	pthread_rwlock_unlock(&bus->lock);
	if (found)
		r.access(vcpu, r.opaque, addr - r.base, data, len, is_write);
	return found;
}

void mmio_ignore(struct ratelimit *rl, const char *name, uint64_t off, uint8_t *data,
		 uint32_t len, bool is_write, uint8_t fill)
{
	if (!is_write)
		memset(data, fill, len);
	if (ratelimit_allow(rl))
		pr_info("%s: %u-byte %s at offset 0x%llx ignored", name, len,
			is_write ? "write" : "read", (unsigned long long)off);
}
