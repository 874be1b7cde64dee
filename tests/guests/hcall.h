/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PAPR hypercalls (`sc 1`) for the 64-bit guests.
 *
 * ABI (PAPR / LoPAPR "Hypervisor Call Interface"; Linux
 * arch/powerpc/include/asm/hvcall.h): r3 = hcall number, arguments in
 * r4..r12; return code in r3, outputs in r4... .  PAPR makes r0, r4-r12,
 * ctr, xer and cr0-1/cr5-7 volatile, so the wrapper clobbers all of them.
 */
#ifndef GUEST_HCALL_H
#define GUEST_HCALL_H

/* Return codes and hcall numbers from Linux asm/hvcall.h. */
#define H_SUCCESS		0
#define H_BUSY			1
#define H_FUNCTION		(-2L)
#define H_PARAMETER		(-4L)

#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58

/* H_PUT_TERM_CHAR / H_GET_TERM_CHAR move at most 16 bytes per call (two
 * registers), packed big-endian: first byte in the top byte of the first. */
#define HVTERM_MAX		16

struct hret {
	long r3;		/* return code */
	unsigned long r4, r5, r6, r7;
};

/* One hcall with up to four arguments (r4..r7). */
static inline long hcall4(struct hret *out, unsigned long nr, unsigned long a4,
			  unsigned long a5, unsigned long a6, unsigned long a7)
{
	register unsigned long r3 __asm__("r3") = nr;
	register unsigned long r4 __asm__("r4") = a4;
	register unsigned long r5 __asm__("r5") = a5;
	register unsigned long r6 __asm__("r6") = a6;
	register unsigned long r7 __asm__("r7") = a7;
	register unsigned long r8 __asm__("r8");
	register unsigned long r9 __asm__("r9");
	register unsigned long r10 __asm__("r10");
	register unsigned long r11 __asm__("r11");
	register unsigned long r12 __asm__("r12");

	__asm__ volatile("sc 1"
			 : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
			   "=r"(r8), "=r"(r9), "=r"(r10), "=r"(r11), "=r"(r12)
			 :
			 : "r0", "ctr", "xer", "cc", "cr1", "cr5", "cr6",
			   "cr7", "memory");
	if (out) {
		out->r3 = (long)r3;
		out->r4 = r4;
		out->r5 = r5;
		out->r6 = r6;
		out->r7 = r7;
	}
	return (long)r3;
}

#endif
