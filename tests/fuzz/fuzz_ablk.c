// SPDX-License-Identifier: GPL-2.0
/*
 * MOL's ABLK request ring (osi/osi_ablk.c) on a powermac VM with one
 * 64 KiB drive: the ring set up anywhere (at the end of RAM too), its
 * descriptors written from input (requests, scatter/gather buffers with
 * any address and count, control requests, proceed flags), the engine
 * started, kicked, acknowledged and reset in any order, and synchronous
 * reads and writes.  The ring is worked through at once (no event loop).
 *
 * Ops: 0 poke RAM; 1 write descriptor u16 of the ring; 2..7 one ABLK call.
 */
#include <stdint.h>

#include "../../osi/osi.h"
#include "../../vmm/be.h"
#include "harness.h"

#define RAM	FUZZ_PMAC_RAM

static const uint32_t calls[] = {
	OSI_ABLK_RING_SETUP, OSI_ABLK_CNTRL, OSI_ABLK_DISK_INFO, OSI_ABLK_KICK,
	OSI_ABLK_IRQ_ACK, OSI_ABLK_SYNC_READ, OSI_ABLK_SYNC_WRITE, OSI_ABLK_BLESS_DISK,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_vm f;
	uint32_t ring = 0x10000;

	fuzz_powermac_init(&f, false);
	while (in_left(&in)) {
		uint8_t op = in_u8(&in) % 8;
		uint32_t args[6] = { 0 }, sel;
		int i;

		if (op == 0) {
			fuzz_poke(&in, &f.vm.mem);
			continue;
		}
		if (op == 1) {
			uint32_t at = ring + 16 * (uint32_t)in_u16(&in);

			for (i = 0; i < 4; i++)
				guest_write_be32(&f.vm.mem, at + 4 * (uint32_t)i, in_u32(&in));
			continue;
		}
		sel = calls[in_u8(&in) % 8];
		for (i = 0; i < 6; i++)
			args[i] = in_u8(&in) & 1 ? in_u32(&in) : in_u8(&in);
		if (sel == OSI_ABLK_RING_SETUP) {
			ring = in_u32(&in) % (RAM + 0x1000);
			args[1] = ring;
			args[2] = 1u << (in_u8(&in) % 18);
		}
		fuzz_osi_call(&f, sel, args);
	}
	fuzz_powermac_free(&f);
	return 0;
}
