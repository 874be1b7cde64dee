// SPDX-License-Identifier: GPL-2.0
/*
 * The hashed-page-table hcalls KVM PR leaves to userspace: H_READ,
 * H_CLEAR_REF and H_CLEAR_MOD (PAPR, "Page Frame Table access"; numbers
 * and flags from Linux arch/powerpc/include/asm/hvcall.h).
 *
 * Under PR the HPT is molvm's memory (vm->hpt, given to KVM through SDR1),
 * and it changes under our feet: KVM's in-kernel H_ENTER, H_REMOVE,
 * H_PROTECT and H_BULK_REMOVE (book3s_pr_papr.c) write it from any vCPU
 * thread, and KVM's MMU sets R and C with single-byte stores when it
 * shadows an entry (book3s_64_mmu.c).  Those take a mutex inside KVM that
 * molvm cannot take, so every access here is one atomic, aligned 64-bit
 * load or compare-and-swap; an HPTE is two big-endian doublewords.
 *
 * A guest's HPT access is its own business: two doublewords read while
 * another vCPU rewrites the entry may mix old and new, as the hardware's
 * would; the first doubleword is re-read to make that unlikely, a bounded
 * number of times.
 */
#include <endian.h>
#include <stdbool.h>

#include "../vmm/vm.h"
#include "papr.h"

#define HPTE_BYTES	16
#define HPTE_V_VALID	0x1ULL		/* mmu-hash.h */
#define HPTE_R_C	0x80ULL
#define HPTE_R_R	0x100ULL

#define H_R_XLATE	(1ULL << (63 - 25))	/* return logical addresses: ours are */
#define H_READ_4	(1ULL << (63 - 26))	/* four entries from ptex & ~3 */

#define REREAD_TRIES	16
#define CAS_TRIES	64

static uint64_t *hpte_dword(const struct vm *vm, uint64_t ptex, unsigned int i)
{
	return (uint64_t *)((uint8_t *)vm->hpt + ptex * HPTE_BYTES + 8 * i);
}

static uint64_t load_be64(const uint64_t *p)
{
	return be64toh(__atomic_load_n(p, __ATOMIC_ACQUIRE));
}

/* H_FUNCTION when KVM keeps the HPT (HV: it serves these itself),
 * H_PARAMETER for an index past the table, else 0. */
static int64_t check_ptex(const struct vm *vm, uint64_t ptex)
{
	if (!vm->hpt)
		return H_FUNCTION;
	if (ptex >= vm->hpt_size / HPTE_BYTES)
		return H_PARAMETER;
	return 0;
}

static void read_hpte(const struct vm *vm, uint64_t ptex, uint64_t *v, uint64_t *r)
{
	uint64_t before;
	int tries = 0;

	*v = load_be64(hpte_dword(vm, ptex, 0));
	do {
		before = *v;
		*r = load_be64(hpte_dword(vm, ptex, 1));
		*v = load_be64(hpte_dword(vm, ptex, 0));
	} while (*v != before && ++tries < REREAD_TRIES);
}

/* H_READ(flags, ptex) -> one entry in r4/r5, or with H_READ_4 the four
 * from ptex & ~3 in r4..r11 (Linux's pSeries_lpar_hpte_find and its kexec
 * clean-up read the table this way). */
int64_t papr_h_read(struct vcpu *vcpu, uint64_t *args)
{
	const struct vm *vm = vcpu->vm;
	uint64_t flags = args[0], ptex = args[1], n = 1, i;
	int64_t rc = check_ptex(vm, ptex);

	if (rc)
		return rc;
	if (flags & ~(H_READ_4 | H_R_XLATE))
		return H_PARAMETER;
	if (flags & H_READ_4) {
		ptex &= ~3ULL;		/* the table holds whole PTEGs of 8 */
		n = 4;
	}
	for (i = 0; i < n; i++)
		read_hpte(vm, ptex + i, &args[2 * i], &args[2 * i + 1]);
	return H_SUCCESS;
}

/*
 * Clear R or C in a valid entry; r4 = the second doubleword as it was.
 * KVM PR records R and C only when it builds its shadow translation of an
 * entry (and C only if that first access was a store), so the bits are
 * as precise as KVM keeps them, no more.  No flags are defined.
 */
static int64_t clear_rc(struct vcpu *vcpu, uint64_t *args, uint64_t bit)
{
	const struct vm *vm = vcpu->vm;
	uint64_t ptex = args[1], v, r, raw, *p;
	int64_t rc = check_ptex(vm, ptex);
	int tries;

	if (rc)
		return rc;
	if (args[0])
		return H_PARAMETER;
	read_hpte(vm, ptex, &v, &r);
	if (!(v & HPTE_V_VALID))
		return H_NOT_FOUND;
	p = hpte_dword(vm, ptex, 1);
	raw = __atomic_load_n(p, __ATOMIC_ACQUIRE);
	for (tries = 0;; tries++) {
		r = be64toh(raw);
		if (!(r & bit))
			break;
		if (__atomic_compare_exchange_n(p, &raw, htobe64(r & ~bit), false,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			break;
		/* KVM keeps rewriting the entry: let the guest retry. */
		if (tries == CAS_TRIES)
			return H_BUSY;
	}
	args[0] = r;
	return H_SUCCESS;
}

/* H_CLEAR_REF(flags, ptex) */
int64_t papr_h_clear_ref(struct vcpu *vcpu, uint64_t *args)
{
	return clear_rc(vcpu, args, HPTE_R_R);
}

/* H_CLEAR_MOD(flags, ptex) */
int64_t papr_h_clear_mod(struct vcpu *vcpu, uint64_t *args)
{
	return clear_rc(vcpu, args, HPTE_R_C);
}
