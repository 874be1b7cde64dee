/* SPDX-License-Identifier: GPL-2.0 */
/*
 * molvm's Open Firmware client interface (IEEE 1275 section 6.3, with its
 * PowerPC binding).  The guest side is a stub of eight instructions in
 * the firmware's RAM, whose address the client gets in r5: it turns the
 * client's call (r3 = the argument array) into MOL's OSI call
 * OF_INTERFACE (selector 20, defined by MOL for exactly this and never
 * implemented by its host side), and molvm serves it from the VM's
 * device tree:
 *
 *   mr   r6,r3            argument array (the client's virtual address)
 *   lis  r3,0x1137        OSI magic, r3/r4
 *   ori  r3,r3,0x24fa
 *   lis  r4,0x7781
 *   ori  r4,r4,0x0f9b
 *   li   r5,selector      OSI_OF_INTERFACE (20); the RTAS stub: OF_RTAS (22)
 *   sc                    KVM PR exits to molvm with all GPRs (KVM_EXIT_OSI)
 *   blr                   r3 = 0, or -1 for an unknown service
 *
 * KVM gives the GPRs back unchanged but for r3, so the stub keeps r1, r2,
 * r13-r31, CR, LR, CTR, XER and the MSR: more than the binding asks
 * (r1, r2, r13-r31, cr2-cr4), and it works with translation on or off.
 * MOL's own firmware used the same shape for its RTAS entry (OpenBIOS
 * arch/ppc/start.S of_rtas_start).
 */
#ifndef MOLVM_OF_CLIENT_H
#define MOLVM_OF_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vm;
struct ppc32_mmu;
struct pmac_boot;
struct of_fw;

#define OF_STUB_WORDS	8

/* The stub above for an OSI selector. */
void of_osi_stub(uint32_t selector, uint32_t words[OF_STUB_WORDS]);

/*
 * Instance handles: 0x6f, a 16-bit generation, the slot.  The five that
 * /chosen names exist from the start (slots 0-4, generation 1): stdout
 * and stdin on the console (the ESCC's channel A), mmu on the CPU node,
 * memory on /memory, nvram on mac-io's nvram.
 */
#define OF_IHANDLE(slot, gen)	(0x6f000000u | (uint32_t)(gen) << 8 | (uint32_t)(slot))
#define OF_IH_STDOUT		OF_IHANDLE(0, 1)
#define OF_IH_STDIN		OF_IHANDLE(1, 1)
#define OF_IH_MMU		OF_IHANDLE(2, 1)
#define OF_IH_MEMORY		OF_IHANDLE(3, 1)
/* /chosen "nvram": mac-io's nvram, open from the start as MOL's firmware
 * had it (openbios arch/ppc/mol/mol.fs preopen); the Mac OS ROM reads its
 * settings through it */
#define OF_IH_NVRAM		OF_IHANDLE(4, 1)

/* Set up the firmware for a VM whose tree (vm->osi->prom) is built and
 * whose RAM is laid out as boot says.  -1 if the tree lacks a node the
 * firmware serves (an error message is printed). */
int of_fw_init(struct vm *vm, struct of_fw *fw, const struct pmac_boot *boot);

/* RTAS calls of the powermac /rtas node (of_rtas.c): name and token */
size_t pmac_rtas_nr_calls(void);
const char *pmac_rtas_call_name(size_t i);
uint32_t pmac_rtas_call_token(size_t i);

/*
 * One client-interface call: args is the argument array's address in the
 * client's address space, which mmu describes (NULL: physical; then the
 * mmu methods fail).  Returns r3: 0, or -1 for an unknown service or a
 * malformed array.  *flush says a translation the guest may have in its
 * TLB changed (the caller makes KVM forget them).
 */
uint32_t of_client_call(struct vm *vm, const struct ppc32_mmu *mmu, uint32_t args, bool *flush);

#endif
