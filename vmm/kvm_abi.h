/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of the Linux KVM ABI that molvm uses, as seen by a PowerPC
 * Book3S host.  Declared here rather than taken from <linux/kvm.h> so the
 * same code builds natively (x86 unit tests and tools) and for any PowerPC
 * host; tests/abi/abi_check.c compares every number and layout below with
 * the real kernel header in the cross build.
 *
 * Source of the facts: Linux include/uapi/linux/kvm.h and
 * arch/powerpc/include/uapi/asm/kvm.h (v6.1).
 */
#ifndef MOLVM_KVM_ABI_H
#define MOLVM_KVM_ABI_H

#include <stdint.h>

/*
 * PowerPC ioctl encoding (arch/powerpc/include/uapi/asm/ioctl.h): 13 size
 * bits, direction in bits 29..31 with NONE=1, READ=2, WRITE=4.  It differs
 * from the generic encoding, hence spelled out.
 */
#define PPC_IOC(dir, nr, size) \
	((uint32_t)(((uint32_t)(dir) << 29) | ((uint32_t)(size) << 16) | (0xAEu << 8) | (nr)))
#define PPC_IO(nr)          PPC_IOC(1u, nr, 0)
#define PPC_IOR(nr, type)   PPC_IOC(2u, nr, sizeof(type))
#define PPC_IOW(nr, type)   PPC_IOC(4u, nr, sizeof(type))
#define PPC_IOWR(nr, type)  PPC_IOC(6u, nr, sizeof(type))

#define KVM_API_VERSION_EXPECTED 12

/* VM types for KVM_CREATE_VM on PowerPC: 1 = HV, 2 = PR */
#define KVM_VM_PPC_HV 1
#define KVM_VM_PPC_PR 2

/* Capabilities (include/uapi/linux/kvm.h) */
#define KVM_CAP_USER_MEMORY     3
#define KVM_CAP_PPC_OSI         52
#define KVM_CAP_PPC_UNSET_IRQ   53
#define KVM_CAP_PPC_GET_PVINFO  57
#define KVM_CAP_PPC_PAPR        68
#define KVM_CAP_ONE_REG         70
#define KVM_CAP_PPC_GET_SMMU_INFO 78
#define KVM_CAP_PPC_ALLOC_HTAB  80
#define KVM_CAP_IRQ_XICS        92
#define KVM_CAP_PPC_GET_CPU_CHAR 151
#define KVM_CAP_NR_VCPUS        9
#define KVM_CAP_MAX_VCPUS       66

/* Exit reasons */
#define KVM_EXIT_UNKNOWN          0
#define KVM_EXIT_DEBUG            4
#define KVM_EXIT_HLT              5
#define KVM_EXIT_MMIO             6
#define KVM_EXIT_SHUTDOWN         8
#define KVM_EXIT_FAIL_ENTRY       9
#define KVM_EXIT_INTR             10
#define KVM_EXIT_DCR              15
#define KVM_EXIT_INTERNAL_ERROR   17
#define KVM_EXIT_OSI              18
#define KVM_EXIT_PAPR_HCALL       19
#define KVM_EXIT_WATCHDOG         21
#define KVM_EXIT_EPR              23
#define KVM_EXIT_SYSTEM_EVENT     24
#define KVM_EXIT_NR               40	/* size of molvm's dispatch table */

#define KVM_SYSTEM_EVENT_SHUTDOWN 1
#define KVM_SYSTEM_EVENT_RESET    2

/* KVM_INTERRUPT values (arch/powerpc/include/uapi/asm/kvm.h) */
#define KVM_INTERRUPT_SET        (-1U)
#define KVM_INTERRUPT_UNSET      (-2U)
#define KVM_INTERRUPT_SET_LEVEL  (-3U)

struct kvm_ppc_regs {
	uint64_t pc, cr, ctr, lr, xer, msr, srr0, srr1, pid;
	uint64_t sprg[8];
	uint64_t gpr[32];
};

struct kvm_ppc_sregs {
	uint32_t pvr;
	uint32_t pad0;			/* implicit padding before the u64 */
	union {
		struct {
			uint64_t sdr1;
			struct {
				uint64_t slbe;
				uint64_t slbv;
			} slb[64];
			struct {
				uint32_t sr[16];
				uint64_t ibat[8];
				uint64_t dbat[8];
			} ppc32;
		} s;
		uint8_t pad[1020];
	} u;
};

struct kvm_ppc_userspace_memory_region {
	uint32_t slot;
	uint32_t flags;
	uint64_t guest_phys_addr;
	uint64_t memory_size;
	uint64_t userspace_addr;
};

struct kvm_ppc_enable_cap {
	uint32_t cap;
	uint32_t flags;
	uint64_t args[4];
	uint8_t pad[64];
};

struct kvm_ppc_one_reg {
	uint64_t id;
	uint64_t addr;
};

struct kvm_ppc_interrupt {
	uint32_t irq;
};

/* KVM_PPC_GET_SMMU_INFO: the MMU the guest may use (asm/kvm.h) */
#define KVM_PPC_PAGE_SIZES_MAX_SZ 8
#define KVM_PPC_1T_SEGMENTS	0x00000002
struct kvm_ppc_one_page_size {
	uint32_t page_shift;	/* page size, log2; 0 = unused slot */
	uint32_t pte_enc;	/* LP field of the HPTE */
};
struct kvm_ppc_one_seg_page_size {
	uint32_t page_shift;	/* base page size */
	uint32_t slb_enc;	/* SLB L||LP bits */
	struct kvm_ppc_one_page_size enc[KVM_PPC_PAGE_SIZES_MAX_SZ];
};
struct kvm_ppc_smmu_info {
	uint64_t flags;
	uint32_t slb_size;
	uint16_t data_keys;
	uint16_t instr_keys;
	struct kvm_ppc_one_seg_page_size sps[KVM_PPC_PAGE_SIZES_MAX_SZ];
};

struct kvm_ppc_pvinfo {
	uint32_t flags;
	uint32_t hcall[4];
	uint8_t pad[108];
};

/* The host CPU's speculation characteristics and recommended behaviour
 * (bits as PAPR's H_GET_CPU_CHARACTERISTICS); a *_mask bit set means the
 * host knows that bit. */
struct kvm_ppc_cpu_char {
	uint64_t character;
	uint64_t behaviour;
	uint64_t character_mask;
	uint64_t behaviour_mask;
};

#define KVM_CREATE_DEVICE_TEST 1	/* only ask whether the type exists */

struct kvm_ppc_create_device {
	uint32_t type;
	uint32_t fd;
	uint32_t flags;
};

struct kvm_ppc_device_attr {
	uint32_t flags;
	uint32_t group;
	uint64_t attr;
	uint64_t addr;
};

struct kvm_ppc_rtas_token_args {
	char name[120];
	uint64_t token;
};

#define KVM_DEV_TYPE_XICS		3
#define KVM_DEV_XICS_GRP_SOURCES	1
#define KVM_XICS_PRIORITY_SHIFT		32
#define KVM_XICS_LEVEL_SENSITIVE	(1ULL << 40)
#define KVM_XICS_MASKED			(1ULL << 41)

/* KVM_IRQ_LINE: for the in-kernel XICS, irq is the source number */
struct kvm_ppc_irq_level {
	uint32_t irq;
	uint32_t level;
};

/* struct kvm_run, only the members molvm reads or writes */
struct kvm_ppc_run {
	uint8_t request_interrupt_window;
	uint8_t immediate_exit;
	uint8_t padding1[6];
	uint32_t exit_reason;
	uint8_t ready_for_interrupt_injection;
	uint8_t if_flag;
	uint16_t flags;
	uint64_t cr8;
	uint64_t apic_base;
	union {
		struct {
			uint64_t hardware_exit_reason;
		} hw;
		struct {
			uint64_t hardware_entry_failure_reason;
			uint32_t cpu;
		} fail_entry;
		struct {
			uint64_t phys_addr;
			uint8_t data[8];
			uint32_t len;
			uint8_t is_write;
		} mmio;
		struct {
			uint32_t dcrn;
			uint32_t data;
			uint8_t is_write;
		} dcr;
		struct {
			uint32_t suberror;
			uint32_t ndata;
			uint64_t data[16];
		} internal;
		struct {
			uint64_t gprs[32];
		} osi;
		struct {
			uint64_t nr;
			uint64_t ret;
			uint64_t args[9];
		} papr_hcall;
		struct {
			uint32_t type;
			uint32_t ndata;
			uint64_t data[16];
		} system_event;
		char padding[256];
	} u;
};

#define KVM_REG_PPC          0x1000000000000000ULL
#define KVM_REG_SIZE_U32     0x0020000000000000ULL
#define KVM_REG_SIZE_U64     0x0030000000000000ULL
#define KVM_REG_PPC_HIOR     (KVM_REG_PPC | KVM_REG_SIZE_U64 | 0x1)
#define KVM_REG_PPC_LPCR     (KVM_REG_PPC | KVM_REG_SIZE_U32 | 0xb5)

/* System ioctls */
#define KVM_GET_API_VERSION        PPC_IO(0x00)
#define KVM_CREATE_VM              PPC_IO(0x01)
#define KVM_CHECK_EXTENSION        PPC_IO(0x03)
#define KVM_GET_VCPU_MMAP_SIZE     PPC_IO(0x04)
/* VM ioctls */
#define KVM_CREATE_VCPU            PPC_IO(0x41)
#define KVM_SET_USER_MEMORY_REGION PPC_IOW(0x46, struct kvm_ppc_userspace_memory_region)
#define KVM_IRQ_LINE               PPC_IOW(0x61, struct kvm_ppc_irq_level)
#define KVM_PPC_GET_PVINFO         PPC_IOW(0xa1, struct kvm_ppc_pvinfo)
#define KVM_PPC_GET_CPU_CHAR       PPC_IOR(0xb1, struct kvm_ppc_cpu_char)
/* vCPU ioctls */
#define KVM_RUN                    PPC_IO(0x80)
#define KVM_GET_REGS               PPC_IOR(0x81, struct kvm_ppc_regs)
#define KVM_SET_REGS               PPC_IOW(0x82, struct kvm_ppc_regs)
#define KVM_GET_SREGS              PPC_IOR(0x83, struct kvm_ppc_sregs)
#define KVM_SET_SREGS              PPC_IOW(0x84, struct kvm_ppc_sregs)
#define KVM_INTERRUPT              PPC_IOW(0x86, struct kvm_ppc_interrupt)
#define KVM_ENABLE_CAP             PPC_IOW(0xa3, struct kvm_ppc_enable_cap)
#define KVM_SET_ONE_REG            PPC_IOW(0xac, struct kvm_ppc_one_reg)
#define KVM_GET_ONE_REG            PPC_IOW(0xab, struct kvm_ppc_one_reg)
#define KVM_PPC_RTAS_DEFINE_TOKEN  PPC_IOW(0xac, struct kvm_ppc_rtas_token_args)
#define KVM_PPC_ALLOCATE_HTAB      PPC_IOWR(0xa7, uint32_t)
#define KVM_PPC_GET_SMMU_INFO      PPC_IOR(0xa6, struct kvm_ppc_smmu_info)
#define KVM_CREATE_DEVICE          PPC_IOWR(0xe0, struct kvm_ppc_create_device)
#define KVM_SET_DEVICE_ATTR        PPC_IOW(0xe1, struct kvm_ppc_device_attr)

_Static_assert(sizeof(struct kvm_ppc_regs) == 392, "kvm_regs layout");
_Static_assert(sizeof(struct kvm_ppc_sregs) == 1232, "kvm_sregs layout");
_Static_assert(sizeof(struct kvm_ppc_enable_cap) == 104, "kvm_enable_cap layout");
_Static_assert(sizeof(struct kvm_ppc_pvinfo) == 128, "kvm_ppc_pvinfo layout");

#endif
