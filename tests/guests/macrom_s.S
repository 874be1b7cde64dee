/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pieces of the synthetic Mac OS ROM that must be exact words:
 *
 * - the two code sequences MOL's firmware patched in Apple's ROMs
 *   (openbios arch/ppc/mol/main.c): the "add r4,r6,r8" bug and the
 *   decrementer calibration against the VIA.  molvm finds and patches them
 *   as it loads the ROM; macrom32 checks the patched words and calls the
 *   replaced calibration routine.  Neither runs unpatched.
 * - the system-call vector's target: back to supervisor state from the
 *   user-mode part (the `sc` there is not an OSI call, so KVM delivers
 *   it to the guest at 0xc00, in real mode).
 */
	.section ".text","ax"
	.balign	4
	.globl	rom_add_bug
rom_add_bug:
	.long	0x7c7d1b78, 0x7c9c2378, 0x7cc33378, 0x7c864214, 0x80b10000, 0x38a500e8
	.size	rom_add_bug,.-rom_add_bug

	.balign	4
	.globl	rom_timer_calib
rom_timer_calib:
	.long	0x7d0000a6, 0x5507045e, 0x7ce00124, 0x4c00012c, 0x38e00000, 0x3c80000f
	.long	0x6084ffff, 0x98830c00, 0x7c0006ac, 0x98830a00, 0x7c0006ac, 0x7c9603a6
	.long	0x4c00012c, 0x7cb602a6, 0x2c050000, 0x4181fff8, 0x7c0004ac, 0x88830a00
	.long	0x7c0006ac, 0x88a30800, 0x7c0006ac, 0x88c30a00, 0x7c0006ac, 0x7c043040
	.long	0x40a2ffe4, 0x5085442e, 0x7ca500d0, 0x54a5043e, 0x7c053840, 0x7ca72b78
	.long	0x4082ff9c, 0x7ca32b78, 0x7d000124, 0x4c00012c, 0x4e800020
	.size	rom_timer_calib,.-rom_timer_calib

	/* 0xc00 branches here: supervisor, translation off, the user
	 * part's r1 still valid (RAM is mapped 1:1) */
	.balign	4
	.globl	sc_vector
sc_vector:
	b	back_in_supervisor
	.size	sc_vector,.-sc_vector

	.section .note.GNU-stack,"",@progbits
