/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libFuzzer harnesses share: a reader that turns the fuzzer's
 * bytes into numbers (running dry gives zeros, so every input is a
 * complete program), and fake machines with guest RAM and no KVM, built
 * fresh for every input so that a crash replays from its input alone.
 *
 * A harness reads ops from the input until it is used up: most harnesses
 * have a "poke" op that writes input bytes into guest RAM, and ops that
 * call one guest-facing entry point with numbers from the input.
 */
#ifndef MOLVM_FUZZ_HARNESS_H
#define MOLVM_FUZZ_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../vmm/vm.h"

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline bool in_left(const struct fuzz_in *in)
{
	return in->n != 0;
}

static inline uint8_t in_u8(struct fuzz_in *in)
{
	uint8_t v = 0;

	if (in->n) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static inline uint16_t in_u16(struct fuzz_in *in)
{
	uint16_t hi = in_u8(in);

	return (uint16_t)(hi << 8 | in_u8(in));
}

static inline uint32_t in_u32(struct fuzz_in *in)
{
	uint32_t hi = in_u16(in);

	return hi << 16 | in_u16(in);
}

static inline uint64_t in_u64(struct fuzz_in *in)
{
	uint64_t hi = in_u32(in);

	return hi << 32 | in_u32(in);
}

/* Up to len bytes of the input (fewer when it runs out); *got says how many. */
const uint8_t *in_bytes(struct fuzz_in *in, size_t len, size_t *got);

/* Poke op: u32 guest address (taken modulo RAM), u8 length, the bytes. */
void fuzz_poke(struct fuzz_in *in, struct guest_mem *mem);

/* A VM with RAM, a console that discards output, nr vCPUs, no KVM. */
struct fuzz_vm {
	struct vm vm;
	struct vm_config cfg;
};

void fuzz_vm_init(struct fuzz_vm *f, const char *machine, uint64_t ram, int nr_vcpus);
void fuzz_vm_free(struct fuzz_vm *f);

/*
 * A powermac VM of FUZZ_PMAC_RAM with the OSI devices on top (vm->osi):
 * the machine's device tree, RAM laid out for an Open Firmware client
 * (its HTAB mapping RAM 1:1, the client-interface stub, the firmware's
 * claims: fuzz_pmac_boot()), one ABLK drive on a 64 KiB in-memory image
 * (same bytes for every input), and, with net, ENET2 (and the old
 * OSI_ENET on it) on the tap back end over a datagram socketpair whose
 * other end fuzz_net_peer() returns (frames written there arrive with
 * netdev_pump).
 */
#define FUZZ_PMAC_RAM	(1u << 20)
struct pmac_boot;
void fuzz_powermac_init(struct fuzz_vm *f, bool net);
const struct pmac_boot *fuzz_pmac_boot(void);
void fuzz_powermac_free(struct fuzz_vm *f);
int fuzz_net_peer(void);

#define FUZZ_IMAGE_SIZE	(64 * 1024)
/* The path of a 64 KiB disk image in memory, its bytes reset. */
const char *fuzz_image(void);

/* One OSI call with arguments r6..r11; returns r3. */
uint32_t fuzz_osi_call(struct fuzz_vm *f, uint32_t sel, const uint32_t args[6]);

/* A datagram socketpair (non-blocking): [0] for the device, [1] the peer. */
void fuzz_socketpair(int sv[2]);


/*
 * A virtio-pci driver made of input: raw BAR0 and config-space accesses,
 * or whole steps (set a queue up, submit a descriptor chain and kick,
 * reset) with every number from the input.  One op per call.
 */
struct virtio_pci;
struct fuzz_virtio {
	struct virtio_pci *vp;
	struct guest_mem *mem;
	struct {
		uint64_t desc, avail;
		uint16_t size, avail_idx;
	} q[4];
};

void fuzz_virtio_op(struct fuzz_virtio *d, struct fuzz_in *in);

#endif
