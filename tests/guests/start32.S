/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the 32-bit guest.  molvm enters here (0x10000, first byte of
 * the image) in real mode with MSR = ME; r1 may point anywhere (powermac:
 * below the HTAB at the top of RAM), so the guest sets up its own stack.
 * .bss may hold anything (a raw .bin carries no .bss) and no exception
 * vector exists, so nothing here may fault.
 *
 * The GPRs as molvm left them are kept in boot_regs[0..31] (state32
 * checks them); CTR is used as scratch for that and is lost.
 */
	.section ".text.entry","ax"
	.globl	_start
	.type	_start,@function
_start:
	mtctr	6		/* entry r6 while r6 addresses boot_regs */
	lis	6,boot_regs@ha
	addi	6,6,boot_regs@l
	stw	0,0(6)
	stw	1,4(6)
	stw	2,8(6)
	stw	3,12(6)
	stw	4,16(6)
	stw	5,20(6)
	stmw	7,28(6)		/* r7..r31 */
	mfctr	7
	stw	7,24(6)
	/* Zero .bss (stack included), 4 bytes at a time; bounds are 16-aligned. */
	lis	3,__bss_start@ha
	addi	3,3,__bss_start@l
	lis	4,__bss_end@ha
	addi	4,4,__bss_end@l
	li	0,0
1:	cmplw	3,4
	bge	2f
	stw	0,0(3)
	addi	3,3,4
	b	1b

	/*
	 * SysV ABI stack: r1 16-byte aligned with a first frame whose back
	 * chain is 0 (ends any unwinding) and whose LR save word (4(r1)) the
	 * callee may write.
	 */
2:	lis	1,__stack_top@ha
	addi	1,1,__stack_top@l
	stwu	0,-16(1)

	bl	guest_main

	/* guest_main ends with OSI EXIT and does not return; if it does, spin. */
3:	b	3b
	.size	_start,.-_start

	.section ".data","aw"
	.balign	4
	.globl	boot_regs
boot_regs:
	.space	32 * 4
	.size	boot_regs,.-boot_regs

	/* No executable stack wanted (GNU ld warns without this note). */
	.section .note.GNU-stack,"",@progbits
