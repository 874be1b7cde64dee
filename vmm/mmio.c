// SPDX-License-Identifier: GPL-2.0
#include "mmio.h"

#include <string.h>

#define MMIO_MAX_REGIONS 32

static struct mmio_region regions[MMIO_MAX_REGIONS];
static int nr_regions;

int mmio_register(const struct mmio_region *r)
{
	int i;

	if (nr_regions == MMIO_MAX_REGIONS || r->size == 0 || r->base + r->size < r->base)
		return -1;
	for (i = 0; i < nr_regions; i++)
		if (r->base < regions[i].base + regions[i].size &&
		    regions[i].base < r->base + r->size)
			return -1;	/* overlap */
	regions[nr_regions++] = *r;
	return 0;
}

void mmio_reset(void)
{
	nr_regions = 0;
}

bool mmio_dispatch(struct vcpu *vcpu, uint64_t addr, uint8_t *data,
		   uint32_t len, bool is_write)
{
	int i;

	if (len == 0 || len > 8)
		return false;
	for (i = 0; i < nr_regions; i++) {
		const struct mmio_region *r = &regions[i];

		if (addr >= r->base && addr - r->base < r->size &&
		    len <= r->size - (addr - r->base)) {
			r->access(vcpu, r->opaque, addr - r->base, data, len, is_write);
			return true;
		}
	}
	return false;
}
