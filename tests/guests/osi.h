/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest side of MOL's OSI hypercall, for both test guests.
 *
 * ABI (MOL 0.9.72 osi.h / osi_calls.h, Linux arch/powerpc/kvm/book3s_pr.c;
 * summarised in shared/OSI.md): plain `sc` with r3 = 0x113724FA,
 * r4 = 0x77810F9B, r5 = selector, arguments in r6..r11; result in r3,
 * extra results in r4..r9.  KVM PR compares only the low 32 bits of r3
 * and r4, and the magic values are positive, so sign extension on 64-bit
 * does no harm.
 */
#ifndef GUEST_OSI_H
#define GUEST_OSI_H

#define OSI_SC_MAGIC_R3		0x113724FAUL	/* osi.h OSI_SC_MAGIC_R3 */
#define OSI_SC_MAGIC_R4		0x77810F9BUL	/* osi.h OSI_SC_MAGIC_R4 */

/* Selectors, from MOL's osi_calls.h (table in shared/OSI.md). */
#define OSI_CALL_AVAILABLE	0
#define OSI_LOG_PUTC		47
#define OSI_EXIT		54

/*
 * One OSI call with up to two arguments; returns r3.  The contract says
 * only r3..r9 change, but the extra clobbers (r0, r10-r12, ctr, xer, cr)
 * cost nothing here and keep these wrappers correct even against a VMM
 * that trashes volatile registers; whether non-volatile registers survive
 * is tested separately, in assembly (preserve32.S).
 */
static inline unsigned long osi_call2(unsigned long sel, unsigned long a0,
				      unsigned long a1)
{
	register unsigned long r3 __asm__("r3") = OSI_SC_MAGIC_R3;
	register unsigned long r4 __asm__("r4") = OSI_SC_MAGIC_R4;
	register unsigned long r5 __asm__("r5") = sel;
	register unsigned long r6 __asm__("r6") = a0;
	register unsigned long r7 __asm__("r7") = a1;
	register unsigned long r8 __asm__("r8");
	register unsigned long r9 __asm__("r9");

	__asm__ volatile("sc"
			 : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
			   "=r"(r8), "=r"(r9)
			 :
			 : "r0", "r10", "r11", "r12", "ctr", "xer", "cc",
			   "memory");
	return r3;
}

static inline unsigned long osi_call1(unsigned long sel, unsigned long a0)
{
	return osi_call2(sel, a0, 0);
}

/*
 * An OSI call with up to five arguments (r6..r10) that also returns the
 * extra results r4..r9 in ret[0..5] (MOL's _osi_callN_wM shapes).
 */
static inline unsigned long osi_call5r(unsigned long sel, unsigned long a0,
				       unsigned long a1, unsigned long a2,
				       unsigned long a3, unsigned long a4,
				       unsigned long ret[6])
{
	register unsigned long r3 __asm__("r3") = OSI_SC_MAGIC_R3;
	register unsigned long r4 __asm__("r4") = OSI_SC_MAGIC_R4;
	register unsigned long r5 __asm__("r5") = sel;
	register unsigned long r6 __asm__("r6") = a0;
	register unsigned long r7 __asm__("r7") = a1;
	register unsigned long r8 __asm__("r8") = a2;
	register unsigned long r9 __asm__("r9") = a3;
	register unsigned long r10 __asm__("r10") = a4;

	__asm__ volatile("sc"
			 : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
			   "+r"(r8), "+r"(r9), "+r"(r10)
			 :
			 : "r0", "r11", "r12", "ctr", "xer", "cc", "memory");
	ret[0] = r4;
	ret[1] = r5;
	ret[2] = r6;
	ret[3] = r7;
	ret[4] = r8;
	ret[5] = r9;
	return r3;
}

static inline unsigned long osi_call5(unsigned long sel, unsigned long a0,
				      unsigned long a1, unsigned long a2,
				      unsigned long a3, unsigned long a4)
{
	unsigned long ret[6];

	return osi_call5r(sel, a0, a1, a2, a3, a4, ret);
}

/* OSI results are 32-bit values (MOL is a 32-bit ABI): compare only these. */
static inline unsigned int osi_ret32(unsigned long r3)
{
	return (unsigned int)r3;
}

static inline void osi_log_putc(char c)
{
	osi_call1(OSI_LOG_PUTC, (unsigned char)c);
}

/* Power off.  molvm does not return from EXIT; if it ever does, stop here. */
static inline __attribute__((noreturn)) void osi_exit(void)
{
	osi_call1(OSI_EXIT, 0);
	for (;;)
		;
}

#endif
