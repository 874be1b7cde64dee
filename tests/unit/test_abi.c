// SPDX-License-Identifier: GPL-2.0
/*
 * molvm's KVM ABI declarations against numbers read from the real
 * PowerPC <linux/kvm.h> (v6.1, the cross toolchain's copy).  tests/abi/
 * repeats the comparison against the header itself in the cross build.
 */
#include <stddef.h>

#include "../../vmm/kvm_abi.h"
#include "unit.h"

START_TEST(ioctl_numbers)
{
	ck_assert_uint_eq(KVM_GET_API_VERSION, 0x2000ae00);
	ck_assert_uint_eq(KVM_CREATE_VM, 0x2000ae01);
	ck_assert_uint_eq(KVM_CHECK_EXTENSION, 0x2000ae03);
	ck_assert_uint_eq(KVM_GET_VCPU_MMAP_SIZE, 0x2000ae04);
	ck_assert_uint_eq(KVM_CREATE_VCPU, 0x2000ae41);
	ck_assert_uint_eq(KVM_SET_USER_MEMORY_REGION, 0x8020ae46);
	ck_assert_uint_eq(KVM_RUN, 0x2000ae80);
	ck_assert_uint_eq(KVM_GET_REGS, 0x4188ae81);
	ck_assert_uint_eq(KVM_SET_REGS, 0x8188ae82);
	ck_assert_uint_eq(KVM_GET_SREGS, 0x44d0ae83);
	ck_assert_uint_eq(KVM_SET_SREGS, 0x84d0ae84);
	ck_assert_uint_eq(KVM_INTERRUPT, 0x8004ae86);
	ck_assert_uint_eq(KVM_ENABLE_CAP, 0x8068aea3);
	ck_assert_uint_eq(KVM_SET_ONE_REG, 0x8010aeac);
	ck_assert_uint_eq(KVM_PPC_GET_PVINFO, 0x8080aea1);
}
END_TEST

START_TEST(run_layout)
{
	ck_assert_uint_eq(offsetof(struct kvm_ppc_run, exit_reason), 8);
	ck_assert_uint_eq(offsetof(struct kvm_ppc_run, immediate_exit), 1);
	ck_assert_uint_eq(offsetof(struct kvm_ppc_run, u.osi.gprs), 32);
	ck_assert_uint_eq(offsetof(struct kvm_ppc_run, u.papr_hcall.args), 48);
	ck_assert_uint_eq(offsetof(struct kvm_ppc_run, u.mmio.len), 48);
	ck_assert_uint_eq(sizeof(((struct kvm_ppc_run *)0)->u), 256);
	ck_assert_uint_eq(offsetof(struct kvm_ppc_sregs, u.s.ppc32), 1040);
	ck_assert(KVM_REG_PPC_HIOR == 0x1030000000000001ULL);
}
END_TEST

Suite *abi_suite(void)
{
	Suite *s = suite_create("abi");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, ioctl_numbers);
	tcase_add_test(tc, run_layout);
	suite_add_tcase(s, tc);
	return s;
}
