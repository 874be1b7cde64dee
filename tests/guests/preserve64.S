/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unsigned long hcall_check_preserved(void)
 *
 * Loads a distinct 64-bit pattern into each of r13..r31, makes one PAPR
 * hcall that has no visible effect (H_PUT_TERM_CHAR on terminal 0 with
 * length 0; it must not read console input, which a later test wants),
 * and returns a mask with bit n set for every rn (13..31) that did not
 * come back intact; 0 means all survived.  PAPR lets only r0, r3-r12,
 * ctr, xer and some cr fields change across `sc 1`.  This is assembly
 * because C cannot place values in r13..r31 (r13 is the ELFv1 thread
 * pointer) and then compare them reliably around the call.
 */
#define H_PUT_TERM_CHAR	0x58	/* Linux asm/hvcall.h */
#define FRAME		272	/* 112-byte ELFv1 header + 19 * 8, 16-aligned */

/* rn := 0xA5A5_00nn_5A5A_C3nn: distinct, all four halfwords non-zero. */
	.macro	LOAD_PAT reg, n
	lis	\reg,0xA5A5
	ori	\reg,\reg,\n
	sldi	\reg,\reg,32
	oris	\reg,\reg,0x5A5A
	ori	\reg,\reg,0xC300 + \n
	.endm

	/* ELFv1: the symbol names a descriptor {entry, TOC base, env}. */
	.section ".opd","aw"
	.align	3
	.globl	hcall_check_preserved
hcall_check_preserved:
	.quad	.L.hcall_check_preserved, .TOC.@tocbase, 0
	.text
	.type	hcall_check_preserved,@function
.L.hcall_check_preserved:
	/* Non-volatile r13..r31 belong to our caller: save them. */
	stdu	1,-FRAME(1)
	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	\n,112 + 8 * (\n - 13)(1)
	.endr

	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	LOAD_PAT \n, \n
	.endr

	li	3,H_PUT_TERM_CHAR
	li	4,0		/* termno 0 */
	li	5,0		/* length 0: prints nothing */
	li	6,0
	li	7,0
	sc	1

	/* r3 collects the mask; r11 holds each expected value. */
	li	3,0
	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	LOAD_PAT 11, \n
	cmpld	\n,11
	beq	1f
	.if	\n < 16
	ori	3,3,1 << \n
	.else
	oris	3,3,1 << (\n - 16)
	.endif
1:
	.endr

	.irp	n,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	\n,112 + 8 * (\n - 13)(1)
	.endr
	addi	1,1,FRAME
	blr
	.size	hcall_check_preserved,.-.L.hcall_check_preserved

	/* No executable stack wanted (GNU ld warns without this note). */
	.section .note.GNU-stack,"",@progbits
