// SPDX-License-Identifier: GPL-2.0
/*
 * H_SET_MODE(mflags, resource, value1, value2).  KVM PR answers resource 3
 * (address translation mode) itself; resource 4 sets the endianness of
 * interrupts, which a little-endian Linux guest asks for first thing
 * (arch/powerpc/platforms/pseries/setup.c, pseries_enable_reloc_on_exc /
 * pSeries_enable_le...).  Values from Linux asm/hvcall.h.
 */
#include "../vmm/kvm.h"
#include "../vmm/vm.h"
#include "papr.h"

#define H_SET_MODE_RESOURCE_LE	4
#define H_SET_MODE_ENDIAN_BIG	0
#define H_SET_MODE_ENDIAN_LITTLE 1

int64_t papr_h_set_mode(struct vcpu *vcpu, uint64_t *args)
{
	uint64_t mflags = args[0], resource = args[1];
	int i;

	if (resource != H_SET_MODE_RESOURCE_LE)
		return H_P2;
	if (args[2] || args[3])
		return args[2] ? H_P3 : H_P4;
	if (mflags != H_SET_MODE_ENDIAN_BIG && mflags != H_SET_MODE_ENDIAN_LITTLE)
		return H_UNSUPPORTED_FLAG_START;
	/* The mode is the partition's: every vCPU takes interrupts alike,
	 * including those the guest starts later (vcpu.c). */
	atomic_store(&vcpu->vm->interrupts_le, mflags == H_SET_MODE_ENDIAN_LITTLE);
	for (i = 0; i < vcpu->vm->nr_vcpus; i++)
		if (vcpu->vm->vcpus[i].fd >= 0 &&
		    kvm_vcpu_set_one_reg(&vcpu->vm->vcpus[i], KVM_REG_PPC_LPCR,
					 mflags == H_SET_MODE_ENDIAN_LITTLE ? LPCR_ILE : 0))
			return H_HARDWARE;
	return H_SUCCESS;
}
