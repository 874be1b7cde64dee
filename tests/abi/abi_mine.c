// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>
#include "../../vmm/kvm_abi.h"

#define REGS struct kvm_ppc_regs
#define SREGS struct kvm_ppc_sregs
#define RUN struct kvm_ppc_run
#define MEMBER(m) u.m
#define kvm_userspace_memory_region kvm_ppc_userspace_memory_region
#define kvm_enable_cap kvm_ppc_enable_cap
#define kvm_rtas_token_args kvm_ppc_rtas_token_args
#define kvm_create_device kvm_ppc_create_device
#define kvm_device_attr kvm_ppc_device_attr
#define ABI(x) (unsigned long long)(x),
const unsigned long long abi_mine[] = {
#include "abi_list.h"
};
