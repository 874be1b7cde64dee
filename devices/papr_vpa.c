// SPDX-License-Identifier: GPL-2.0
/*
 * H_REGISTER_VPA(flags, cpu, addr): the guest registers, per CPU, its
 * Virtual Processor Area, SLB shadow buffer and dispatch trace log.
 * molvm keeps the addresses after checking them as PAPR requires (LoPAPR
 * 14.11.3.5; QEMU's spapr_hcall.c follows the same rules); KVM PR reads
 * none of them, so nothing else is done with the areas.
 */
#include "../vmm/guest_mem.h"
#include "../vmm/vm.h"
#include "papr.h"

#define H_VPA_FUNC_SHIFT	45	/* subfunction: flags bits 16..18 (IBM numbering) */
#define H_VPA_REG_VPA		1
#define H_VPA_REG_DTL		2
#define H_VPA_REG_SLB		3
#define H_VPA_DEREG_VPA		5
#define H_VPA_DEREG_DTL		6
#define H_VPA_DEREG_SLB		7

#define VPA_MIN_SIZE		640	/* bytes; the size is the u16 at offset 4 */
#define DTL_MIN_SIZE		48	/* one dispatch trace log entry */
#define SLB_SHADOW_MIN_SIZE	8
#define VPA_ALIGN		128	/* cache-line aligned */

/* The area must lie in RAM and not cross a 4 KiB page. */
static bool area_ok(const struct guest_mem *mem, uint64_t addr, uint32_t size)
{
	return guest_range_ok(mem, addr, size) && (addr >> 12) == ((addr + size - 1) >> 12);
}

static int64_t register_vpa(struct vcpu *t, uint64_t addr)
{
	const struct guest_mem *mem = &t->vm->mem;
	uint16_t size;

	if (addr % VPA_ALIGN || !guest_read_be16(mem, addr + 4, &size))
		return H_PARAMETER;
	if (size < VPA_MIN_SIZE || !area_ok(mem, addr, size))
		return H_PARAMETER;
	t->vpa_addr = addr;
	return H_SUCCESS;
}

/* The DTL and the SLB shadow hold their size in the u32 at offset 4. */
static int64_t register_sized(struct vcpu *t, uint64_t addr, uint32_t min,
			      uint64_t *slot)
{
	const struct guest_mem *mem = &t->vm->mem;
	uint32_t size;

	if (!addr)
		return H_HARDWARE;
	if (!guest_read_be32(mem, addr + 4, &size) || size < min || !area_ok(mem, addr, size))
		return H_PARAMETER;
	if (!t->vpa_addr)
		return H_RESOURCE;
	*slot = addr;
	return H_SUCCESS;
}

int64_t papr_h_register_vpa(struct vcpu *vcpu, uint64_t *args)
{
	struct vm *vm = vcpu->vm;
	uint64_t func = (args[0] >> H_VPA_FUNC_SHIFT) & 7, addr = args[2];
	struct vcpu *t;
	int64_t rc;

	if (args[1] >= (uint64_t)vm->nr_vcpus)
		return H_PARAMETER;
	t = &vm->vcpus[args[1]];
	pthread_mutex_lock(&t->lock);
	switch (func) {
	case H_VPA_REG_VPA:
		rc = register_vpa(t, addr);
		break;
	case H_VPA_REG_DTL:
		rc = register_sized(t, addr, DTL_MIN_SIZE, &t->dtl_addr);
		break;
	case H_VPA_REG_SLB:
		rc = register_sized(t, addr, SLB_SHADOW_MIN_SIZE, &t->slb_shadow_addr);
		break;
	case H_VPA_DEREG_VPA:
		/* The VPA goes last: the others hang off it. */
		if (t->dtl_addr || t->slb_shadow_addr) {
			rc = H_RESOURCE;
			break;
		}
		t->vpa_addr = 0;
		rc = H_SUCCESS;
		break;
	case H_VPA_DEREG_DTL:
		t->dtl_addr = 0;
		rc = H_SUCCESS;
		break;
	case H_VPA_DEREG_SLB:
		t->slb_shadow_addr = 0;
		rc = H_SUCCESS;
		break;
	default:
		rc = H_PARAMETER;
		break;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}
