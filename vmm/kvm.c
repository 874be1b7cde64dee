// SPDX-License-Identifier: GPL-2.0
#include "kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu_models.h"
#include "log.h"
#include "machine.h"
#include "powermac_cpu.h"
#include "ppc32_mmu.h"

static int check_cap(struct vm *vm, int cap, const char *name)
{
	int r = ioctl(vm->vm_fd, KVM_CHECK_EXTENSION, cap);

	if (r <= 0) {
		pr_err("KVM lacks %s (capability %d), which machine '%s' needs",
		       name, cap, vm->cfg->machine->name);
		return -1;
	}
	return 0;
}

int kvm_vm_create(struct vm *vm, const char *dev)
{
	struct kvm_ppc_userspace_memory_region region;
	int r;

	vm->kvm_fd = open(dev, O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0) {
		pr_err("%s: %s (molvm needs a PowerPC host with KVM PR)", dev, strerror(errno));
		return -1;
	}
	r = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (r < 0) {
		pr_err("%s does not answer the PowerPC KVM API (%s): this host is not PowerPC",
		       dev, strerror(errno));
		return -1;
	}
	if (r != KVM_API_VERSION_EXPECTED) {
		pr_err("%s: KVM API version %d, molvm needs %d", dev, r, KVM_API_VERSION_EXPECTED);
		return -1;
	}
	/* Type 2 = PR: the guest runs in problem state under the host
	 * kernel (QEMU's Mac machines pass the same). */
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, KVM_VM_PPC_PR);
	if (vm->vm_fd < 0) {
		pr_err("KVM PR is not available (KVM_CREATE_VM: %s); the host kernel needs "
		       "CONFIG_KVM_BOOK3S_64_PR or CONFIG_KVM_BOOK3S_32 and a hash-MMU CPU",
		       strerror(errno));
		return -1;
	}
	if (vm->cfg->machine->osi && check_cap(vm, KVM_CAP_PPC_OSI, "KVM_CAP_PPC_OSI"))
		return -1;
	if (vm->cfg->machine->papr && check_cap(vm, KVM_CAP_PPC_PAPR, "KVM_CAP_PPC_PAPR"))
		return -1;
	if (check_cap(vm, KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY"))
		return -1;

	r = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (r < (int)sizeof(struct kvm_ppc_run)) {
		pr_err("KVM_GET_VCPU_MMAP_SIZE: %s", r < 0 ? strerror(errno) : "too small");
		return -1;
	}
	vm->run_size = (size_t)r;

	memset(&region, 0, sizeof(region));
	region.slot = 0;
	region.guest_phys_addr = 0;
	region.memory_size = vm->mem.size;
	region.userspace_addr = (uint64_t)(uintptr_t)vm->mem.host;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		pr_err("KVM_SET_USER_MEMORY_REGION (%llu MiB): %s",
		       (unsigned long long)(vm->mem.size >> 20), strerror(errno));
		return -1;
	}
	return 0;
}

int kvm_add_memory(struct vm *vm, uint64_t gpa, uint64_t size, void *host)
{
	/* Slot 0 is RAM; every other region takes the next slot. */
	uint32_t slot = vm->next_mem_slot;
	struct kvm_ppc_userspace_memory_region region;

	memset(&region, 0, sizeof(region));
	region.slot = slot;
	region.guest_phys_addr = gpa;
	region.memory_size = size;
	region.userspace_addr = (uint64_t)(uintptr_t)host;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		pr_err("KVM_SET_USER_MEMORY_REGION (slot %u at 0x%llx, %llu KiB): %s", slot,
		       (unsigned long long)gpa, (unsigned long long)(size >> 10), strerror(errno));
		return -1;
	}
	vm->next_mem_slot++;
	return 0;
}

static int enable_vcpu_cap(struct vcpu *vcpu, uint32_t cap, const char *name)
{
	struct kvm_ppc_enable_cap ec;

	memset(&ec, 0, sizeof(ec));
	ec.cap = cap;
	if (ioctl(vcpu->fd, KVM_ENABLE_CAP, &ec) < 0) {
		pr_err("vCPU %d: enabling %s: %s", vcpu->id, name, strerror(errno));
		return -1;
	}
	return 0;
}

int kvm_vcpu_create(struct vm *vm, struct vcpu *vcpu, int id)
{
	const struct machine *m = vm->cfg->machine;
	void *run;

	vcpu->vm = vm;
	vcpu->id = id;
	vcpu->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, id);
	if (vcpu->fd < 0) {
		pr_err("KVM_CREATE_VCPU %d: %s", id, strerror(errno));
		return -1;
	}
	run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu->fd, 0);
	if (run == MAP_FAILED) {
		pr_err("vCPU %d: mmap of kvm_run: %s", id, strerror(errno));
		return -1;
	}
	vcpu->run = run;
	if (m->osi && enable_vcpu_cap(vcpu, KVM_CAP_PPC_OSI, "KVM_CAP_PPC_OSI"))
		return -1;
	if (m->papr && enable_vcpu_cap(vcpu, KVM_CAP_PPC_PAPR, "KVM_CAP_PPC_PAPR"))
		return -1;
	return 0;
}

int kvm_vcpu_reset(struct vcpu *vcpu, uint64_t pc, uint64_t msr, uint64_t r3)
{
	const struct cpu_model *cpu = vcpu->vm->cfg->cpu;
	const struct machine *m = vcpu->vm->cfg->machine;
	struct kvm_ppc_sregs sregs;
	struct kvm_ppc_regs regs;
	struct kvm_ppc_one_reg one;
	uint64_t hior = 0;

	if (ioctl(vcpu->fd, KVM_GET_SREGS, &sregs) < 0) {
		pr_err("vCPU %d: KVM_GET_SREGS: %s", vcpu->id, strerror(errno));
		return -1;
	}
	if (ioctl(vcpu->fd, KVM_GET_REGS, &regs) < 0) {
		pr_err("vCPU %d: KVM_GET_REGS: %s", vcpu->id, strerror(errno));
		return -1;
	}
	memset(regs.gpr, 0, sizeof(regs.gpr));
	/* A fresh vCPU carries the host's PVR: the model's replaces it. */
	sregs.pvr = cpu->pvr;
	/* PAPR mode: SDR1 holds the host address of our HPT. */
	if (m->papr && vcpu->vm->hpt)
		sregs.u.s.sdr1 = vcpu->vm->sdr1;
	/* the machine's entry state may change these too */
	regs.pc = pc;
	regs.msr = msr;
	regs.gpr[3] = r3;
	if (m->cpu_state)
		m->cpu_state(vcpu->vm, &sregs, &regs);
	/*
	 * The registers before the special registers: on KVM PR,
	 * KVM_SET_REGS applies the MSR without loading the vCPU
	 * (arch/powerpc/kvm/book3s.c kvm_arch_vcpu_ioctl_set_regs has no
	 * vcpu_load), so the segments kvmppc_set_msr_pr maps for a change
	 * of MSR[IR/DR] go to a shadow vCPU that is thrown away, and the
	 * guest would run on the segments of its previous MSR: an OF
	 * client entered with translation on faults forever on its first
	 * instruction.  KVM_SET_SREGS loads the vCPU and maps every segment
	 * for the MSR then in effect.
	 */
	if (ioctl(vcpu->fd, KVM_SET_REGS, &regs) < 0) {
		pr_err("vCPU %d: KVM_SET_REGS: %s", vcpu->id, strerror(errno));
		return -1;
	}
	if (ioctl(vcpu->fd, KVM_SET_SREGS, &sregs) < 0) {
		pr_err("vCPU %d: setting PVR 0x%08x (%s): %s", vcpu->id, sregs.pvr,
		       cpu->name, strerror(errno));
		return -1;
	}
	/* After the PVR: setting a 64-bit PVR resets HIOR to 0xfff00000
	 * (book3s_pr.c, kvmppc_set_pvr_pr); vectors belong at 0. */
	one.id = KVM_REG_PPC_HIOR;
	one.addr = (uint64_t)(uintptr_t)&hior;
	if (ioctl(vcpu->fd, KVM_SET_ONE_REG, &one) < 0) {
		pr_err("vCPU %d: setting HIOR: %s", vcpu->id, strerror(errno));
		return -1;
	}
	return 0;
}

int kvm_vcpu_get_mmu32(struct vcpu *vcpu, uint32_t msr, struct ppc32_mmu *m)
{
	struct kvm_ppc_sregs s;

	if (ioctl(vcpu->fd, KVM_GET_SREGS, &s) < 0)
		return -1;
	ppc32_mmu_from_sregs(m, &s, msr);
	return 0;
}

/*
 * KVM PR flushes its shadow of the guest's page table whenever the
 * segment registers are set (book3s_pr.c kvm_arch_vcpu_ioctl_set_sregs_pr
 * -> kvmppc_mmu_pte_flush(vcpu, 0, 0)): write back what is there.  The
 * BATs come back from KVM_GET_SREGS as lower << 32 | upper and must go in
 * as upper << 32 | lower (powermac_cpu.c).
 */
int kvm_vcpu_flush_tlb(struct vcpu *vcpu)
{
	struct kvm_ppc_sregs s;
	int i;

	if (ioctl(vcpu->fd, KVM_GET_SREGS, &s) < 0)
		return -1;
	for (i = 0; i < 8; i++) {
		s.u.s.ppc32.ibat[i] = ppc32_sregs_bat((uint32_t)s.u.s.ppc32.ibat[i],
						      (uint32_t)(s.u.s.ppc32.ibat[i] >> 32));
		s.u.s.ppc32.dbat[i] = ppc32_sregs_bat((uint32_t)s.u.s.ppc32.dbat[i],
						      (uint32_t)(s.u.s.ppc32.dbat[i] >> 32));
	}
	return ioctl(vcpu->fd, KVM_SET_SREGS, &s) < 0 ? -1 : 0;
}

int kvm_vcpu_set_one_reg(struct vcpu *vcpu, uint64_t id, uint64_t val)
{
	struct kvm_ppc_one_reg one = { .id = id, .addr = (uint64_t)(uintptr_t)&val };
	uint32_t v32 = (uint32_t)val;

	/* The register's size is in its id; pass a buffer of that size. */
	if ((id & KVM_REG_SIZE_U64) == KVM_REG_SIZE_U32)
		one.addr = (uint64_t)(uintptr_t)&v32;
	return ioctl(vcpu->fd, KVM_SET_ONE_REG, &one);
}

void kvm_vcpu_dump(struct vcpu *vcpu)
{
	struct kvm_ppc_regs r;
	struct kvm_ppc_sregs s;
	int i;

	if (ioctl(vcpu->fd, KVM_GET_REGS, &r) < 0) {
		pr_err("vCPU %d: registers unavailable: %s", vcpu->id, strerror(errno));
		return;
	}
	fprintf(stderr, "vCPU %d registers:\n", vcpu->id);
	fprintf(stderr, " pc  %016llx msr %016llx lr  %016llx ctr %016llx\n",
		(unsigned long long)r.pc, (unsigned long long)r.msr,
		(unsigned long long)r.lr, (unsigned long long)r.ctr);
	fprintf(stderr, " cr  %016llx xer %016llx srr0 %016llx srr1 %016llx\n",
		(unsigned long long)r.cr, (unsigned long long)r.xer,
		(unsigned long long)r.srr0, (unsigned long long)r.srr1);
	for (i = 0; i < 32; i++)
		fprintf(stderr, " r%-2d %016llx%s", i, (unsigned long long)r.gpr[i],
			i % 4 == 3 ? "\n" : "");
	if (ioctl(vcpu->fd, KVM_GET_SREGS, &s) == 0)
		fprintf(stderr, " pvr %08x sdr1 %016llx\n", s.pvr,
			(unsigned long long)s.u.s.sdr1);
}

void kvm_vm_destroy(struct vm *vm)
{
	int i;

	for (i = 0; i < vm->nr_vcpus; i++) {
		if (vm->vcpus[i].run)
			munmap(vm->vcpus[i].run, vm->run_size);
		if (vm->vcpus[i].fd >= 0)
			close(vm->vcpus[i].fd);
	}
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
}
