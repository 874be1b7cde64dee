// SPDX-License-Identifier: GPL-2.0
/*
 * H_SET_MODE(mflags, resource, value1, value2).  KVM PR answers resource 3
 * (address translation mode) itself; resource 4 sets the endianness of
 * interrupts, which a little-endian Linux guest asks for first thing
 * (arch/powerpc/platforms/pseries/setup.c, pseries_enable_reloc_on_exc /
 * pSeries_enable_le...).  Values from Linux asm/hvcall.h.
 */
#include "../vmm/kvm.h"
#include "../vmm/vcpu.h"
#include "../vmm/vm.h"
#include "papr.h"

#define H_SET_MODE_RESOURCE_LE	4
#define H_SET_MODE_ENDIAN_BIG	0
#define H_SET_MODE_ENDIAN_LITTLE 1

int64_t papr_h_set_mode(struct vcpu *vcpu, uint64_t *args)
{
	uint64_t mflags = args[0], resource = args[1];
	struct vm *vm = vcpu->vm;
	int i;

	if (resource != H_SET_MODE_RESOURCE_LE)
		return H_P2;
	if (args[2] || args[3])
		return args[2] ? H_P3 : H_P4;
	if (mflags != H_SET_MODE_ENDIAN_BIG && mflags != H_SET_MODE_ENDIAN_LITTLE)
		return H_UNSUPPORTED_FLAG_START;
	/*
	 * The mode is the partition's.  The caller's LPCR is set here; every
	 * other vCPU sets its own before it next enters the guest (vcpu.c),
	 * because KVM_SET_ONE_REG on a vCPU inside KVM_RUN would wait for it
	 * to leave, maybe for ever (a CPU spinning in the guest).
	 */
	atomic_store(&vm->interrupts_le, mflags == H_SET_MODE_ENDIAN_LITTLE);
	if (vcpu_sync_endianness(vcpu))
		return H_HARDWARE;
	for (i = 0; i < vm->nr_vcpus; i++)
		if (&vm->vcpus[i] != vcpu)
			vcpu_kick(&vm->vcpus[i]);
	return H_SUCCESS;
}
