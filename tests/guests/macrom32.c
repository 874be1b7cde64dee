// SPDX-License-Identifier: GPL-2.0
/*
 * macrom32: the ELF image of a synthetic NewWorld "Mac OS ROM".  Entered
 * as molvm enters a ROM (-rom, or the ROM search on an HFS disk or a CD),
 * it does what the real ROM's trampoline and then MOL's Mac OS drivers do,
 * without any of Apple's code:
 *
 *  1. as an Open Firmware client, in the trampoline's order: /rom/macos
 *     (the toolbox image), /chosen's mmu (claim, map, translate), memory
 *     claim, instantiate-rtas, NVRAM reads through /chosen's nvram,
 *     /chosen/bootpath, quiesce;
 *  2. RTAS through the instantiated stub (time, nvram-fetch);
 *  3. checks the words molvm patched as MOL did, and calls the replaced
 *     decrementer calibration;
 *  4. drops to user mode (MSR[PR], as Mac OS 9 runs its drivers) and uses
 *     the OSI devices the way MOL's video, block, enet and misc drivers do:
 *     video modes and the framebuffer, ABLK disk info, synchronous and
 *     ring reads of the boot disk and the CD, the old ENET calls, the
 *     mouse; the firmware's selectors must be refused there;
 *  5. back in supervisor state through its system-call vector, powers off
 *     with RTAS.
 * Results are TAP lines ("ok - ..."); the scenario counts them.
 */
#include <stdarg.h>

#include "guest.h"
#include "ofclient.h"
#include "osi.h"
#include "osi_sel.h"

#define PAGE		0x1000U
#define VIRT		0x60000000U	/* address space the "ROM" maps for itself */
#define MAP_PHYS	0x00a00000U	/* ... with RAM claimed behind it */
#define TOOLBOX		0x01100000U	/* MOL's ROM_BASE */
#define MSR_PR		0x4000UL
#define MSR_FP		0x2000UL

/* ablk_sh.h */
#define ABLK_READ_REQ		1
#define ABLK_RAISE_IRQ		4
#define ABLK_SG_BUF		8
#define ABLK_INFO_READ_ONLY	1
#define ABLK_INFO_REMOVABLE	2
#define ABLK_INFO_MEDIA_PRESENT	4
#define ABLK_BOOT_HINT		8
#define ABLK_INFO_CDROM		16

extern unsigned long boot_regs[32];
extern unsigned int rom_add_bug[6], rom_timer_calib[35];
extern char sc_vector[];
void back_in_supervisor(void);

static unsigned int mmu_ih, memory_ih, nvram_ih, chosen;
static unsigned int rtas_entry, tok_power_off, tok_nvram_fetch, tok_time, tok_read_pci;
static unsigned int enet_id, tb_freq;
static char buf[512];
static unsigned char sector[512] __attribute__((aligned(16)));
static unsigned int ring[8 * 4] __attribute__((aligned(64)));
static unsigned int rargs[3 + 16];
static unsigned int failures;

static void check(const char *desc, int ok, unsigned long got)
{
	failures += !ok;
	tap(desc, ok, got);
}

/* ---- 1. the trampoline's client-interface calls ------------------------ */

static void rom_macos(void)
{
	unsigned int ph = of1("finddevice", 1, A("/rom/macos")), cells[2] = { 0, 0 };
	const volatile char *tb = (const volatile char *)TOOLBOX;
	unsigned int n;

	n = of1("getprop", 4, ph, A("AAPL,toolbox-image,lzss"), A(cells), 8);
	check("/rom/macos AAPL,toolbox-image,lzss: 8 bytes", n == 8, n);
	check("the toolbox image is at 0x1100000 (MOL's ROM_BASE)", cells[0] == TOOLBOX, cells[0]);
	/* the image is the file from the end of the ELF's last segment: the
	 * stand-in's 64 KiB ("prcl", then n * 7 for n = 1..65532) are its
	 * last bytes (the stripped ELF's section table comes before them) */
	check("the toolbox image is the ROM file's tail",
	      cells[1] >= 0x10000 && tb[cells[1] - 0x10000] == 'p' &&
	      tb[cells[1] - 0x10000 + 3] == 'l' &&
	      (unsigned char)tb[cells[1] - 1] == ((65532U * 7) & 0xff), cells[1]);
	con_puts("macrom32: toolbox image 0x");
	con_hex(cells[0], 0);
	con_puts(" size ");
	con_dec(cells[1]);
	con_puts("\n");
	cells[0] = 0;
	n = of1("getprop", 4, ph, A("AAPL,toolbox-parcels"), A(cells), 8);
	check("/rom/macos AAPL,toolbox-parcels too", n == 8 && cells[0] == TOOLBOX, cells[0]);
	check("the toolbox's RAM is claimed",
	      of1("claim", 3, TOOLBOX, PAGE, 0) == 0xffffffffU, 0);
}

static void mmu_and_memory(void)
{
	volatile unsigned int *virt = (volatile unsigned int *)(unsigned long)VIRT;
	volatile unsigned int *phys = (volatile unsigned int *)(unsigned long)MAP_PHYS;
	int r;

	r = of_call("call-method", 5, 2, A("claim"), mmu_ih, 0, 2 * PAGE, VIRT);
	check("mmu claim of address space", !r && RET(5, 0) == 0 && RET(5, 1) == VIRT, RET(5, 1));
	/* memory claim ( addr size align -- base ), on /chosen's memory */
	r = of_call("call-method", 5, 2, A("claim"), memory_ih, 0, 2 * PAGE, MAP_PHYS);
	check("memory claim of RAM behind it", !r && RET(5, 0) == 0 && RET(5, 1) == MAP_PHYS,
	      RET(5, 1));
	r = of_call("call-method", 6, 1, A("map"), mmu_ih, 0x2, 2 * PAGE, VIRT, MAP_PHYS);
	check("mmu map", !r && RET(6, 0) == 0, RET(6, 0));
	r = of_call("call-method", 3, 4, A("translate"), mmu_ih, VIRT + 0x1008);
	check("mmu translate of the mapping", !r && RET(3, 1) == OF_TRUE &&
	      RET(3, 3) == MAP_PHYS + 0x1008, RET(3, 3));
	virt[1024 + 2] = 0x4d6f6c21;
	check("a store through the mapping reaches its RAM", phys[1024 + 2] == 0x4d6f6c21U,
	      phys[1024 + 2]);
}

static void rtas_instantiate(void)
{
	unsigned int rtas = of1("finddevice", 1, A("/rtas")), ih, size, base;
	int r;

	size = of_getprop_u32(rtas, "rtas-size");
	tok_power_off = of_getprop_u32(rtas, "power-off");
	tok_nvram_fetch = of_getprop_u32(rtas, "nvram-fetch");
	tok_time = of_getprop_u32(rtas, "get-time-of-day");
	tok_read_pci = of_getprop_u32(rtas, "read-pci-config");
	ih = of1("open", 1, A("/rtas"));
	base = of1("claim", 3, 0, size, PAGE);
	r = of_call("call-method", 3, 2, A("instantiate-rtas"), ih, base);
	rtas_entry = RET(3, 1);
	check("instantiate-rtas", !r && RET(3, 0) == 0 && rtas_entry == base, rtas_entry);
}

static void nvram_reads(void)
{
	unsigned int n;

	check("/chosen nvram is an open instance", nvram_ih && nvram_ih != 0xffffffffU, nvram_ih);
	check("nvram seek 0", of1("seek", 3, nvram_ih, 0, 0) == 0, 0);
	n = of1("read", 3, nvram_ih, A(buf), 16);
	buf[16] = 0;
	check("nvram read: Mac OS's partition header first (APL,MacOS75)",
	      n == 16 && (unsigned char)buf[0] == 0xa0 && streq(buf + 4, "APL,MacOS75"), n);
	of_call("call-method", 2, 2, A("size"), nvram_ih);
	check("nvram size 8 KiB", RET(2, 0) == 0 && RET(2, 1) == 0x2000, RET(2, 1));
}

static void bootpath(void)
{
	unsigned int n = of1("getprop", 4, chosen, A("bootpath"), A(buf), sizeof(buf) - 1);

	buf[n < sizeof(buf) ? n : 0] = 0;
	check("/chosen/bootpath is set", n > 0 && n < sizeof(buf), n);
	con_puts("macrom32: bootpath ");
	con_puts(buf);
	con_puts("\n");
}

/* MOL's Mac OS drivers where Mac OS looks for them (-mol-drivers): the
 * "driver,AAPL,MacOS,PowerPC" property of each device's node */
static void mol_drivers(void)
{
	static const char *const nodes[] = { "MacOnLinuxVideo@4", "mol-blk@3", "mol-enet-0@1",
					     "mol-mouse@8" };
	static char path[96];
	unsigned int i, j, ph, n;

	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		const char *p = "/pci@80000000/pci-bridge@d/";

		for (j = 0; *p && j < sizeof(path) - 1; j++)
			path[j] = *p++;
		for (p = nodes[i]; *p && j < sizeof(path) - 1; j++)
			path[j] = *p++;
		path[j] = 0;
		ph = of1("finddevice", 1, A(path));
		n = of1("getproplen", 2, ph, A("driver,AAPL,MacOS,PowerPC"));
		con_puts("macrom32: driver ");
		con_puts(nodes[i]);
		if (n == 0xffffffffU || n == 0xbad0bad0U) {
			con_puts(" none\n");
			continue;
		}
		buf[0] = 0;
		of1("getprop", 4, ph, A("driver,AAPL,MacOS,PowerPC"), A(buf), 8);
		buf[8] = 0;
		con_puts(" ");
		con_dec(n);
		con_puts(" bytes ");
		con_puts(buf);
		con_puts("\n");
	}
}

/* ---- 2. RTAS -------------------------------------------------------------- */

static void rtas(unsigned int token, unsigned int nargs, unsigned int nret, ...)
{
	va_list ap;
	unsigned int i;

	rargs[0] = token;
	rargs[1] = nargs;
	rargs[2] = nret;
	va_start(ap, nret);
	for (i = 0; i < nargs; i++)
		rargs[3 + i] = va_arg(ap, unsigned int);
	va_end(ap);
	for (i = 0; i < nret; i++)
		rargs[3 + nargs + i] = 0xdeadbeef;
	((int (*)(unsigned int *))(unsigned long)rtas_entry)(rargs);
}

static void rtas_calls(void)
{
	rtas(tok_time, 0, 8);
	check("RTAS get-time-of-day", rargs[3] == 0 && rargs[4] >= 2024, rargs[4]);
	rtas(tok_nvram_fetch, 3, 2, 0, A(buf), 16);
	check("RTAS nvram-fetch: the same NVRAM bytes",
	      rargs[6] == 0 && rargs[7] == 16 && streq(buf + 4, "APL,MacOS75"), rargs[7]);
	/* config space on bus 1 (bus << 16 | devfn << 8 | register): mac-io
	 * at device 5, and MOL's functions as its drivers registered them */
	rtas(tok_read_pci, 2, 2, 1 << 16 | (5 << 3) << 8, 4);
	check("RTAS read-pci-config: mac-io (Heathrow) on bus 1",
	      rargs[5] == 0 && rargs[6] == 0x0017106bU, rargs[6]);
	rtas(tok_read_pci, 2, 2, 1 << 16 | (3 << 3) << 8, 4);
	check("RTAS read-pci-config: mol-blk's function as MOL registered it",
	      rargs[5] == 0 && rargs[6] == 0x00031000U, rargs[6]);
	rtas(tok_read_pci, 2, 2, 1 << 16 | (4 << 3) << 8 | 0x10, 4);
	check("RTAS read-pci-config: MacOnLinuxVideo's BAR0 is the framebuffer",
	      rargs[5] == 0 && rargs[6] == 0x81000000U, rargs[6]);
}

/* ---- 3. MOL's ROM patches ---------------------------------------------- */

static void patches(void)
{
	unsigned int got, want;

	check("MOL's 'add r4,r6,r8' fix: addi r4,r6,8", rom_add_bug[3] == 0x38860008U,
	      rom_add_bug[3]);
	check("the words around it untouched",
	      rom_add_bug[2] == 0x7cc33378U && rom_add_bug[4] == 0x80b10000U, rom_add_bug[4]);
	check("MOL's calibration fix: the routine is replaced (lis r3,...)",
	      (rom_timer_calib[0] & 0xffff0000U) == 0x3c600000U, rom_timer_calib[0]);
	if ((rom_timer_calib[0] & 0xffff0000U) != 0x3c600000U)
		return;		/* Apple's routine would touch the VIA: never run it */
	__asm__ volatile("dcbst 0,%0; sync; icbi 0,%0; sync; isync" : : "r"(rom_timer_calib));
	got = ((unsigned int (*)(void))(unsigned long)rom_timer_calib)();
	/* VIA ticks (47/60 MHz) in 0xfffff timebase ticks */
	want = tb_freq >= 1000000 ? 49283025U / (tb_freq / 1000000) / 60 : 0;
	con_puts("macrom32: calibration ");
	con_dec(got);
	con_puts(" for a timebase of ");
	con_dec(tb_freq);
	con_puts(" Hz\n");
	check("the calibration routine returns the VIA ticks of 0xfffff timebase ticks",
	      got && got + 1 >= want && got <= want + 1, got);
}

/* ---- 4. user mode: what MOL's drivers do ---------------------------------- */

static unsigned int osi_r(unsigned long sel, unsigned long a0, unsigned long a1,
			  unsigned long a2, unsigned long a3, unsigned long a4, unsigned long *r)
{
	return osi_ret32(osi_call5r(sel, a0, a1, a2, a3, a4, r));
}

static void user_video(void)
{
	unsigned long r[6];
	volatile unsigned int *fb;
	unsigned int x, y, rb;

	/* MacOnLinuxVideo: mode 3 (1024x768) at depth index 2 (32 bpp) */
	check("user: SET_VMODE 1024x768x32", osi_r(OSI_SET_VMODE, 3, 2, 0, 0, 0, r) == 0, 0);
	check("user: GET_VMODE_INFO", osi_r(OSI_GET_VMODE_INFO, 3, 2, 0, 0, 0, r) == 0 &&
	      (r[2] & 0xffffffffUL) == (1024U << 16 | 768), r[2]);
	check("user: GET_FB_INFO: the framebuffer at 0x81000000",
	      osi_r(OSI_GET_FB_INFO, 0, 0, 0, 0, 0, r) == 0 && r[0] == 0x81000000UL &&
	      r[2] == 1024 && r[3] == 768, r[0]);
	rb = (unsigned int)r[1];
	fb = (volatile unsigned int *)(unsigned long)r[0];
	/* a 100x100 square at (200, 100): 0x00336699 */
	for (y = 100; y < 200; y++)
		for (x = 200; x < 300; x++)
			fb[(y * rb) / 4 + x] = 0x00336699U;
	check("user: the framebuffer keeps what was drawn", fb[(150 * rb) / 4 + 250] == 0x00336699U,
	      fb[(150 * rb) / 4 + 250]);
	osi_call2(OSI_VIDEO_CNTRL, 0, 0);
}

static int wait_irq_ack(unsigned int want, unsigned long *r)
{
	unsigned int i;

	for (i = 0; i < 2000; i++) {
		if (osi_r(OSI_ABLK_IRQ_ACK, 0, 0, 0, 0, 0, r) == 1 && r[0] >= want)
			return 1;
		osi_call1(OSI_USLEEP, 1000);
	}
	return 0;
}

static void user_block(void)
{
	unsigned long r[6];
	unsigned int unit, hd = 99, cd = 99, flags;

	for (unit = 0; unit < 8; unit++) {
		if (osi_r(OSI_ABLK_DISK_INFO, 0, unit, 0, 0, 0, r) != 0)
			break;
		flags = (unsigned int)r[1];
		con_puts("macrom32: ABLK unit ");
		con_dec(unit);
		con_puts(" blocks ");
		con_dec(r[0]);
		con_puts(" flags 0x");
		con_hex(flags, 0);
		con_puts("\n");
		if (flags & ABLK_INFO_CDROM)
			cd = cd == 99 ? unit : cd;
		else
			hd = hd == 99 ? unit : hd;
	}
	check("user: ABLK DISK_INFO answers for the units", unit > 0, unit);
	if (hd != 99) {
		/* the HFS disk: its master directory block at byte 1024 */
		check("user: SYNC_READ of the disk's sector 2",
		      osi_r(OSI_ABLK_SYNC_READ, 0, hd, 2, A(sector), 512, r) == 0, 0);
		check("user: ... an HFS master directory block ('BD')",
		      sector[0] == 'B' && sector[1] == 'D', sector[0]);
	}
	if (cd != 99) {
		osi_r(OSI_ABLK_DISK_INFO, 0, cd, 0, 0, 0, r);
		flags = (unsigned int)r[1];
		check("user: the CD-ROM: MOL's CD-ROM, removable, read-only, media flags",
		      (flags & (ABLK_INFO_CDROM | ABLK_INFO_REMOVABLE | ABLK_INFO_READ_ONLY |
				ABLK_INFO_MEDIA_PRESENT)) == (ABLK_INFO_CDROM | ABLK_INFO_REMOVABLE |
							     ABLK_INFO_READ_ONLY |
							     ABLK_INFO_MEDIA_PRESENT), flags);
		check("user: writes to the CD-ROM fail",
		      osi_r(OSI_ABLK_SYNC_WRITE, 0, cd, 0, A(sector), 512, r) == 0xffffffffU, 0);
		/* the ring, as MOL's blk driver reads: request + one buffer */
		check("user: ABLK RING_SETUP", osi_r(OSI_ABLK_RING_SETUP, 0, A(ring), 8, 0, 0, r) == 0,
		      0);
		check("user: ABLK start", osi_r(OSI_ABLK_CNTRL, 0, 3, 0, 0, 0, r) == 0, 0);
		sector[0] = 0;
		ring[4] = ABLK_READ_REQ;
		ring[5] = 1;
		ring[6] = cd;
		ring[7] = 0;				/* sector 0 */
		ring[8] = ABLK_SG_BUF | ABLK_RAISE_IRQ;
		ring[9] = 0;
		ring[10] = A(sector);
		ring[11] = 512;
		__asm__ volatile("sync" : : : "memory");
		ring[1] = 1;				/* element 0's proceed */
		__asm__ volatile("sync" : : : "memory");
		osi_call1(OSI_ABLK_KICK, 0);
		check("user: the ring's read completes (IRQ_ACK counts 2)", wait_irq_ack(2, r), r[0]);
		/* xorriso's CD: an Apple partition map, block 0 'ER' */
		check("user: ... the CD's block 0: an Apple partition map ('ER')",
		      sector[0] == 'E' && sector[1] == 'R', sector[0]);
		osi_r(OSI_ABLK_CNTRL, 0, 2, 0, 0, 0, r);
	}
}

static void user_enet(void)
{
	static unsigned char mac[8], frame[64], rx[1536];
	unsigned long r[6];
	unsigned int i, t0, st;

	if (!enet_id)
		return;
	check("user: ENET_OPEN with mol-enet-0's reg word",
	      osi_r(OSI_ENET_OPEN, enet_id, 0, 0, 0, 0, r) == 0, enet_id);
	check("user: ENET_GET_ADDR: a locally administered unicast MAC",
	      osi_r(OSI_ENET_GET_ADDR, 0, A(mac), 0, 0, 0, r) == 0 && (mac[0] & 3) == 2, mac[0]);
	check("user: ENET_CONTROL start", osi_r(OSI_ENET_CONTROL, 0, 1, 0, 0, 0, r) == 0, 0);
	/* a broadcast ARP request for 10.0.2.2 from 10.0.2.15 */
	for (i = 0; i < 6; i++) {
		frame[i] = 0xff;
		frame[6 + i] = mac[i];
		frame[22 + i] = mac[i];
	}
	frame[12] = 0x08;
	frame[13] = 0x06;
	frame[15] = 1;
	frame[16] = 0x08;
	frame[18] = 6;
	frame[19] = 4;
	frame[21] = 1;
	frame[28] = 10, frame[29] = 0, frame[30] = 2, frame[31] = 15;
	frame[38] = 10, frame[39] = 0, frame[40] = 2, frame[41] = 2;
	check("user: ENET_SEND_PACKET of an ARP request",
	      osi_r(OSI_ENET_SEND_PACKET, 0, A(frame), 60, 0, 0, r) == 0, 0);
	check("user: ENET_SEND_PACKET of 2000 bytes is refused",
	      osi_r(OSI_ENET_SEND_PACKET, 0, A(frame), 2000, 0, 0, r) == 0xffffffffU, 0);
	/* Whoever answers for 10.0.2.2 (libslirp's gateway with -netdev
	 * user; nobody on the test's tap): up to 2 s for its ARP reply, as
	 * MOL's driver takes frames, ENET_GET_STATUS then ENET_GET_PACKET.
	 * Not a check line: the scenario asserts the reply where there is
	 * one to get. */
	for (t0 = (unsigned int)mftb(); (unsigned int)mftb() - t0 < 2 * tb_freq;) {
		st = osi_r(OSI_ENET_GET_STATUS, 0, 0, 0, 0, 0, r);
		if (!(st & 0x10000))
			continue;
		if (osi_r(OSI_ENET_GET_PACKET, 0, A(rx), 0, 0, 0, r) != 0)
			continue;
		/* an ARP reply (op 2) from 10.0.2.2 to our MAC */
		if (rx[12] == 0x08 && rx[13] == 0x06 && rx[21] == 2 && rx[28] == 10 &&
		    rx[29] == 0 && rx[30] == 2 && rx[31] == 2 && rx[32] == mac[0] && rx[37] == mac[5]) {
			con_puts("macrom32: ENET_GET_PACKET: an ARP reply from 10.0.2.2\n");
			break;
		}
	}
	check("user: ENET_CONTROL stop", osi_r(OSI_ENET_CONTROL, 0, 2, 0, 0, 0, r) == 0, 0);
}

static void user_mouse(void)
{
	unsigned long r[6];

	/* MOL's misc driver: GET_MOUSE, ACK_MOUSE_IRQ, MOUSE_CNTRL */
	check("user: GET_MOUSE answers", osi_r(OSI_GET_MOUSE, 0, 0, 0, 0, 0, r) != 0xffffffffU, 0);
	osi_r(OSI_ACK_MOUSE_IRQ, 0, 0, 0, 0, 0, r);
	osi_r(OSI_MOUSE_CNTRL, 0, 0, 0, 0, 0, r);
}

static void user_refused(void)
{
	register unsigned long r3 __asm__("r3") = OSI_SC_MAGIC_R3;
	register unsigned long r4 __asm__("r4") = OSI_SC_MAGIC_R4;
	register unsigned long r5 __asm__("r5") = OSI_OF_RTAS;
	register unsigned long r6 __asm__("r6") = A(rargs);

	/* the firmware's selectors are not served from user mode: the
	 * registers come back as they were */
	rargs[0] = tok_power_off;
	rargs[1] = 2;
	rargs[2] = 1;
	__asm__ volatile("sc" : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6)
			 : : "r0", "r7", "r8", "r9", "r10", "r11", "r12", "ctr", "xer", "cc",
			   "memory");
	check("user: OF_RTAS (power-off) is refused in user mode", r3 == OSI_SC_MAGIC_R3, r3);
	check("user: PROM_IFACE is refused in user mode",
	      osi_call2(OSI_PROM_IFACE, PROM_PEER, 0) == OSI_SC_MAGIC_R3, 0);
}

static __attribute__((noreturn)) void user_main(void)
{
	/* (mfmsr would trap here: the refusals below show molvm saw PR) */
	con_puts("macrom32: in user mode\n");
	user_video();
	user_block();
	user_enet();
	user_mouse();
	user_refused();
	con_puts("macrom32: back to supervisor\n");
	/* a system call that is no OSI call: the guest's own vector */
	__asm__ volatile("li 3,0; li 4,0; li 0,0; sc" : : : "r0", "r3", "r4", "memory");
	for (;;)
		;
}

/* ---- 5. supervisor again: power off ---------------------------------------- */

void back_in_supervisor(void)
{
	check("back in supervisor state through the 0xc00 vector", !(mfmsr() & MSR_PR), mfmsr());
	con_puts("macrom32: ");
	con_dec(failures);
	con_puts(" failures\n");
	con_puts("macrom32: done\n");
	rtas(tok_power_off, 2, 1, 0xffffffffU, 0xffffffffU);
	con_puts("macrom32: power-off returned\n");
	osi_exit();
}

void guest_main(void)
{
	unsigned int enet, reg[5], cpu;

	of_entry = (of_entry_fn)boot_regs[5];
	if (!of_entry) {
		con_puts("macrom32: entered without a client interface\n");
		osi_exit();
	}
	chosen = of1("finddevice", 1, A("/chosen"));
	of_stdout = of_getprop_u32(chosen, "stdout");
	mmu_ih = of_getprop_u32(chosen, "mmu");
	memory_ih = of_getprop_u32(chosen, "memory");
	nvram_ih = of_getprop_u32(chosen, "nvram");
	con_set_writer(of_writer);
	con_puts("macrom32: the Mac OS ROM's trampoline, as an Open Firmware client\n");
	check("entered with translation on, supervisor",
	      (mfmsr() & (MSR_IR | MSR_DR | MSR_PR)) == (MSR_IR | MSR_DR), mfmsr());

	rom_macos();
	mmu_and_memory();
	rtas_instantiate();
	nvram_reads();
	bootpath();
	mol_drivers();
	/* what the drivers will need: mol-enet-0's reg, the timebase */
	enet = of1("finddevice", 1, A("/pci@80000000/pci-bridge@d/mol-enet-0@1"));
	if (enet != 0xffffffffU && of1("getprop", 4, enet, A("reg"), A(reg), 20) >= 4)
		enet_id = reg[0];
	cpu = of1("finddevice", 1, A("/cpus/@0"));
	tb_freq = of_getprop_u32(cpu, "timebase-frequency");
	check("quiesce", of_call("quiesce", 0, 0) == 0, 0);

	con_set_writer(osi_writer);
	rtas_calls();
	patches();

	/* user mode, translation on, as Mac OS 9 runs its drivers */
	guest_set_vector(0xc00, (unsigned long)sc_vector);
	__asm__ volatile("mtsrr0 %0; mtsrr1 %1; rfi"
			 : : "r"(user_main), "r"(mfmsr() | MSR_PR) : "memory");
	for (;;)
		;
}
