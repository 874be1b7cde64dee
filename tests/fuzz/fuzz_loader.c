// SPDX-License-Identifier: GPL-2.0
/*
 * The image loaders (vmm/loader.c, vmm/nwrom.c): the input is a -kernel
 * image (ELF, 32- or 64-bit, either endianness, or raw at an address) or
 * a -rom NewWorld ROM file, loaded into 32 MiB of guest RAM.  Whatever
 * they accept must lie inside RAM.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../vmm/loader.h"
#include "../../vmm/nwrom.h"
#include "harness.h"

#define RAM	(32u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct guest_mem mem;
	struct fuzz_in in = { data, size };
	struct load_result res;
	struct nwrom_info info;
	char err[256];
	uint64_t gpa;

	if (!mem.host && guest_mem_alloc(&mem, RAM))
		abort();
	switch (in_u8(&in) % 3) {
	case 0:
		if (!load_elf(&mem, in.p, in.n, &res, err, sizeof(err)) &&
		    (res.low > res.high || !guest_range_ok(&mem, res.low, res.high - res.low)))
			abort();
		break;
	case 1:
		gpa = in_u32(&in);
		if (!load_raw(&mem, in.p, in.n, gpa, &res, err, sizeof(err)) &&
		    !guest_range_ok(&mem, gpa, in.n))
			abort();
		break;
	default:
		if (!nwrom_load(&mem, in.p, in.n, 512000000, &info, err, sizeof(err)) &&
		    !guest_range_ok(&mem, info.toolbox_base, info.toolbox_size))
			abort();
		break;
	}
	return 0;
}
