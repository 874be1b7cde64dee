/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PAPR hypercalls that KVM PR hands to userspace (KVM_EXIT_PAPR_HCALL):
 * number in r3, arguments r4..r12 in args[0..8]; the handler's return
 * goes to r3 and args[] back to r4..r12 (arch/powerpc/kvm/powerpc.c).
 */
#ifndef MOLVM_PAPR_H
#define MOLVM_PAPR_H

#include <stdint.h>

struct vcpu;

/* Return codes (PAPR; Linux arch/powerpc/include/asm/hvcall.h) */
#define H_SUCCESS	0
#define H_HARDWARE	(-1)
#define H_FUNCTION	(-2)
#define H_PRIVILEGE	(-3)
#define H_PARAMETER	(-4)
#define H_NOT_FOUND	(-7)
#define H_BUSY		1
#define H_RESOURCE	(-16)

/* Hypercall numbers (same source) */
#define H_READ		0x0C
#define H_CLEAR_MOD	0x10
#define H_CLEAR_REF	0x14
#define H_GET_TERM_CHAR	0x54
#define H_PUT_TERM_CHAR	0x58
#define H_EOI		0x64
#define H_CPPR		0x68
#define H_IPI		0x6C
#define H_IPOLL		0x70
#define H_XIRR		0x74
#define H_REGISTER_VPA	0xDC
#define H_GET_CPU_CHARACTERISTICS 0x1C8
#define H_GET_EM_PARMS	0x2B8
#define H_SET_MODE	0x31C
#define H_CLEAR_HPT	0x358
#define H_SIGNAL_SYS_RESET 0x380
#define H_GET_24X7_CATALOG_PAGE 0xF078
#define H_GET_24X7_DATA	0xF07C
#define H_GET_PERF_COUNTER_INFO 0xF080

#define H_P2		(-55)
#define H_P3		(-56)
#define H_P4		(-57)
#define H_UNSUPPORTED_FLAG_START (-256)

/* The one virtual terminal's number (its "reg" in the device tree). */
#define PAPR_VTERM_NO	0

typedef int64_t (*papr_hcall_fn)(struct vcpu *vcpu, uint64_t *args);

int64_t papr_dispatch(struct vcpu *vcpu, uint64_t nr, uint64_t *args);

int64_t papr_h_get_term_char(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_put_term_char(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_set_mode(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_register_vpa(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_read(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_clear_ref(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_clear_mod(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_get_cpu_characteristics(struct vcpu *vcpu, uint64_t *args);

struct kvm_ppc_cpu_char;
/* The characteristics and behaviour H_GET_CPU_CHARACTERISTICS gives a PR
 * guest, from what the host's KVM reported (papr_cpu_char.c). */
void papr_cpu_char(const struct kvm_ppc_cpu_char *host, uint64_t *character,
		   uint64_t *behaviour);

#endif
