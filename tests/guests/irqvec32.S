/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception handlers of the irq32 guest (real mode, 32-bit).  irq32.c
 * puts a "ba" to them at the external-interrupt (0x500) and decrementer
 * (0x900) vectors.  The external handler does what MOL's drivers do on an
 * osi-pic interrupt: PIC_GET_ACTIVE_IRQ, then the device's ack
 * (VIDEO_ACK_IRQ), and counts; every register it touches is saved in
 * irq_save and restored before rfi (SRR0/SRR1 too, around the OSI sc).
 * The ack call is irq_ack_sel(irq_ack_arg) (VIDEO_ACK_IRQ, ABLK_IRQ_ACK,
 * ...): its r3 is summed in irq_acks, its r4 kept in irq_ack_r4.
 */
	.section ".text","ax"

	.macro OSI sel
	lis	3,0x1137
	ori	3,3,0x24fa
	lis	4,0x7781
	ori	4,4,0x0f9b
	li	5,\sel
	sc
	.endm

	.globl	ext_handler
ext_handler:
	mtsprg	1,3
	lis	3,irq_save@ha
	addi	3,3,irq_save@l
	stw	0,0(3)
	stw	4,4(3)
	stw	5,8(3)
	stw	6,12(3)
	stw	7,16(3)
	stw	8,20(3)
	stw	9,24(3)
	stw	10,28(3)
	stw	11,32(3)
	stw	12,36(3)
	mfcr	0
	stw	0,40(3)
	mfxer	0
	stw	0,44(3)
	mfctr	0
	stw	0,48(3)
	mflr	0
	stw	0,52(3)
	mfsrr0	0
	stw	0,56(3)
	mfsrr1	0
	stw	0,60(3)
	mfsprg	0,1
	stw	0,64(3)
	mr	12,3			/* molvm changes only r3..r9 */

	OSI	63			/* PIC_GET_ACTIVE_IRQ */
	lis	6,irq_last_active@ha
	stw	3,irq_last_active@l(6)
	lis	6,irq_ack_sel@ha
	lwz	7,irq_ack_sel@l(6)
	lis	6,irq_ack_arg@ha
	lwz	6,irq_ack_arg@l(6)
	lis	3,0x1137
	ori	3,3,0x24fa
	lis	4,0x7781
	ori	4,4,0x0f9b
	mr	5,7
	sc				/* the device's ack: 1 if it was ours */
	lis	6,irq_ack_r4@ha
	stw	4,irq_ack_r4@l(6)
	lis	6,irq_acks@ha
	lwz	7,irq_acks@l(6)
	add	7,7,3
	stw	7,irq_acks@l(6)
	lis	6,irq_count@ha
	lwz	7,irq_count@l(6)
	addi	7,7,1
	stw	7,irq_count@l(6)

	mr	3,12
	lwz	0,56(3)
	mtsrr0	0
	lwz	0,60(3)
	mtsrr1	0
	lwz	0,52(3)
	mtlr	0
	lwz	0,48(3)
	mtctr	0
	lwz	0,44(3)
	mtxer	0
	lwz	0,40(3)
	mtcr	0
	lwz	0,0(3)
	lwz	4,4(3)
	lwz	5,8(3)
	lwz	6,12(3)
	lwz	7,16(3)
	lwz	8,20(3)
	lwz	9,24(3)
	lwz	10,28(3)
	lwz	11,32(3)
	lwz	12,36(3)
	lwz	3,64(3)
	rfi

	/* Decrementer: push it far away again, count, return. */
	.globl	dec_handler
dec_handler:
	mtsprg	1,3
	lis	3,0x7fff
	ori	3,3,0xffff
	mtdec	3
	mfsprg	3,1
	rfi

	.section ".bss","aw",@nobits
	.align	4
	.globl	irq_save
irq_save:
	.space	80

	.section .note.GNU-stack,"",@progbits
