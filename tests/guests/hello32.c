// SPDX-License-Identifier: GPL-2.0
/*
 * hello32: the 32-bit (powermac, G4-class) test guest.  Prints through
 * OSI LOG_PUTC and checks molvm's OSI dispatch against MOL's behaviour;
 * see README.md for the exact output.
 */
#include "guest.h"
#include "osi.h"

unsigned long osi_check_preserved(void);	/* preserve32.S */

/* Selector 2 is obsolete in MOL 0.9.72 (shared/OSI.md); 12345 is past
 * MOL's 100-entry table (NUM_OSI_SELECTORS) and so is 5000. */
#define OSI_OBSOLETE_SEL	2

static void check_ret(const char *desc, unsigned long r3, unsigned int want)
{
	tap(desc, osi_ret32(r3) == want, osi_ret32(r3));
}

void guest_main(void)
{
	unsigned long msr, mask;

	con_set_writer(osi_writer);
	con_puts("hello32: hello from a 32-bit guest via OSI\n");
	con_puts("hello32: PVR=0x");
	con_hex(mfpvr(), 8);
	con_putc('\n');

	check_ret("CALL_AVAILABLE(LOG_PUTC) == 1",
		  osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC), 1);
	check_ret("CALL_AVAILABLE(EXIT) == 1",
		  osi_call1(OSI_CALL_AVAILABLE, OSI_EXIT), 1);
	check_ret("CALL_AVAILABLE(2) == 0",
		  osi_call1(OSI_CALL_AVAILABLE, OSI_OBSOLETE_SEL), 0);
	check_ret("CALL_AVAILABLE(5000) == 0",
		  osi_call1(OSI_CALL_AVAILABLE, 5000), 0);
	check_ret("unknown selector 2 returns 0",
		  osi_call2(OSI_OBSOLETE_SEL, 0, 0), 0);
	check_ret("out-of-range selector 12345 returns 0",
		  osi_call2(12345, 0, 0), 0);

	mask = osi_check_preserved();
	tap("r13-r31 preserved across an OSI call", mask == 0, mask);

	/* molvm's contract: real mode, MSR = ME only. */
	msr = mfmsr();
	tap("MSR has ME set and IR/DR/EE clear",
	    (msr & (MSR_ME | MSR_IR | MSR_DR | MSR_EE)) == MSR_ME, msr);

	con_puts("hello32: done\n");
	osi_exit();
}
