// SPDX-License-Identifier: GPL-2.0
/* NVRAM on mac-io (pmac_nvram.h). */
#include "pmac_nvram.h"

#include "../vmm/mmio.h"

void pmac_nvram_init(struct pmac_nvram *n, uint8_t *bytes, uint32_t size)
{
	n->bytes = bytes;
	n->size = size;
	ratelimit_init(&n->warn, "nvram: bad accesses", 4);
}

void pmac_nvram_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write)
{
	struct pmac_nvram *n = opaque;
	uint32_t i = off / PMAC_NVRAM_STRIDE;

	if (len != 1 || i >= n->size) {
		mmio_ignore(&n->warn, "nvram", off, data, len, is_write, 0xff);
		return;
	}
	if (is_write)
		n->bytes[i] = data[0];
	else
		data[0] = n->bytes[i];
}
