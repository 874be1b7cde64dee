// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>
#include <linux/kvm.h>

#define REGS struct kvm_regs
#define SREGS struct kvm_sregs
#define RUN struct kvm_run
#define MEMBER(m) m
#define ABI(x) (unsigned long long)(x),
const unsigned long long abi_real[] = {
#include "abi_list.h"
};
#undef ABI
#define ABI(x) #x,
const char *const abi_names[] = {
#include "abi_list.h"
};
