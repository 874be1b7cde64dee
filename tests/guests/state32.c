// SPDX-License-Identifier: GPL-2.0
/*
 * state32: the powermac vCPU's state at entry, as MOL's ELF boot left it
 * (mol-src/src/booter/elf.c elf_startup on a zeroed mac_regs_t):
 * MSR = ME (molvm keeps MOL's reset ME), SDR1 = RAM - 64 KiB, r1 = RAM -
 * 64 KiB - 32, every other GPR, SPRG, segment register and BAT 0.  It
 * reads them back (mfmsr, mfspr SDR1/SPRGn/BATs, mfsrin; KVM PR emulates
 * the privileged ones), prints them as "state32: NAME 0xVALUE" lines for
 * the scenario and checks them against the RAM size BOOT_HELPER reports.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

extern unsigned int boot_regs[32];	/* start32.S: the GPRs at entry */

#define SPR_SDR1	25
#define SPR_SPRG0	272
#define SPR_IBAT0U	528	/* IBAT0U..IBAT3L 528..535, DBAT0U.. 536..543 */
#define SPR_IBAT4U	560	/* IBAT4U..IBAT7L 560..567, DBAT4U.. 568..575 (7450) */

/* mfspr needs the SPR number in the instruction: one case per SPR. */
#define MFSPR(n) ({ unsigned long v_; __asm__ volatile("mfspr %0," #n : "=r"(v_)); v_; })

static unsigned long spr(unsigned int n)
{
	switch (n) {
	case 25: return MFSPR(25);
	case 272: return MFSPR(272);
	case 273: return MFSPR(273);
	case 274: return MFSPR(274);
	case 275: return MFSPR(275);
	case 528: return MFSPR(528);
	case 529: return MFSPR(529);
	case 530: return MFSPR(530);
	case 531: return MFSPR(531);
	case 532: return MFSPR(532);
	case 533: return MFSPR(533);
	case 534: return MFSPR(534);
	case 535: return MFSPR(535);
	case 536: return MFSPR(536);
	case 537: return MFSPR(537);
	case 538: return MFSPR(538);
	case 539: return MFSPR(539);
	case 540: return MFSPR(540);
	case 541: return MFSPR(541);
	case 542: return MFSPR(542);
	case 543: return MFSPR(543);
	case 560: return MFSPR(560);
	case 561: return MFSPR(561);
	case 562: return MFSPR(562);
	case 563: return MFSPR(563);
	case 564: return MFSPR(564);
	case 565: return MFSPR(565);
	case 566: return MFSPR(566);
	case 567: return MFSPR(567);
	case 568: return MFSPR(568);
	case 569: return MFSPR(569);
	case 570: return MFSPR(570);
	case 571: return MFSPR(571);
	case 572: return MFSPR(572);
	case 573: return MFSPR(573);
	case 574: return MFSPR(574);
	case 575: return MFSPR(575);
	}
	return 0xdeadbeef;
}

static unsigned long mfsrin(unsigned long ea)
{
	unsigned long v;

	__asm__ volatile("mfsrin %0,%1" : "=r"(v) : "r"(ea));
	return v;
}

static void show(const char *name, unsigned long idx, int indexed, unsigned long v)
{
	con_puts("state32: ");
	con_puts(name);
	if (indexed)
		con_dec(idx);
	con_puts(" 0x");
	con_hex(v, 0);
	con_putc('\n');
}

/* BAT n's upper and lower SPR numbers */
static unsigned int bat_spr(int data, int n)
{
	return (n < 4 ? SPR_IBAT0U : SPR_IBAT4U) + (data ? 8 : 0) + 2 * (n & 3);
}

void guest_main(void)
{
	unsigned long ram, msr, sdr1, v, bad = 0, badmask;
	unsigned int i, d;

	con_set_writer(osi_writer);
	con_puts("state32: entry state of the powermac vCPU\n");
	ram = osi_ret32(osi_call1(OSI_BOOT_HELPER, BOOTH_GET_RAM_SIZE));
	msr = mfmsr();
	sdr1 = spr(SPR_SDR1);
	show("ram", 0, 0, ram);
	show("msr", 0, 0, msr);
	show("pvr", 0, 0, mfpvr());
	show("sdr1", 0, 0, sdr1);
	show("r1", 0, 0, boot_regs[1]);
	for (i = 3; i <= 5; i++)
		show("r", i, 1, boot_regs[i]);

	tap("MSR at entry is exactly ME (real mode, EE off)", msr == MSR_ME, msr);
	tap("SDR1 = RAM size - 64 KiB (HTAB at the top of RAM, HTABMASK 0)",
	    sdr1 == ram - 0x10000, sdr1);
	tap("r1 at entry = RAM size - 64 KiB - 32", boot_regs[1] == ram - 0x10020, boot_regs[1]);
	badmask = 0;
	for (i = 0; i < 32; i++)
		if (i != 1 && boot_regs[i])
			badmask |= 1UL << i;
	tap("every other GPR (r0, r2..r31) is 0 at entry", badmask == 0, badmask);

	badmask = 0;
	for (i = 0; i < 4; i++) {
		v = spr(SPR_SPRG0 + i);
		show("sprg", i, 1, v);
		if (v)
			badmask |= 1UL << i;
	}
	tap("SPRG0..3 are 0", badmask == 0, badmask);

	badmask = 0;
	for (i = 0; i < 16; i++) {
		v = mfsrin((unsigned long)i << 28);
		show("sr", i, 1, v);
		if (v)
			badmask |= 1UL << i;
	}
	tap("segment registers 0..15 are 0 (mfsrin)", badmask == 0, badmask);

	for (d = 0; d < 2; d++) {
		badmask = 0;
		for (i = 0; i < 8; i++) {
			unsigned long u = spr(bat_spr(d, i)), l = spr(bat_spr(d, i) + 1);

			con_puts(d ? "state32: dbat" : "state32: ibat");
			con_dec(i);
			con_puts(" 0x");
			con_hex(u, 0);
			con_puts(" 0x");
			con_hex(l, 0);
			con_putc('\n');
			if (u | l)
				badmask |= 1UL << i;
		}
		tap(d ? "DBAT0..7 are 0 (upper and lower)" : "IBAT0..7 are 0 (upper and lower)",
		    badmask == 0, badmask);
		bad |= badmask;
	}
	(void)bad;
	con_puts("state32: done\n");
	osi_exit();
}
