/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest physical address ranges served by device models, per VM.  KVM PR
 * turns a guest load or store outside RAM into KVM_EXIT_MMIO; the bytes
 * in run->mmio.data are in guest memory order (big-endian for our guests).
 *
 * Regions are registered while the machine is set up, before any vCPU
 * runs; dispatch then only reads the table, from every vCPU thread.
 */
#ifndef MOLVM_MMIO_H
#define MOLVM_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct vm;
struct vcpu;

#define MMIO_MAX_REGIONS 32

struct mmio_region {
	const char *name;
	uint64_t base, size;
	/* offset is relative to base; data holds len (1..8) bytes */
	void (*access)(struct vcpu *vcpu, void *opaque, uint64_t offset,
		       uint8_t *data, uint32_t len, bool is_write);
	void *opaque;
};

struct mmio_bus {
	struct mmio_region regions[MMIO_MAX_REGIONS];
	int nr_regions;
};

/* 0, or -1 when the table is full, r is empty or wraps, or it overlaps
 * a region already there. */
int mmio_register(struct vm *vm, const struct mmio_region *r);

/* Returns false when no region covers [addr, addr + len). */
bool mmio_dispatch(struct vcpu *vcpu, uint64_t addr, uint8_t *data,
		   uint32_t len, bool is_write);

#endif
