/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest physical address ranges served by device models.  KVM PR turns a
 * guest load or store outside RAM into KVM_EXIT_MMIO; the bytes in
 * run->mmio.data are in guest memory order (big-endian for our guests).
 */
#ifndef MOLVM_MMIO_H
#define MOLVM_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

struct mmio_region {
	const char *name;
	uint64_t base, size;
	/* offset is relative to base; data holds len (1..8) bytes */
	void (*access)(struct vcpu *vcpu, void *opaque, uint64_t offset,
		       uint8_t *data, uint32_t len, bool is_write);
	void *opaque;
};

int mmio_register(const struct mmio_region *r);
void mmio_reset(void);

/* Returns false when no region covers [addr, addr + len). */
bool mmio_dispatch(struct vcpu *vcpu, uint64_t addr, uint8_t *data,
		   uint32_t len, bool is_write);

#endif
