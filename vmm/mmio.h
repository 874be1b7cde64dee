/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest physical address ranges served by device models, per VM.  KVM PR
 * turns a guest load or store outside RAM into KVM_EXIT_MMIO; the bytes
 * in run->mmio.data are in guest memory order (big-endian for our guests).
 *
 * Most regions are registered while the machine is set up; PCI BARs also
 * move while the guest runs (a guest that assigns its own BARs, a device
 * that stops decoding).  A lock keeps the table consistent: dispatch looks
 * the region up under it and calls the handler after releasing it, so a
 * handler may itself map or unmap regions (a config-space write that moves
 * a BAR).  Handlers' opaque state lives as long as the VM.
 */
#ifndef MOLVM_MMIO_H
#define MOLVM_MMIO_H

#include <pthread.h>
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
	pthread_rwlock_t lock;
	struct mmio_region regions[MMIO_MAX_REGIONS];
	int nr_regions;
};

void mmio_bus_init(struct mmio_bus *bus);

/* 0, or -1 when the table is full, r is empty or wraps, or it overlaps
 * a region already there. */
int mmio_register(struct vm *vm, const struct mmio_region *r);
/* Remove the region at base registered with opaque; false if none. */
bool mmio_unregister(struct vm *vm, uint64_t base, const void *opaque);

/*
 * For device models: an access the device does not take (a width or an
 * offset its registers do not have).  A read gets len bytes of fill;
 * one line on stderr ("NAME: 2-byte read at offset 0x40 ignored") while
 * rl allows.
 */
struct ratelimit;
void mmio_ignore(struct ratelimit *rl, const char *name, uint64_t off, uint8_t *data,
		 uint32_t len, bool is_write, uint8_t fill);

/* Returns false when no region covers [addr, addr + len). */
bool mmio_dispatch(struct vcpu *vcpu, uint64_t addr, uint8_t *data,
		   uint32_t len, bool is_write);

#endif
