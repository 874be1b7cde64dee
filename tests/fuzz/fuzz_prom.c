// SPDX-License-Identifier: GPL-2.0
/*
 * The Open Firmware services of the powermac machine over OSI: PROM_IFACE,
 * PROM_PATH_IFACE and the IEEE 1275 client interface (OF_INTERFACE), on
 * the machine's own device tree, with names, paths, property values and
 * argument arrays from input.  Service names are strings from the input
 * too: the fuzzer learns the ones the table compares against (libFuzzer
 * watches strcmp), so a service added to the table is exercised without
 * changing this harness.
 *
 * Ops: 0 poke RAM; 1 a string at a u32 address; 2 PROM_IFACE (u8 what,
 * phandle, three arguments); 3 PROM_PATH_IFACE (u8 what, address);
 * 4 OF_INTERFACE with an argument array built from input (service name,
 * nargs, nret, cells) or at a raw address; 5 the same call as a client
 * running with translation on (the MMU it is entered with: the
 * firmware's HTAB, which the client's map/unmap change); 6 OF_RTAS with
 * a block {one of /rtas's tokens or any, nargs, nret, args}.  Strings end
 * at a NUL of the input.
 */
#include <stdint.h>
#include <string.h>

#include "../../devices/rtas.h"
#include "../../osi/of_client.h"
#include "../../osi/osi.h"
#include "../../vmm/powermac_boot.h"
#include "../../vmm/ppc32_mmu.h"
#include "harness.h"

#define RAM	FUZZ_PMAC_RAM

/* Small numbers most of the time: phandles, lengths, offsets. */
static uint32_t some_cell(struct fuzz_in *in)
{
	uint8_t k = in_u8(in);

	return k & 0x80 ? in_u32(in) : k & 0x40 ? in_u16(in) % RAM : k;
}

/* A string of the input, up to its NUL (at most 79 bytes), into RAM.  The
 * NUL is in the input, so libFuzzer can put the strings it sees compared
 * (the service table's strcmp) right before it: names learnt that way
 * reach each service, a new one included. */
static void put_string(struct fuzz_vm *f, uint32_t at, struct fuzz_in *in)
{
	const uint8_t *p = in->p, *nul = memchr(in->p, 0, in->n < 80 ? in->n : 80);
	size_t len = nul ? (size_t)(nul - p) : (in->n < 79 ? in->n : 79), got;

	in_bytes(in, nul ? len + 1 : len, &got);
	if (at < RAM && len + 1 <= RAM - at) {
		memcpy(f->vm.mem.host + at, p, len);
		f->vm.mem.host[at + len] = 0;
	}
}

static void of_call(struct fuzz_vm *f, struct fuzz_in *in, bool translated)
{
	uint32_t args[6] = { 0 }, at = in_u32(in) % RAM, name = in_u32(in) % RAM;
	uint32_t nargs = in_u8(in) % 12, nret = in_u8(in) % 12, i;
	uint8_t how = in_u8(in);

	put_string(f, name, in);
	guest_write_be32(&f->vm.mem, at, name);
	guest_write_be32(&f->vm.mem, at + 4, nargs);
	guest_write_be32(&f->vm.mem, at + 8, nret);
	for (i = 0; i < nargs; i++)
		guest_write_be32(&f->vm.mem, at + 12 + 4 * i, some_cell(in));
	args[0] = how & 1 ? in_u32(in) : at;
	if (translated) {
		struct ppc32_mmu mmu;
		bool flush;

		pmac_boot_mmu(fuzz_pmac_boot(), &mmu);
		of_client_call(&f->vm, &mmu, args[0], &flush);
	} else {
		fuzz_osi_call(f, OSI_OF_INTERFACE, args);
	}
}

static void of_rtas(struct fuzz_vm *f, struct fuzz_in *in)
{
	uint32_t args[6] = { 0 }, at = in_u32(in) % RAM, token, nargs, nret, i;
	uint8_t how = in_u8(in);

	token = how & 0x80 ? in_u32(in) : pmac_rtas_call_token(in_u8(in) % pmac_rtas_nr_calls());
	nargs = in_u8(in) % 8;
	nret = in_u8(in) % 8;
	guest_write_be32(&f->vm.mem, at, token);
	guest_write_be32(&f->vm.mem, at + 4, nargs);
	guest_write_be32(&f->vm.mem, at + 8, nret);
	for (i = 0; i < nargs; i++)
		guest_write_be32(&f->vm.mem, at + 12 + 4 * i, some_cell(in));
	args[0] = how & 0x40 ? in_u32(in) : at;
	fuzz_osi_call(f, OSI_OF_RTAS, args);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_vm f;

	fuzz_powermac_init(&f, false);
	while (in_left(&in)) {
		uint32_t args[6] = { 0 };
		int i;

		switch (in_u8(&in) % 7) {
		case 0:
			fuzz_poke(&in, &f.vm.mem);
			break;
		case 1:
			put_string(&f, in_u32(&in) % RAM, &in);
			break;
		case 2:
			args[0] = in_u8(&in) % 12;
			for (i = 1; i < 5; i++)
				args[i] = some_cell(&in);
			fuzz_osi_call(&f, OSI_PROM_IFACE, args);
			break;
		case 3:
			args[0] = in_u8(&in) & 0x80 ? in_u8(&in) : OSI_PROM_CREATE_NODE + (in_u8(&in) & 1);
			args[1] = some_cell(&in);
			fuzz_osi_call(&f, OSI_PROM_PATH_IFACE, args);
			break;
		case 4:
			of_call(&f, &in, false);
			break;
		case 5:
			of_call(&f, &in, true);
			break;
		default:
			of_rtas(&f, &in);
			break;
		}
	}
	fuzz_powermac_free(&f);
	return 0;
}
