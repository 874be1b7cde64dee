// SPDX-License-Identifier: GPL-2.0
/*
 * irq32: external interrupts through MOL's osi-pic on KVM.  The guest
 * installs handlers at 0x500 and 0x900, asks for vertical-blank interrupts
 * (VIDEO_CNTRL start VBL, PIC_UNMASK_IRQ), enables MSR[EE] and counts the
 * interrupts its handler acknowledges (irqvec32.S); then masks the source
 * and checks that no more arrive.  Last, the TTY: console input (piped in
 * by the scenario) must raise source 2, acknowledged with TTY_IRQ_ACK.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#define OSI_PIC_MASK_IRQ	60
#define OSI_PIC_UNMASK_IRQ	61
#define OSI_PIC_GET_ACTIVE_IRQ	63
#define IRQ_VIDEO		1	/* the mol-display node's "interrupts" */
#define IRQ_TTY			2	/* mol-tty's */
#define OSI_TTY_IRQ_ACK		99
#define WANT			10

void ext_handler(void);
void dec_handler(void);
volatile unsigned int irq_count, irq_acks, irq_last_active;
volatile unsigned int irq_ack_sel = 38, irq_ack_arg, irq_ack_r4;	/* VIDEO_ACK_IRQ */

/* "ba target" at vector, and make the instruction fetch see it. */
/* Wait up to max_ms for the count to reach want. */
static void wait_irqs(unsigned int want, unsigned int max_ms)
{
	unsigned int ms;

	for (ms = 0; ms < max_ms && irq_count < want; ms += 10)
		osi_call1(OSI_USLEEP, 10000);
}

void guest_main(void)
{
	unsigned int before;

	con_set_writer(osi_writer);
	con_puts("irq32: external interrupts via osi-pic\n");
	guest_set_vector(0x500, (unsigned long)ext_handler);
	guest_set_vector(0x900, (unsigned long)dec_handler);
	__asm__ volatile("mtdec %0" : : "r"(0x7fffffffUL));

	tap("VIDEO_CNTRL(start VBL) == 0", osi_ret32(osi_call1(OSI_VIDEO_CNTRL, 1)) == 0, 0);
	tap("PIC_UNMASK_IRQ(video) == 0", osi_ret32(osi_call1(OSI_PIC_UNMASK_IRQ, IRQ_VIDEO)) == 0, 0);
	guest_set_ee(1);
	wait_irqs(WANT, 5000);
	guest_set_ee(0);
	con_puts("irq32: interrupts taken ");
	con_dec(irq_count);
	con_puts(", acknowledged ");
	con_dec(irq_acks);
	con_putc('\n');
	tap("VBL interrupts arrive with MSR[EE] set", irq_count >= WANT, irq_count);
	tap("each one is the video source (PIC_GET_ACTIVE_IRQ)",
	    irq_last_active == 1U << IRQ_VIDEO, irq_last_active);
	tap("each one is acknowledged by VIDEO_ACK_IRQ", irq_acks == irq_count, irq_acks);

	/* Masked at the PIC: no more interrupts, although VBL goes on. */
	osi_call1(OSI_PIC_MASK_IRQ, IRQ_VIDEO);
	before = irq_count;
	guest_set_ee(1);
	wait_irqs(before + 1, 300);
	guest_set_ee(0);
	tap("a masked source interrupts no more", irq_count == before, irq_count - before);
	osi_call1(OSI_VIDEO_CNTRL, 0);

	/* TTY input interrupt */
	{
		static char line[32];
		unsigned int n = 0, c;

		/* The line stays high while input waits (level-triggered), so
		 * the handler masks the source (a "top half"); the main loop
		 * drains the input, then acks and unmasks. */
		irq_ack_sel = OSI_PIC_MASK_IRQ;
		irq_ack_arg = IRQ_TTY;
		irq_last_active = 0;
		before = irq_count;
		osi_call1(OSI_TTY_IRQ_ACK, 0);
		osi_call1(OSI_PIC_UNMASK_IRQ, IRQ_TTY);
		guest_set_ee(1);
		wait_irqs(before + 1, 5000);
		guest_set_ee(0);
		tap("console input raises the TTY interrupt (source 2)",
		    irq_count > before && irq_last_active == 1U << IRQ_TTY, irq_last_active);
		while (n < sizeof(line) - 1) {
			c = osi_ret32(osi_call1(OSI_TTY_GETC, 0));
			if (c == 0xffffffffU || c == '\n')
				break;
			line[n++] = (char)c;
		}
		line[n] = 0;
		osi_call1(OSI_TTY_IRQ_ACK, 0);
		osi_call1(OSI_PIC_UNMASK_IRQ, IRQ_TTY);
		tap("drained and acked: no TTY interrupt pending",
		    osi_ret32(osi_call1(OSI_PIC_GET_ACTIVE_IRQ, 0)) == 0,
		    osi_call1(OSI_PIC_GET_ACTIVE_IRQ, 0));
		con_puts("irq32: tty interrupt, got: ");
		con_puts(line);
		con_putc('\n');
	}
	con_puts("irq32: done\n");
	osi_exit();
}
