// SPDX-License-Identifier: GPL-2.0
/*
 * PAPR hypercalls and RTAS on a 2-vCPU pseries VM, with molvm's own XICS
 * or (first input byte odd) without it, as with KVM's in-kernel one: every
 * hcall number that reaches userspace, with any arguments from either
 * vCPU, and RTAS argument blocks the input writes into guest RAM.
 *
 * Ops: 0 poke RAM; 1 hcall from molvm's table (u8 index) or any number
 * (u16), u8 vCPU, nine u64 arguments; 2 RTAS: a block {token, nargs,
 * nret, args} written at a u32 address, then H_RTAS with it (or with a
 * raw u64 address); 3 a source's level changes (a device interrupt);
 * 4 an HPTE written (u16 index, two u64: what KVM's in-kernel H_ENTER
 * and MMU would leave there) for H_READ, H_CLEAR_REF and H_CLEAR_MOD.
 * The machine has its NVRAM (RTAS nvram-fetch/-store) and a 256 KiB
 * hashed page table, as molvm gives KVM PR.
 */
#include <stdint.h>
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "../../devices/papr.h"
#include "../../devices/papr_tce.h"
#include "../../devices/rtas.h"
#include "../../devices/spapr_nvram.h"
#include "../../devices/xics_user.h"
#include "../../vmm/pseries.h"
#include "harness.h"

#define RAM	(1u << 20)
#define HPT_SIZE	(256u * 1024)

static const uint64_t known[] = {
	H_GET_TERM_CHAR, H_PUT_TERM_CHAR, H_REGISTER_VPA, H_SET_MODE, KVMPPC_H_RTAS,
	H_EOI, H_CPPR, H_IPI, H_IPOLL, H_XIRR, H_PUT_TCE, H_GET_TCE, H_STUFF_TCE,
	H_READ, H_CLEAR_REF, H_CLEAR_MOD, H_GET_CPU_CHARACTERISTICS,
};

static void hcall(struct fuzz_vm *f, struct fuzz_in *in)
{
	uint8_t pick = in_u8(in);
	uint64_t nr, args[9];
	int i, cpu;

	if (pick & 0x80)
		nr = in_u16(in);
	else
		nr = known[pick % (sizeof(known) / sizeof(known[0]))];
	cpu = in_u8(in) % f->vm.nr_vcpus;
	for (i = 0; i < 9; i++)
		args[i] = in_u64(in);
	papr_dispatch(&f->vm.vcpus[cpu], nr, args);
}

static void rtas(struct fuzz_vm *f, struct fuzz_in *in)
{
	uint64_t args[9] = { 0 };
	uint32_t at = in_u32(in) % RAM, token, nargs, nret, i;
	uint8_t how = in_u8(in);

	token = how & 0x80 ? in_u32(in) : RTAS_TOKEN_BASE + in_u8(in) % (rtas_nr_calls() + 2);
	nargs = in_u8(in) % 20;
	nret = in_u8(in) % 20;
	guest_write_be32(&f->vm.mem, at, token);
	guest_write_be32(&f->vm.mem, at + 4, nargs);
	guest_write_be32(&f->vm.mem, at + 8, nret);
	for (i = 0; i < nargs; i++)
		guest_write_be32(&f->vm.mem, at + 12 + 4 * i, in_u32(in));
	args[0] = how & 0x40 ? in_u64(in) : at;
	papr_dispatch(&f->vm.vcpus[in_u8(in) % f->vm.nr_vcpus], KVMPPC_H_RTAS, args);
}

static void hpte_write(struct fuzz_in *in, uint64_t *hpt)
{
	uint32_t i = in_u16(in) % (HPT_SIZE / 16);

	hpt[2 * i] = htobe64(in_u64(in));
	hpt[2 * i + 1] = htobe64(in_u64(in));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_vm f;
	static struct pseries ps;
	static uint64_t *hpt;
	bool user_xics = !(in_u8(&in) & 1);

	if (!hpt && !(hpt = aligned_alloc(HPT_SIZE, HPT_SIZE)))
		abort();
	memset(hpt, 0, HPT_SIZE);
	fuzz_vm_init(&f, "pseries", RAM, 2);
	if (user_xics && xics_user_init(&f.vm))
		return 0;
	memset(&ps, 0, sizeof(ps));
	if (spapr_nvram_open(&ps.nvram, NULL))
		abort();
	f.vm.pseries = &ps;
	f.vm.hpt = hpt;
	f.vm.hpt_size = HPT_SIZE;
	while (in_left(&in)) {
		switch (in_u8(&in) % 5) {
		case 0:
			fuzz_poke(&in, &f.vm.mem);
			break;
		case 1:
			hcall(&f, &in);
			break;
		case 2:
			rtas(&f, &in);
			break;
		case 4:
			hpte_write(&in, hpt);
			break;
		default:
			if (user_xics) {
				uint32_t irq = in_u32(&in);

				xics_user_set_level(&f.vm, irq, in_u8(&in) & 1);
			}
			break;
		}
	}
	if (user_xics)
		xics_user_free(&f.vm);
	spapr_nvram_close(&ps.nvram);
	fuzz_vm_free(&f);
	return 0;
}
