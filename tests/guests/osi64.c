// SPDX-License-Identifier: GPL-2.0
/*
 * osi64: a 64-bit guest that only makes OSI calls (plain sc), never a PAPR
 * hcall (sc 1).  It is the 64-bit guest of the G5 test host: QEMU 7.2's
 * emulated 970 has no hypervisor mode, and the first sc 1 a KVM PR guest
 * executes there aborts QEMU (contrib/testhost/README.md).  It checks the
 * 64-bit entry state KVM PR gives a 970 guest on a 970 (PVR, MSR, vectors
 * at 0: an HIOR left at 0xfff00000 would never get here) and OSI dispatch.
 */
#include "guest.h"
#include "osi.h"

#define MSR_SF		(1UL << 63)	/* Power ISA Book III: 64-bit mode */

void guest_main(void)
{
	unsigned long msr;
	unsigned int v;

	con_set_writer(osi_writer);
	con_puts("osi64: hello from a 64-bit guest via OSI\n");
	con_puts("osi64: PVR=0x");
	con_hex(mfpvr(), 8);
	con_putc('\n');

	msr = mfmsr();
	tap("MSR has SF and ME set", (msr & (MSR_SF | MSR_ME)) == (MSR_SF | MSR_ME), msr);
	/* OSI results are 32-bit (shared/OSI.md): compare the low word. */
	v = osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC));
	tap("CALL_AVAILABLE(LOG_PUTC) == 1", v == 1, v);
	v = osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_EXIT));
	tap("CALL_AVAILABLE(EXIT) == 1", v == 1, v);
	v = osi_ret32(osi_call2(2, 0, 0));	/* obsolete in MOL 0.9.72 */
	tap("unknown selector 2 returns 0", v == 0, v);

	con_puts("osi64: done\n");
	osi_exit();
}
