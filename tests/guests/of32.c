// SPDX-License-Identifier: GPL-2.0
/*
 * of32: an Open Firmware client on the powermac machine (-M
 * powermac,firmware=of), using the client interface the way Linux's
 * prom_init and the Mac OS ROM's trampoline do: with translation on,
 * through the entry point molvm gives it in r5.  It checks the entry state
 * (MSR, SDR1, segment registers, BATs, r1, r3/r4 = the initrd), walks the
 * tree, prints through /chosen's stdout, claims memory, maps a page
 * with the mmu's map method and uses it, reads a disk with open/seek/read,
 * instantiates RTAS and calls it, watches milliseconds advance, quiesces
 * and exits.  Entered without a client interface (MOL's ELF boot), it
 * says so and powers off through OSI.
 */
#include <stdarg.h>

#include "guest.h"
#include "ofclient.h"
#include "osi.h"

#define MSR_FP		0x2000UL
#define PAGE		0x1000UL
#define VIRT		0x50000000UL	/* where it maps a page of its own */
#define MAP_PHYS	0x00900000UL	/* ... claimed RAM behind it */

extern unsigned long boot_regs[32];
unsigned long of_check_preserved(void *entry, unsigned int *args);	/* ofpreserve32.S */

static unsigned int mmu_ih, chosen;
static char buf[512];
static unsigned char sector[512];

static unsigned long mfsdr1(void)
{
	unsigned long v;

	__asm__ volatile("mfspr %0,25" : "=r"(v));
	return v;
}

static unsigned long mfsrin(unsigned long ea)
{
	unsigned long v;

	__asm__ volatile("mfsrin %0,%1" : "=r"(v) : "r"(ea));
	return v;
}

#define MFSPR(n) ({ unsigned long v_; __asm__ volatile("mfspr %0," #n : "=r"(v_)); v_; })

static void check_entry(unsigned int ram)
{
	unsigned long msr = mfmsr(), sdr1 = mfsdr1(), htab, size, r1 = boot_regs[1], bats;
	unsigned int i, bad = 0;

	tap("MSR at entry: IR, DR, ME, FP on, EE off",
	    (msr & (MSR_IR | MSR_DR | MSR_ME | MSR_FP | MSR_EE)) ==
	    (MSR_IR | MSR_DR | MSR_ME | MSR_FP), msr);
	htab = sdr1 & 0xffff0000UL;
	size = ((sdr1 & 0x1ff) + 1) << 16;
	tap("SDR1: the firmware's HTAB at the top of RAM", htab + size == ram, sdr1);
	tap("SDR1: the HTAB is RAM / 128 (64 KiB at least)",
	    size == (ram / 128 > 0x10000 ? ram / 128 : 0x10000), size);
	for (i = 0; i < 16; i++)
		if (mfsrin(i << 28) != 0x20000400UL + i)
			bad |= 1U << i;
	tap("segment registers 0x20000400 + n (MOL's OpenBIOS)", !bad, bad);
	bats = MFSPR(528) | MFSPR(529) | MFSPR(530) | MFSPR(531) | MFSPR(532) | MFSPR(533) |
	       MFSPR(534) | MFSPR(535) | MFSPR(536) | MFSPR(537) | MFSPR(538) | MFSPR(539) |
	       MFSPR(540) | MFSPR(541) | MFSPR(542) | MFSPR(543);
	tap("BATs off", bats == 0, bats);
	tap("r1: the firmware's stack just below its HTAB",
	    r1 < htab && r1 >= htab - 0x10000 && !(r1 & 15), r1);
	con_puts("of32: r1 0x");
	con_hex(r1, 0);
	con_puts(" sdr1 0x");
	con_hex(sdr1, 0);
	con_puts("\n");
	/* the firmware's own memory is claimed */
	tap("the firmware's stack cannot be claimed",
	    of1("claim", 3, (unsigned int)(r1 & ~(PAGE - 1)), PAGE, 0) == 0xffffffffU, 0);
}

static void check_initrd(void)
{
	const char *rd = (const char *)boot_regs[3];
	static const char magic[] = "molvm-initrd";
	unsigned int i;

	con_puts("of32: initrd at 0x");
	con_hex(boot_regs[3], 0);
	con_puts(" size ");
	con_dec(boot_regs[4]);
	con_puts("\n");
	if (!boot_regs[3])
		return;
	for (i = 0; i < sizeof(magic) - 1 && rd[i] == magic[i]; i++)
		;
	tap("r3 points at the initrd's bytes", i == sizeof(magic) - 1, i);
	tap("the initrd's RAM is claimed",
	    of1("claim", 3, (unsigned int)boot_regs[3], PAGE, 0) == 0xffffffffU, 0);
}

/* prom_init's walk (prom_next_node): child, else peer, else up and peer */
static void walk_tree(void)
{
	unsigned int node = 0, nodes = 0, props = 0, n, guard = 0;
	static char prev[64], name[64];

	for (;;) {
		if (node && (n = of1("child", 1, node)) != 0) {
			node = n;
		} else if ((n = of1("peer", 1, node)) != 0) {
			node = n;
		} else {
			for (;;) {
				node = of1("parent", 1, node);
				if (!node || (n = of1("peer", 1, node)) != 0)
					break;
			}
			if (!node)
				break;
			node = n;
		}
		if (node == 0xffffffffU || ++guard > 1000)
			break;
		nodes++;
		prev[0] = 0;
		while (of1("nextprop", 3, node, A(prev), A(name)) == 1 && props < 100000) {
			props++;
			for (n = 0; (prev[n] = name[n]); n++)
				;
		}
	}
	con_puts("of32: tree nodes ");
	con_dec(nodes);
	con_puts(" properties ");
	con_dec(props);
	con_puts("\n");
	tap("the tree walk ends at the root", node == 0 && guard < 1000, node);
}

static void check_tree(void)
{
	unsigned int root = of1("finddevice", 1, A("/")), ph, n;
	static char path[256];

	tap("finddevice(/) == peer(0)", root == of1("peer", 1, 0), root);
	n = of1("getprop", 4, root, A("compatible"), A(buf), sizeof(buf));
	tap("/ compatible is PowerMac1,1 ... MacRISC",
	    n > 20 && streq(buf, "PowerMac1,1") && streq(buf + 12, "MacRISC"), n);
	tap("finddevice of a missing node is -1",
	    of1("finddevice", 1, A("/no/such/node")) == 0xffffffffU, 0);
	ph = of1("instance-to-package", 1, of_stdout);
	n = of1("package-to-path", 3, ph, A(path), sizeof(path));
	con_puts("of32: stdout is ");
	con_puts(path);
	con_puts("\n");
	tap("stdout's package is the ESCC's channel A",
	    streq(path, "/pci@80000000/pci-bridge@d/mac-io@5/escc@13000/ch-a@13020"), n);
	tap("finddevice(scca) is stdout's package", of1("finddevice", 1, A("scca")) == ph, 0);
	n = of1("instance-to-path", 3, of_stdout, A(path), sizeof(path));
	tap("instance-to-path(stdout) is its package's path", n == 57, n);
	ph = of1("instance-to-package", 1, mmu_ih);
	tap("the mmu instance is the CPU", ph == of1("finddevice", 1, A("/cpus/@0")), ph);
	tap("an unknown service returns -1", of_call("no-such-service", 0, 1) == -1, 0);
	of_args[0] = A("milliseconds");
	of_args[1] = 0;
	of_args[2] = 1;
	n = (unsigned int)of_check_preserved((void *)of_entry, of_args);
	tap("the client interface keeps r1, r2, r13-r31 and cr2-cr4", n == 0, n);
	tap("a bad ihandle: write returns -1",
	    of1("write", 3, 0x6f00aa3fU, A("x"), 1) == 0xffffffffU, 0);
	tap("interpret of Linux's allow-reclaim line: catch 0",
	    of1("interpret", 1, A("dev /memory 0 to allow-reclaim")) == 0, 0);
}

static void check_memory(unsigned int ram)
{
	unsigned int base, i, bad = 0;
	volatile unsigned int *p;

	base = of1("claim", 3, 0x00800000U, 0x100000U, 0);
	tap("claim 1 MiB at 8 MiB", base == 0x00800000U, base);
	p = (volatile unsigned int *)(unsigned long)base;
	for (i = 0; i < 0x100000 / 4; i += 1024)
		p[i] = i ^ 0x5a5a5a5aU;
	for (i = 0; i < 0x100000 / 4; i += 1024)
		bad += p[i] != (i ^ 0x5a5a5a5aU);
	tap("the claimed memory is usable with translation on", !bad, bad);
	tap("claiming it again fails",
	    of1("claim", 3, 0x00880000U, 0x1000U, 0) == 0xffffffffU, 0);
	tap("a claim past RAM fails", of1("claim", 3, ram - PAGE, 2 * PAGE, 0) == 0xffffffffU, 0);
	base = of1("claim", 3, 0, 0x10000U, 0x10000U);
	tap("an aligned claim lands on its boundary",
	    base != 0xffffffffU && !(base & 0xffff) && base < ram, base);
	of_call("release", 2, 0, base, 0x10000U);
	tap("released memory can be claimed again",
	    of1("claim", 3, base, 0x10000U, 0) == base, 0);
}

/* The mmu's methods, with translation on: map a page of our own */
static void check_mmu(void)
{
	volatile unsigned int *virt = (volatile unsigned int *)VIRT;
	volatile unsigned int *phys = (volatile unsigned int *)MAP_PHYS;
	int r;

	r = of_call("call-method", 3, 4, A("translate"), mmu_ih, A(check_mmu));
	tap("translate(code) is 1:1, mode 2, true",
	    !r && RET(3, 0) == 0 && RET(3, 1) == OF_TRUE && RET(3, 2) == 2 &&
	    RET(3, 3) == A(check_mmu), RET(3, 3));
	tap("claim the RAM behind the mapping",
	    of1("claim", 3, (unsigned int)MAP_PHYS, 2 * PAGE, 0) == MAP_PHYS, 0);
	r = of_call("call-method", 5, 2, A("claim"), mmu_ih, 0, 2 * PAGE, (unsigned int)VIRT);
	tap("mmu claim of address space at 0x50000000", !r && RET(5, 0) == 0 &&
	    RET(5, 1) == VIRT, RET(5, 1));
	r = of_call("call-method", 6, 1, A("map"), mmu_ih, 0xffffffffU, 2 * PAGE,
		    (unsigned int)VIRT, (unsigned int)MAP_PHYS);
	tap("map 0x50000000 -> 0x900000", !r && RET(6, 0) == 0, RET(6, 0));
	phys[0] = 0x12345678;
	virt[1024] = 0x9abcdef0;	/* the second page */
	tap("a store through the mapping reaches the physical page",
	    phys[1024] == 0x9abcdef0U, phys[1024]);
	tap("a load through the mapping reads it", virt[0] == 0x12345678U, virt[0]);
	r = of_call("call-method", 3, 4, A("translate"), mmu_ih, (unsigned int)VIRT + 0x1010);
	tap("translate(0x50001010) = 0x901010", !r && RET(3, 1) == OF_TRUE &&
	    RET(3, 3) == MAP_PHYS + 0x1010, RET(3, 3));
	r = of_call("call-method", 4, 1, A("unmap"), mmu_ih, 2 * PAGE, (unsigned int)VIRT);
	tap("unmap", !r && RET(4, 0) == 0, RET(4, 0));
	r = of_call("call-method", 3, 2, A("translate"), mmu_ih, (unsigned int)VIRT);
	tap("translate after unmap: false", !r && RET(3, 1) == 0, RET(3, 1));
	/* map it again elsewhere: the old translation must not linger */
	r = of_call("call-method", 6, 1, A("map"), mmu_ih, 0xffffffffU, PAGE, (unsigned int)VIRT,
		    (unsigned int)MAP_PHYS + PAGE);
	tap("a new mapping of the same address is used (TLB flushed)",
	    !r && virt[0] == 0x9abcdef0U, virt[0]);
	r = of_call("call-method", 2, 1, A("no-such-method"), mmu_ih);
	tap("an unknown method throws (catch-result -1)", !r && RET(2, 0) == 0xffffffffU,
	    RET(2, 0));
}

/* ablk-test.img: sector n = "SECT", n (big-endian), 504 x (n & 0xff) */
static int sector_ok(unsigned int n)
{
	unsigned int i;

	if (sector[0] != 'S' || sector[1] != 'E' || sector[2] != 'C' || sector[3] != 'T' ||
	    sector[7] != (n & 0xff) || sector[6] != ((n >> 8) & 0xff))
		return 0;
	for (i = 8; i < 512; i++)
		if (sector[i] != (n & 0xff))
			return 0;
	return 1;
}

static void check_disk(void)
{
	unsigned int ih = of1("open", 1, A("hd")), n;
	int r;

	tap("open(hd) gives an ihandle", ih && ih != 0xffffffffU, ih);
	tap("seek to sector 300", of1("seek", 3, ih, 0, 300 * 512) == 0, 0);
	n = of1("read", 3, ih, A(sector), 512);
	tap("read 512 bytes: sector 300 of the image", n == 512 && sector_ok(300), n);
	n = of1("read", 3, ih, A(sector), 512);
	tap("the next read is sector 301", n == 512 && sector_ok(301), n);
	r = of_call("call-method", 2, 2, A("#blocks"), ih);
	tap("#blocks is the image's 2048", !r && RET(2, 1) == 2048, RET(2, 1));
	r = of_call("call-method", 5, 2, A("read-blocks"), ih, 1, 7, A(sector));
	tap("read-blocks(sector 7)", !r && RET(5, 1) == 1 && sector_ok(7), RET(5, 1));
	tap("seek past the end fails", of1("seek", 3, ih, 0, 2049 * 512) == 0xffffffffU, 0);
	tap("open(hd:3,\\\\yaboot) fails (no partition packages)",
	    of1("open", 1, A("hd:3,\\\\yaboot")) == 0, 0);
	of_call("close", 1, 0, ih);
	tap("a closed ihandle reads -1", of1("read", 3, ih, A(sector), 512) == 0xffffffffU, 0);
}

static void check_rtas(void)
{
	static unsigned int rargs[3 + 8];
	unsigned int rtas = of1("finddevice", 1, A("/rtas")), ih, size, base, entry;
	int r;

	size = of_getprop_u32(rtas, "rtas-size");
	ih = of1("open", 1, A("/rtas"));
	base = of1("claim", 3, 0, size, 0x1000);
	r = of_call("call-method", 3, 2, A("instantiate-rtas"), ih, base);
	entry = RET(3, 1);
	tap("instantiate-rtas at claimed memory", !r && RET(3, 0) == 0 && entry == base, entry);
	/* get-time-of-day ( -- status year month day hour min sec ns ) */
	rargs[0] = of_getprop_u32(rtas, "get-time-of-day");
	rargs[1] = 0;
	rargs[2] = 8;
	((int (*)(unsigned int *))(unsigned long)entry)(rargs);
	con_puts("of32: RTAS get-time-of-day ");
	con_dec(rargs[4]);
	con_putc('-');
	con_dec(rargs[5]);
	con_putc('-');
	con_dec(rargs[6]);
	con_putc('\n');
	tap("RTAS get-time-of-day through the instantiated stub",
	    rargs[3] == 0 && rargs[4] >= 2024 && rargs[5] >= 1 && rargs[5] <= 12, rargs[4]);
}

static void check_time(void)
{
	unsigned int t0 = 0, t1 = 0, spins;

	of_call("milliseconds", 0, 1);
	t0 = RET(0, 0);
	for (spins = 0; spins < 1000000; spins++) {
		of_call("milliseconds", 0, 1);
		t1 = RET(0, 0);
		if (t1 - t0 >= 20)
			break;
	}
	tap("milliseconds advances (20 ms)", t1 - t0 >= 20 && t1 - t0 < 10000, t1 - t0);
}

void guest_main(void)
{
	unsigned int mem, reg[2], ram;

	of_entry = (of_entry_fn)boot_regs[5];
	if (!of_entry) {
		con_puts("of32: entered without a client interface (MOL's ELF boot)\n");
		osi_exit();
	}
	chosen = of1("finddevice", 1, A("/chosen"));
	of_stdout = of_getprop_u32(chosen, "stdout");
	mmu_ih = of_getprop_u32(chosen, "mmu");
	con_set_writer(of_writer);
	con_puts("of32: hello from an Open Firmware client\n");
	mem = of1("finddevice", 1, A("/memory"));
	of1("getprop", 4, mem, A("reg"), A(reg), 8);
	ram = reg[1];
	con_puts("of32: RAM 0x");
	con_hex(ram, 0);
	con_puts("\n");

	check_entry(ram);
	check_initrd();
	check_tree();
	walk_tree();
	check_memory(ram);
	check_mmu();
	check_disk();
	check_rtas();
	check_time();
	tap("quiesce returns", of_call("quiesce", 0, 0) == 0, 0);
	con_puts("of32: still printing after quiesce\n");
	con_puts("of32: done\n");
	of_call("exit", 0, 0);
	/* exit does not come back */
	con_set_writer(osi_writer);
	con_puts("of32: exit returned\n");
	osi_exit();
}
