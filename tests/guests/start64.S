/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the 64-bit guests.  molvm enters here (0x10000, first byte of
 * the image) in real mode with MSR = SF|ME and r1 = r3 = 0: there is no
 * stack, no TOC pointer, .bss may hold anything (a raw .bin carries no
 * .bss) and no exception vector exists, so nothing here may fault.
 *
 * _start is a plain code label, not an ELFv1 function (no .opd
 * descriptor), so e_entry is the address of this code itself.
 */
	.section ".text.entry","ax"
	.globl	_start
_start:
	/* r3 as molvm set it (pseries: the device tree), kept for boot_r3. */
	mr	30,3
	/*
	 * Absolute addresses with lis/addi: the image sits far below 2 GiB
	 * and is linked non-PIC, so the 32-bit sign-extended form is exact.
	 */
	lis	3,__bss_start@ha
	addi	3,3,__bss_start@l
	lis	4,__bss_end@ha
	addi	4,4,__bss_end@l
	li	0,0
1:	cmpld	3,4
	bge	2f
	std	0,0(3)
	addi	3,3,8
	b	1b

	/*
	 * ELFv1 stack: r1 16-byte aligned, first frame's back chain 0.  The
	 * frame is 128 bytes because an ELFv1 callee may store into its
	 * caller's 48-byte header (LR at 16(r1), TOC at 40(r1)) and 64-byte
	 * parameter save area (48..111(r1)).
	 */
2:	lis	4,boot_r3@ha
	std	30,boot_r3@l(4)
	lis	1,__stack_top@ha
	addi	1,1,__stack_top@l
	stdu	0,-128(1)

	/*
	 * Call guest_main through its ELFv1 function descriptor
	 * {entry, TOC base, environment}: this is what sets r2 to the TOC
	 * the linker computed, without naming .TOC. here.
	 */
	lis	12,guest_main@ha
	addi	12,12,guest_main@l
	ld	0,0(12)
	ld	2,8(12)
	ld	11,16(12)
	mtctr	0
	bctrl

	/* guest_main ends with OSI EXIT and does not return; if it does, spin. */
3:	b	3b

	/* No executable stack wanted (GNU ld warns without this note). */
	.section .note.GNU-stack,"",@progbits
