/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where RTAS start-cpu sends a second vCPU of a 64-bit guest: real mode,
 * MSR = SF|ME, r3 = the argument start-cpu was given.  Gives it its own
 * 16 KiB stack (secondary_stack, in .bss) and calls
 * secondary_main(r3) through its ELFv1 descriptor, as start64.S does.
 */
	.text
	.globl	secondary_start
secondary_start:
	lis	1,secondary_stack@ha
	addi	1,1,secondary_stack@l
	addi	1,1,0x4000		/* the top of its 16 KiB */
	li	0,0
	stdu	0,-128(1)
	lis	12,secondary_main@ha
	addi	12,12,secondary_main@l
	ld	0,0(12)
	ld	2,8(12)
	mtctr	0
	bctrl
1:	b	1b

	.section .note.GNU-stack,"",@progbits
