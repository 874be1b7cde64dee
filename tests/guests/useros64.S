/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unsigned long osi_from_user_mode(void)
 *
 * Drops to problem state (MSR[PR] = 1, still real mode) and there makes
 * an OSI EXIT call (`sc` with the OSI magic in r3/r4, selector 54): KVM PR
 * forwards it to molvm whatever the privilege, and molvm must ignore it.
 * Then a plain `sc` with no magic is a system call KVM reflects to the
 * guest's own 0xc00 vector, which osi_user_vector_insn() (the caller puts
 * it there) branches to .Lback, in supervisor state again.  Returns the r3
 * the OSI call came back with: the magic itself when it was ignored.
 */
#define OSI_MAGIC_R3	0x113724FA	/* MOL osi.h */
#define OSI_MAGIC_R4	0x77810F9B
#define OSI_EXIT	54
#define MSR_PR		0x4000

	.section ".opd","aw"
	.align	3
	.globl	osi_from_user_mode
osi_from_user_mode:
	.quad	.L.osi_from_user_mode, .TOC.@tocbase, 0
	.text
	.type	osi_from_user_mode,@function
.L.osi_from_user_mode:
	/* What we need back in supervisor state, kept in memory: the
	 * interrupt clobbers SRR0/1 and user code may not trust r1/r2. */
	mflr	0
	lis	5,saved_state@ha
	addi	5,5,saved_state@l
	std	0,0(5)
	std	1,8(5)
	std	2,16(5)

	lis	5,.Luser@ha
	addi	5,5,.Luser@l
	mtsrr0	5
	mfmsr	6
	ori	6,6,MSR_PR
	mtsrr1	6
	rfid

.Luser:
	lis	3,OSI_MAGIC_R3@h
	ori	3,3,OSI_MAGIC_R3@l
	lis	4,OSI_MAGIC_R4@h
	ori	4,4,OSI_MAGIC_R4@l
	li	5,OSI_EXIT
	sc
	lis	5,user_r3@ha
	std	3,user_r3@l(5)
	li	3,0
	li	4,0
	sc			/* a real system call: to our 0xc00 vector */
	b	.		/* not reached */

	.globl	osi_user_return
osi_user_return:
	lis	5,saved_state@ha
	addi	5,5,saved_state@l
	ld	0,0(5)
	ld	1,8(5)
	ld	2,16(5)
	mtlr	0
	lis	5,user_r3@ha
	ld	3,user_r3@l(5)
	blr

	.section ".bss"
	.align	3
saved_state:
	.space	24
user_r3:
	.space	8

	.section .note.GNU-stack,"",@progbits
