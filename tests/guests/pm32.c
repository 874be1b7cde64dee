// SPDX-License-Identifier: GPL-2.0
/*
 * pm32: the powermac machine's OSI devices as MOL's drivers use them:
 * time, NVRAM (a boot counter that persists through -nvram FILE), the
 * OSI TTY, BOOT_HELPER, and the device tree read over PROM_IFACE and
 * OF_INTERFACE.  It prints the whole tree as lines
 *     T <path> <property> = <byte> <byte> ...
 * (bytes in lower-case hex without leading zeros, fdtget -t bx's form), so
 * the system test can compare it with the tree molvm --dump-dtb writes.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#ifndef INPUT_POLLS
#define INPUT_POLLS	2000	/* TTY_GETC polls, 1 ms apart */
#endif

#define NVRAM_COUNTER	0x10	/* the boot counter's NVRAM offset */
#define MAC_EPOCH	0x7C25B080UL	/* 1904 -> 1970, MOL os_interface.c */

static char path[256], name[64], prev[64];
static unsigned char val[1024];

static unsigned int prom(unsigned int what, unsigned int ph, unsigned long a,
			 unsigned long b, unsigned long c)
{
	return osi_ret32(osi_call5(OSI_PROM_IFACE, what, ph, a, b, c));
}

static void scopy(char *d, const char *s)
{
	while ((*d++ = *s++))
		;
}

static int seq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void print_node(unsigned int ph)
{
	unsigned int r, len, i;

	prom(PROM_PACKAGE_TO_PATH, ph, (unsigned long)path, sizeof(path), 0);
	prev[0] = 0;
	for (;;) {
		r = prom(PROM_NEXTPROP, ph, (unsigned long)prev, (unsigned long)name, 0);
		if (r != 1)
			break;
		len = prom(PROM_GETPROP, ph, (unsigned long)name, (unsigned long)val, sizeof(val));
		con_puts("T ");
		con_puts(path);
		con_putc(' ');
		con_puts(name);
		con_puts(" =");
		for (i = 0; i < len && i < sizeof(val); i++) {
			con_putc(' ');
			con_hex(val[i], 0);
		}
		con_putc('\n');
		scopy(prev, name);
	}
}

/* Depth first, children in tree order: fdtget -l's order too. */
static unsigned int walk(unsigned int ph, int depth)
{
	unsigned int n = 1, child;

	print_node(ph);
	if (depth > 16)
		return n;
	for (child = prom(PROM_CHILD, ph, 0, 0, 0); child && child != 0xffffffffU;
	     child = prom(PROM_PEER, child, 0, 0, 0))
		n += walk(child, depth + 1);
	return n;
}

static unsigned int find_device(const char *p)
{
	return osi_ret32(osi_call5(OSI_PROM_PATH_IFACE, PROM_FIND_DEVICE, (unsigned long)p,
				   0, 0, 0));
}

static unsigned int getprop_u32(unsigned int ph, const char *prop)
{
	unsigned int v = 0;

	prom(PROM_GETPROP, ph, (unsigned long)prop, (unsigned long)&v, 4);
	return v;
}

static void test_tree(void)
{
	static unsigned int ci[8];
	static const char svc[] = "finddevice", cpus_path[] = "/cpus";
	static const char pname[] = "molvm,guest-note", pval[] = "set by pm32";
	unsigned int root, cpus, nodes;

	root = prom(PROM_PEER, 0, 0, 0, 0);
	tap("PROM peer(0) is the root", root != 0 && root != 0xffffffffU, root);
	nodes = walk(root, 0);
	con_puts("pm32: tree nodes ");
	con_dec(nodes);
	con_putc('\n');

	cpus = find_device(cpus_path);
	tap("PROM_PATH find-device(/cpus) finds a node", cpus && cpus != 0xffffffffU, cpus);
	tap("find-device of a missing node is -1", find_device("/no/such") == 0xffffffffU, 0);
	tap("parent(/cpus) is the root", prom(PROM_PARENT, cpus, 0, 0, 0) == root, 0);

	/* The same through the IEEE 1275 client interface. */
	ci[0] = (unsigned long)svc;
	ci[1] = 1;
	ci[2] = 1;
	ci[3] = (unsigned long)cpus_path;
	tap("OF_INTERFACE finddevice returns 0",
	    osi_ret32(osi_call1(OSI_OF_INTERFACE, (unsigned long)ci)) == 0, 0);
	tap("OF_INTERFACE finddevice(/cpus) == PROM find-device", ci[4] == cpus, ci[4]);

	/* setprop, then read it back. */
	tap("setprop on /cpus", prom(PROM_SETPROP, cpus, (unsigned long)pname,
				     (unsigned long)pval, sizeof(pval)) == sizeof(pval), 0);
	prom(PROM_GETPROP, cpus, (unsigned long)pname, (unsigned long)val, sizeof(val));
	tap("getprop returns what setprop stored", seq((char *)val, pval), 0);
	/* Hostile: a buffer outside RAM gets -1. */
	tap("getprop into a buffer outside RAM is -1",
	    prom(PROM_GETPROP, cpus, (unsigned long)pname, 0xfffff000UL, 64) == 0xffffffffU, 0);
}

static void test_time(unsigned int tb_freq)
{
	unsigned int gmt = osi_ret32(osi_call1(OSI_GET_GMT_TIME, 0));
	unsigned int local = osi_ret32(osi_call1(OSI_GET_LOCALTIME, 0));
	unsigned int t0, t1, us, off;

	con_puts("pm32: gmt ");
	con_dec(gmt);
	con_putc('\n');
	/* 2023-01-01 = 1672531200 */
	tap("GET_GMT_TIME is a current Unix time", gmt > 1672531200U, gmt);
	off = local - gmt - (unsigned int)MAC_EPOCH;
	tap("GET_LOCALTIME is Mac-epoch GMT within a time zone",
	    (int)off >= -14 * 3600 && (int)off <= 14 * 3600, off);
	tap("USECS_TO_MTICKS(1 s) is the tree's timebase-frequency",
	    osi_ret32(osi_call1(OSI_USECS_TO_MTICKS, 1000000)) == tb_freq,
	    osi_ret32(osi_call1(OSI_USECS_TO_MTICKS, 1000000)));
	t0 = (unsigned int)mftb();
	osi_call1(OSI_USLEEP, 20000);
	t1 = (unsigned int)mftb();
	us = osi_ret32(osi_call1(OSI_MTICKS_TO_USECS, t1 - t0));
	con_puts("pm32: USLEEP(20000) took ");
	con_dec(us);
	con_puts(" us by the timebase\n");
	tap("USLEEP(20 ms) lasts 20 ms..5 s by MTICKS_TO_USECS", us >= 19000 && us < 5000000, us);
}

static void test_nvram(void)
{
	unsigned int size = osi_ret32(osi_call1(OSI_NVRAM_SIZE, 0));
	unsigned int count;

	tap("NVRAM_SIZE is 8 KiB", size == 0x2000, size);
	count = osi_ret32(osi_call1(OSI_READ_NVRAM_BYTE, NVRAM_COUNTER));
	count = (count + 1) & 0xff;
	osi_call2(OSI_WRITE_NVRAM_BYTE, NVRAM_COUNTER, count);
	/* A signature the host side checks in the file. */
	osi_call2(OSI_WRITE_NVRAM_BYTE, 0x1ffe, 'M');
	osi_call2(OSI_WRITE_NVRAM_BYTE, 0x1fff, 'v');
	con_puts("pm32: nvram boot count ");
	con_dec(count);
	con_putc('\n');
	tap("READ_NVRAM_BYTE returns what was written",
	    osi_ret32(osi_call1(OSI_READ_NVRAM_BYTE, NVRAM_COUNTER)) == count, 0);
	tap("READ_NVRAM_BYTE past the end is 0",
	    osi_ret32(osi_call1(OSI_READ_NVRAM_BYTE, 0x2000)) == 0, 0);
}

static void test_boot_helper(void)
{
	static unsigned char uni[32];
	static char back[16];
	unsigned int ram = osi_ret32(osi_call1(OSI_BOOT_HELPER, BOOTH_GET_RAM_SIZE));
	unsigned int n;

	con_puts("pm32: ram size 0x");
	con_hex(ram, 0);
	con_putc('\n');
	n = osi_ret32(osi_call5(OSI_BOOT_HELPER, BOOTH_ASCII2UNICODE, (unsigned long)uni,
				(unsigned long)"Mac OS", sizeof(uni) / 2, 0));
	tap("ascii2unicode converts 6 chars", n == 6 && uni[0] == 0 && uni[1] == 'M', n);
	n = osi_ret32(osi_call5(OSI_BOOT_HELPER, BOOTH_UNICODE2ASCII, (unsigned long)back,
				(unsigned long)uni, 6, sizeof(back)));
	tap("unicode2ascii converts them back", n == 6 && seq(back, "Mac OS"), n);
}

static void test_tty(void)
{
	static char line[64];
	unsigned int len = 0, polls, c;
	const char *s = "pm32: via TTY_PUTC\n";

	while (*s)
		osi_call1(OSI_TTY_PUTC, (unsigned char)*s++);
	for (polls = 0; polls < INPUT_POLLS && len < sizeof(line) - 1; polls++) {
		c = osi_ret32(osi_call1(OSI_TTY_GETC, 0));
		if (c == 0xffffffffU) {
			osi_call1(OSI_USLEEP, 1000);
			continue;
		}
		if (c == '\n')
			break;
		line[len++] = (char)c;
	}
	line[len] = 0;
	con_puts("pm32: tty got: ");
	con_puts(len ? line : "(nothing)");
	con_putc('\n');
}

void guest_main(void)
{
	unsigned int cpu;

	con_set_writer(osi_writer);
	con_puts("pm32: powermac OSI devices\n");
	tap("CALL_AVAILABLE(PROM_IFACE) == 1",
	    osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_PROM_IFACE)) == 1, 0);
	tap("CALL_AVAILABLE(NVRAM_SIZE) == 1",
	    osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_NVRAM_SIZE)) == 1, 0);
	tap("CALL_AVAILABLE(SOUND_WRITE) == 0 (not provided)",
	    osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_SOUND_WRITE)) == 0, 0);

	test_tree();
	osi_call2(OSI_PROM_IFACE, 0, 0);	/* CLOSE: molvm keeps serving the tree */
	cpu = prom(PROM_CHILD, find_device("/cpus"), 0, 0, 0);
	test_time(getprop_u32(cpu, "timebase-frequency"));
	test_nvram();
	test_boot_helper();
	test_tty();
	con_puts("pm32: done\n");
	osi_exit();
}
