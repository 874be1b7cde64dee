/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XICS emulated in molvm, for hosts without KVM's in-kernel XICS (or with
 * -M pseries,kernel-irqchip=off): one presentation controller per vCPU
 * (the H_XIRR/H_CPPR/H_EOI/H_IPI/H_IPOLL hypercalls) and one source
 * controller (the ibm,set-xive/get-xive/int-off/int-on RTAS calls).  An
 * interrupt is presented to a vCPU with KVM_INTERRUPT, level-triggered.
 * Semantics from PAPR (LoPAPR 6.x, "Interrupt Presentation Layer") and
 * QEMU's hw/intc/xics.c.
 */
#ifndef MOLVM_XICS_USER_H
#define MOLVM_XICS_USER_H

#include <stdint.h>

struct vm;
struct vcpu;
struct rtas_args;
struct xics_user;

#define XICS_IPI	0x2	/* the XISR value of an inter-processor interrupt */

/* Sets vm->xics_user.  Returns 0, or -1 after one line on stderr. */
int xics_user_init(struct vm *vm);
void xics_user_free(struct vm *vm);

/* Is the external interrupt line of this server raised? (tests) */
int xics_user_line(struct vm *vm, int server);

int xics_user_set_lsi(struct vm *vm, uint32_t irq);
void xics_user_set_level(struct vm *vm, uint32_t irq, int level);

/* Hypercalls (H_FUNCTION when the XICS is KVM's) */
int64_t papr_h_xirr(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_cppr(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_eoi(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_ipi(struct vcpu *vcpu, uint64_t *args);
int64_t papr_h_ipoll(struct vcpu *vcpu, uint64_t *args);

/* RTAS calls (parameter error when the XICS is KVM's) */
void rtas_ibm_set_xive(struct rtas_args *a);
void rtas_ibm_get_xive(struct rtas_args *a);
void rtas_ibm_int_off(struct rtas_args *a);
void rtas_ibm_int_on(struct rtas_args *a);

#endif
