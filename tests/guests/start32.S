/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the 32-bit guest.  molvm enters here (0x10000, first byte of
 * the image) in real mode with MSR = ME and r1 = r3 = 0: there is no
 * stack, .bss may hold anything (a raw .bin carries no .bss) and no
 * exception vector exists, so nothing here may fault.
 */
	.section ".text.entry","ax"
	.globl	_start
	.type	_start,@function
_start:
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

	/* No executable stack wanted (GNU ld warns without this note). */
	.section .note.GNU-stack,"",@progbits
