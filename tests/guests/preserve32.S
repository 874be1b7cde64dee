/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unsigned long osi_check_preserved(void)
 *
 * Loads a distinct 32-bit pattern into each of r13..r31, makes one OSI
 * call that prints nothing (CALL_AVAILABLE(LOG_PUTC)), and returns a mask
 * with bit n set for every rn (13..31) that did not come back intact; 0
 * means all survived.  The OSI contract lets only r3..r9 change.  This is
 * assembly because C cannot place values in r13..r31 and then compare
 * them reliably around the call.
 */
#include "regcheck32.inc"

#define SC_R3	0x113724FA	/* osi.h OSI_SC_MAGIC_R3 */
#define SC_R4	0x77810F9B	/* osi.h OSI_SC_MAGIC_R4 */

/* rn gets 0xA5nn5Ann: distinct per register, both halves non-zero. */
#define PAT	0xA5005A00

	.text
	.globl	osi_check_preserved
	.type	osi_check_preserved,@function
osi_check_preserved:
	/*
	 * Non-volatile r13..r31 belong to our caller: save them (16..91).
	 * Plain stw/lwz rather than stmw/lmw, which later 64-bit processors
	 * (a POWER8 KVM host runs this guest natively) only grudgingly support.
	 */
	stwu	1,-96(1)
	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	stw	\n,16 + 4 * (\n - 13)(1)
	.endr

	load_r13_r31 PAT

	lis	3,SC_R3@h
	ori	3,3,SC_R3@l
	lis	4,SC_R4@h
	ori	4,4,SC_R4@l
	li	5,0		/* OSI_CALL_AVAILABLE */
	li	6,47		/* ... of OSI_LOG_PUTC */
	sc

	/* r3 collects the mask; r11 holds each expected value. */
	li	3,0
	check_r13_r31 PAT

	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lwz	\n,16 + 4 * (\n - 13)(1)
	.endr
	addi	1,1,96
	blr
	.size	osi_check_preserved,.-osi_check_preserved

	/* No executable stack wanted (GNU ld warns without this note). */
	.section .note.GNU-stack,"",@progbits
