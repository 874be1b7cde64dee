/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unsigned long of_check_preserved(void *entry, unsigned int *args)
 *
 * Calls the Open Firmware client interface at entry (r3 = args) with a
 * distinct pattern in each of r2 and r13..r31 and CR = 0x01234567, and
 * returns a mask with bit n set for every rn (2, 13..31) that did not come
 * back intact, bit 0 for CR fields 2-4 (IEEE 1275 PowerPC binding: the
 * handler preserves r1, r2, r13-r31 and cr2-cr4) and bit 1 for r1; 0
 * means all survived.  Assembly because C cannot hold values in those
 * registers around a call.
 */
#include "regcheck32.inc"

#define PAT	0xC3005A00
#define PAT2	(PAT + (2 << 16) + 2)	/* r2's, in the same scheme */
#define CRPAT	0x01234567

	.text
	.globl	of_check_preserved
	.type	of_check_preserved,@function
of_check_preserved:
	mflr	0
	stwu	1,-112(1)
	stw	0,116(1)
	stw	2,8(1)
	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	stw	\n,16 + 4 * (\n - 13)(1)
	.endr
	mfcr	0
	stw	0,96(1)
	stw	1,100(1)		/* r1 as it must come back */

	mtctr	3
	mr	3,4
	lis	2,PAT2@h
	ori	2,2,PAT2@l
	load_r13_r31 PAT
	lis	0,CRPAT@h
	ori	0,0,CRPAT@l
	mtcr	0
	bctrl

	/* r3 collects the mask; r11 holds each expected value. */
	mfcr	12
	li	3,0
	lis	11,CRPAT@h
	ori	11,11,CRPAT@l
	xor	12,12,11
	andis.	12,12,0x00ff		/* cr2 .. cr3 */
	bne	2f
	mfcr	12
	xor	12,12,11
	andi.	12,12,0xf000		/* cr4 */
	beq	3f
2:	ori	3,3,1
3:	lwz	11,100(1)
	cmplw	1,11
	beq	4f
	ori	3,3,2
4:	lis	11,PAT2@h
	ori	11,11,PAT2@l
	cmplw	2,11
	beq	5f
	ori	3,3,1 << 2
5:	check_r13_r31 PAT

	lwz	0,96(1)
	mtcr	0
	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lwz	\n,16 + 4 * (\n - 13)(1)
	.endr
	lwz	2,8(1)
	lwz	0,116(1)
	mtlr	0
	addi	1,1,112
	blr
	.size	of_check_preserved,.-of_check_preserved

	/* No executable stack wanted (GNU ld warns without this note). */
	.section .note.GNU-stack,"",@progbits
