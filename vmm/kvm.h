/* SPDX-License-Identifier: GPL-2.0 */
/* Talking to /dev/kvm: VM, memory, vCPUs and their registers. */
#ifndef MOLVM_KVM_H
#define MOLVM_KVM_H

#include "vm.h"

/* Each returns 0, or -1 after printing one line that says what failed. */
int kvm_vm_create(struct vm *vm, const char *dev);
int kvm_vcpu_create(struct vm *vm, struct vcpu *vcpu, int id);
int kvm_vcpu_reset(struct vcpu *vcpu, uint64_t pc, uint64_t msr, uint64_t r3);
void kvm_vcpu_dump(struct vcpu *vcpu);
/* LPCR[ILE]: interrupts taken in little-endian (Power ISA 2.07, LPCR) */
#define LPCR_ILE (1ULL << 25)

struct ppc32_mmu;
/* A 32-bit guest's MMU as it is now (SDR1, SRs, BATs; msr: its MSR). */
int kvm_vcpu_get_mmu32(struct vcpu *vcpu, uint32_t msr, struct ppc32_mmu *m);
/* Make KVM forget the translations it took from the guest's page table
 * (the page table changed under the guest). */
int kvm_vcpu_flush_tlb(struct vcpu *vcpu);

int kvm_vcpu_set_one_reg(struct vcpu *vcpu, uint64_t id, uint64_t val);
void kvm_vm_destroy(struct vm *vm);
/* Another memory region (its own memslot) at guest physical gpa. */
int kvm_add_memory(struct vm *vm, uint64_t gpa, uint64_t size, void *host);

#endif
