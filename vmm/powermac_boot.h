/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the powermac guest is entered, and what the firmware owns in its
 * RAM.  Two ways, both Mac-on-Linux's:
 *
 * - MOL's "any static ELF" boot (mol-src/src/booter/elf.c elf_startup):
 *   real mode, r5 = 0, a 64 KiB HTAB at the top of RAM (powermac_cpu.c).
 *   molvm's bare test guests are written for it.
 *
 * - An Open Firmware client, as MOL's firmware (OpenBIOS, arch/ppc/
 *   start.S call_elf and ofmem.c setup_mmu) entered the images it booted:
 *   MSR = FP | ME | IR | DR (IEEE 1275 PowerPC binding), r5 = the client
 *   interface, r1 = a 32 KiB+ stack of the firmware's, segment registers
 *   0x20000400 + n (Kp = 1, VSID 0x400 + n), BATs off, and SDR1 pointing
 *   at the firmware's hashed page table.  MOL's OpenBIOS filled that
 *   table on demand from its DSI/ISI handlers, 1:1 for anything not
 *   mapped otherwise; under KVM those faults never reach molvm, so molvm
 *   fills the same 1:1 translations up front: all of RAM, and the
 *   platform's I/O ranges (mac-io, the framebuffer, Grackle's ports).
 *   The stock ppc32 Linux kernel (head_book3s_32.S "Enter here with ...
 *   virtual == physical mapping.  r5 points to the prom entry point"),
 *   yaboot and the Mac OS ROM are such clients.
 *
 * The rule (README): -rom, and a -kernel ELF linked at a virtual address
 * other than where it loads (Linux's vmlinux, 0xc0000000 -> 0), are
 * entered as Open Firmware clients; any other image gets MOL's ELF boot;
 * -M powermac,firmware=of|elf decides explicitly.
 */
#ifndef MOLVM_POWERMAC_BOOT_H
#define MOLVM_POWERMAC_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest_mem.h"
#include "ppc32_mmu.h"
#include "range_set.h"

enum pmac_firmware {
	PMAC_FW_AUTO,		/* the rule above */
	PMAC_FW_OF,		/* -M powermac,firmware=of */
	PMAC_FW_ELF,		/* -M powermac,firmware=elf */
};

/* MOL's ELF boot: SDR1 = RAM size - 64 KiB (elf.c elf_startup) */
#define PMAC_ELF_HTAB_SIZE	0x10000u
/* Open Firmware's own RAM below its HTAB: the client-interface stub and
 * the client's stack (MOL's OpenBIOS gave 32 KiB, start.S client_stack) */
#define PMAC_OF_FW_SIZE		0x10000u
#define PMAC_OF_STACK_GAP	32u	/* r1 below the top: the link area */
/* OpenBIOS ofmem.c setup_mmu: sr = (0x20 << 24) | (SEGR_BASE 0x400 + n) */
#define PMAC_OF_SR(n)		(PPC32_SR_KP | (0x400u + (uint32_t)(n)))
#define PMAC_OF_MSR		(PPC_MSR_FP | PPC_MSR_ME | PPC_MSR_IR | PPC_MSR_DR)
/* OpenBIOS ofmem_arch_default_translation_mode: RAM 0x02 (PP read/write),
 * I/O 0x6a (W, I, G, PP read/write) */
#define PMAC_OF_MODE_RAM	0x02u
#define PMAC_OF_MODE_IO		0x6au

struct pmac_boot {
	bool of_client;			/* entered as an Open Firmware client */
	uint64_t ram;
	uint32_t htab, htab_size;	/* SDR1's table */
	uint32_t fw;			/* OF: PMAC_OF_FW_SIZE bytes; 0 in ELF boot */
	uint32_t ci_entry;		/* OF: r5, the client interface */
	uint32_t stack;			/* r1 */
	uint32_t initrd, initrd_size;	/* OF: r3, r4 (yaboot's convention) */
	struct range_set phys, virt;	/* what the firmware and the images hold */
};

/* Whether the image is entered as an Open Firmware client (the rule). */
bool pmac_boot_of_client(enum pmac_firmware fw, bool rom, bool linked_virtual);

/* The HTAB an OF client starts with: RAM / 128 (the architecture's
 * recommended minimum) as a power of two, 64 KiB .. 32 MiB. */
uint32_t pmac_htab_size(uint64_t ram);

/*
 * Lay out RAM: the HTAB at the top, the firmware below it, an initrd of
 * initrd_size bytes (OF only) 1 MiB-aligned above the image (where Linux's
 * prom_init looks for it), and claim what is in use: the image
 * [img_lo, img_hi), the initrd, extra (the -rom toolbox; size 0: none),
 * the firmware and the HTAB; on the virtual side also the I/O ranges the
 * firmware maps.  -1 with a reason in err when it does not fit.
 */
int pmac_boot_layout(struct pmac_boot *b, uint64_t ram, bool of_client, uint64_t img_lo,
		     uint64_t img_hi, uint64_t initrd_size, uint32_t extra, uint32_t extra_size,
		     char *err, size_t errlen);

/* The MMU state an OF client is entered with (MSR, SDR1, SRs; BATs off). */
void pmac_boot_mmu(const struct pmac_boot *b, struct ppc32_mmu *m);

/* OF client: clear the HTAB, fill it with the 1:1 translations, write the
 * client-interface stub.  -1 if the table cannot hold them (cannot happen
 * with pmac_htab_size's tables; checked anyway). */
int pmac_boot_install(const struct guest_mem *mem, const struct pmac_boot *b);

/* Free RAM as /memory "available" cells (base, size pairs) into cells;
 * returns the number of cells, at most max. */
int pmac_available_cells(const struct range_set *phys, uint64_t ram, uint32_t *cells, int max);

#endif
