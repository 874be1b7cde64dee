// SPDX-License-Identifier: GPL-2.0
/*
 * molvm's Open Firmware client interface, service by service, with good
 * and bad arguments: bad phandles and ihandles, unterminated strings,
 * buffers and lengths past RAM, unknown services and methods, claims
 * that overlap; the mmu methods on a real page table; OF_RTAS.
 */
#include <fcntl.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../devices/console.h"
#include "../../fdt/fdt_powermac.h"
#include "../../osi/of_client.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/be.h"
#include "../../vmm/pci.h"
#include "../../vmm/powermac_boot.h"
#include "../../vmm/ppc32_mmu.h"
#include "osi_call.h"

#define RAM	(16u << 20)
#define ARGS	0x4000		/* the argument array */
#define STR	0x5000		/* strings, 0x100 apart */
#define BUF	0x8000		/* buffers */
#define DISK	65536		/* bytes in the test image */

static struct fake_vm f;
static struct pmac_boot boot;
static struct ppc32_mmu mmu;		/* the client's MMU as it was entered */
static const struct ppc32_mmu *cur;	/* what calls see; NULL: physical */
static bool flushed;
static char img[64], ro_img[64];

static uint8_t *ram(void)
{
	return f.vm.mem.host;
}

/* s at string slot n: its address */
static uint32_t S(int n, const char *s)
{
	strcpy((char *)ram() + STR + 0x100 * n, s);
	return STR + 0x100 * (uint32_t)n;
}

static uint32_t call_at(uint32_t at, const char *svc, uint32_t nargs, uint32_t nret,
			const uint32_t *a, uint32_t *r)
{
	uint32_t i, x;

	be32_store(ram() + at, S(15, svc));
	be32_store(ram() + at + 4, nargs);
	be32_store(ram() + at + 8, nret);
	for (i = 0; i < nargs; i++)
		be32_store(ram() + at + 12 + 4 * i, a[i]);
	for (i = 0; i < nret; i++)
		be32_store(ram() + at + 12 + 4 * (nargs + i), 0xdeadbeef);
	x = of_client_call(&f.vm, cur, at, &flushed);
	for (i = 0; r && i < nret; i++)
		r[i] = be32_load(ram() + at + 12 + 4 * (nargs + i));
	return x;
}

#define N(...)		((uint32_t)(sizeof((uint32_t[]){ __VA_ARGS__ }) / 4))
/* CALL(service, nret, results, args...): r3 */
#define CALL(svc, nret, r, ...) call_at(ARGS, svc, N(__VA_ARGS__), nret, (uint32_t[]){ __VA_ARGS__ }, r)
/* ONE(service, args...): the first result; the call itself must succeed */
static uint32_t one_call(const char *svc, uint32_t n, const uint32_t *a)
{
	uint32_t r[1];

	ck_assert_uint_eq(call_at(ARGS, svc, n, 1, a, r), 0);
	return r[0];
}
#define ONE(svc, ...) one_call(svc, N(__VA_ARGS__), (uint32_t[]){ __VA_ARGS__ })

static void make_image(char *path, size_t len)
{
	FILE *fp;
	size_t i;
	int fd;

	strcpy(path, "/tmp/molvm-of-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "wb");
	for (i = 0; i < len; i++)
		fputc((int)((i * 7 + i / 512) & 0xff), fp);
	fclose(fp);
}

static void setup(void)
{
	static struct drive_config drives[2];

	make_image(img, DISK);
	make_image(ro_img, DISK);
	snprintf(drives[0].file, sizeof(drives[0].file), "%s", img);
	snprintf(drives[1].file, sizeof(drives[1].file), "%s", ro_img);
	drives[1].readonly = true;
	fake_powermac_init_with(&f, RAM, NULL, drives, 2, true, &boot);
	ck_assert_int_eq(pmac_boot_install(&f.vm.mem, &boot), 0);
	pmac_boot_mmu(&boot, &mmu);
	cur = NULL;
}

static void teardown(void)
{
	fake_powermac_destroy(&f);
	unlink(img);
	unlink(ro_img);
}

static uint32_t find(const char *path)
{
	return ONE("finddevice", S(0, path));
}

START_TEST(unknown_and_malformed_calls)
{
	uint32_t r[20];

	/* unknown services: -1, and the VM goes on */
	ck_assert_uint_eq(CALL("boot", 1, r, S(0, "hd:")), OSI_ERR);
	ck_assert_uint_eq(CALL("enter", 0, r, 0), OSI_ERR);
	ck_assert_uint_eq(CALL("", 1, r, 0), OSI_ERR);
	ck_assert(!vm_stopping(&f.vm));
	/* test: 0 for a service that exists, -1 for one that does not */
	ck_assert_uint_eq(ONE("test", S(0, "claim")), 0);
	ck_assert_uint_eq(ONE("test", S(0, "chain")), OSI_ERR);
	/* wrong argument counts, too many results */
	ck_assert_uint_eq(CALL("finddevice", 1, r, S(0, "/"), 0), OSI_ERR);
	ck_assert_uint_eq(call_at(ARGS, "getprop", 2, 1, (uint32_t[]){ 1, 2 }, r), OSI_ERR);
	ck_assert_uint_eq(call_at(ARGS, "peer", 1, 17, (uint32_t[]){ 0 }, r), OSI_ERR);
	ck_assert_uint_eq(call_at(ARGS, "call-method", 17, 1, (uint32_t[17]){ 0 }, r), OSI_ERR);
	/* the array itself past RAM, or its results */
	ck_assert_uint_eq(of_client_call(&f.vm, NULL, RAM - 8, &flushed), OSI_ERR);
	ck_assert_uint_eq(of_client_call(&f.vm, NULL, 0xfffffffc, &flushed), OSI_ERR);
	/* args in RAM, the result cell just past it */
	be32_store(ram() + RAM - 16, S(15, "peer"));
	be32_store(ram() + RAM - 12, 1);
	be32_store(ram() + RAM - 8, 1);
	be32_store(ram() + RAM - 4, 0);
	ck_assert_uint_eq(of_client_call(&f.vm, NULL, RAM - 16, &flushed), OSI_ERR);
	/* a service name that never ends */
	memset(ram() + STR + 0xf00, 'p', 0x100);
	be32_store(ram() + ARGS, STR + 0xf00);
	ck_assert_uint_eq(of_client_call(&f.vm, NULL, ARGS, &flushed), OSI_ERR);
	/* ... or ends outside RAM */
	be32_store(ram() + ARGS, RAM - 2);
	memset(ram() + RAM - 2, 'x', 2);
	ck_assert_uint_eq(of_client_call(&f.vm, NULL, ARGS, &flushed), OSI_ERR);
}
END_TEST

START_TEST(tree_services)
{
	uint32_t root, chosen, cpu, ph;
	char *buf = (char *)ram() + BUF;

	root = find("/");
	ck_assert_uint_eq(ONE("peer", 0), root);
	ck_assert_uint_eq(ONE("parent", root), 0);
	chosen = ONE("child", root);
	ck_assert_uint_eq(chosen, find("/chosen"));
	ck_assert_uint_eq(ONE("parent", chosen), root);
	/* aliases, abbreviated Open Firmware paths as MOL wrote them, args */
	ph = find(PMAC_CONSOLE_PATH);
	ck_assert_uint_ne(ph, OSI_ERR);
	ck_assert_uint_eq(find("scca"), ph);
	ck_assert_uint_eq(find("/pci/@d/mac-io/escc/ch-a"), ph);
	ck_assert_uint_eq(find("/pci/@d/mac-io/escc/ch-a:115200"), ph);
	ck_assert_uint_eq(find("hd:0"), find(PMAC_BRIDGE_PATH "/mol-blk@3/disk@0"));
	cpu = find("/cpus/@0");
	ck_assert_uint_eq(cpu, find("/cpus/PowerPC,7447a"));
	ck_assert_uint_eq(find("/nonexistent"), OSI_ERR);
	ck_assert_uint_eq(find("nosuchalias"), OSI_ERR);
	ck_assert_uint_eq(find(""), OSI_ERR);
	/* getprop, getproplen, nextprop, setprop */
	ck_assert_uint_eq(ONE("getproplen", root, S(1, "compatible")),
			  sizeof("PowerMac1,1\0MacRISC\0Power Macintosh"));
	ck_assert_uint_eq(ONE("getprop", root, S(1, "model"), BUF, 64), 12);
	ck_assert_str_eq(buf, "PowerMac1,1");
	ck_assert_uint_eq(ONE("getprop", chosen, S(1, "stdout"), BUF, 4), 4);
	ck_assert_uint_eq(be32_load(ram() + BUF), OF_IH_STDOUT);
	ck_assert_uint_eq(ONE("getprop", cpu, S(1, "nothing"), BUF, 4), OSI_ERR);
	ck_assert_uint_eq(ONE("nextprop", chosen, S(1, ""), BUF), 1);
	ck_assert_str_eq(buf, "name");
	ck_assert_uint_eq(ONE("nextprop", chosen, S(1, "interrupt-controller"), BUF), 0);
	memcpy(ram() + BUF, "\x01\x02\x03\x04", 4);
	ck_assert_uint_eq(ONE("setprop", chosen, S(1, "linux,test"), BUF, 4), 4);
	ck_assert_uint_eq(ONE("getprop", chosen, S(1, "linux,test"), BUF + 16, 4), 4);
	ck_assert_mem_eq(ram() + BUF + 16, "\x01\x02\x03\x04", 4);
	ck_assert_uint_eq(ONE("setprop", chosen, S(1, "phandle"), BUF, 4), OSI_ERR);
	ck_assert_uint_eq(ONE("setprop", chosen, S(1, "big"), BUF, 0x1001), OSI_ERR);
	/* package-to-path: the length; a short buffer gets what fits */
	ck_assert_uint_eq(ONE("package-to-path", ph, BUF, 256), strlen(PMAC_CONSOLE_PATH));
	ck_assert_str_eq(buf, PMAC_CONSOLE_PATH);
	memset(buf, 'X', 16);
	ck_assert_uint_eq(ONE("package-to-path", ph, BUF, 4), strlen(PMAC_CONSOLE_PATH));
	ck_assert_mem_eq(buf, "/pciX", 5);
	/* canon: an alias's full path, with its arguments */
	ck_assert_uint_eq(ONE("canon", S(0, "scca:9600"), BUF, 256),
			  strlen(PMAC_CONSOLE_PATH ":9600"));
	ck_assert_str_eq(buf, PMAC_CONSOLE_PATH ":9600");
	ck_assert_uint_eq(ONE("canon", S(0, "/nope"), BUF, 256), OSI_ERR);

	/* bad phandles: 0, -1, unused numbers, an ihandle */
	ck_assert_uint_eq(ONE("child", 0), OSI_ERR);
	ck_assert_uint_eq(ONE("peer", 0xdead), OSI_ERR);
	ck_assert_uint_eq(ONE("parent", 0xffffffff), OSI_ERR);
	ck_assert_uint_eq(ONE("getproplen", OF_IH_STDOUT, S(1, "name")), OSI_ERR);
	ck_assert_uint_eq(ONE("package-to-path", 0x12345, BUF, 64), OSI_ERR);
	/* buffers and lengths past RAM */
	ck_assert_uint_eq(ONE("getprop", root, S(1, "model"), RAM - 4, 64), OSI_ERR);
	ck_assert_uint_eq(ONE("getprop", root, S(1, "model"), 0xfffffff8, 64), OSI_ERR);
	ck_assert_uint_eq(ONE("getprop", root, S(1, "model"), BUF, 0x80000000), OSI_ERR);
	ck_assert_uint_eq(ONE("package-to-path", ph, RAM - 8, 256), OSI_ERR);
	ck_assert_uint_eq(ONE("setprop", chosen, S(1, "x"), RAM - 2, 16), OSI_ERR);
	ck_assert_uint_eq(ONE("nextprop", chosen, S(1, ""), 0xfffff000), OSI_ERR);
	/* names and paths without an end, or empty */
	memset(ram() + STR + 0x200, 'n', 0x100);
	ck_assert_uint_eq(ONE("getproplen", root, STR + 0x200), OSI_ERR);
	ck_assert_uint_eq(ONE("finddevice", STR + 0x200), OSI_ERR);
	ck_assert_uint_eq(ONE("getproplen", root, S(1, "")), OSI_ERR);
	ck_assert_uint_eq(ONE("finddevice", RAM - 1), OSI_ERR);
}
END_TEST

START_TEST(console_instances)
{
	uint32_t con = find(PMAC_CONSOLE_PATH), ih;
	char out[256];

	/* /chosen's ihandles: the console's instance */
	ck_assert_uint_eq(ONE("instance-to-package", OF_IH_STDOUT), con);
	ck_assert_uint_eq(ONE("instance-to-package", OF_IH_STDIN), con);
	ck_assert_uint_eq(ONE("instance-to-path", OF_IH_STDOUT, BUF, 256),
			  strlen(PMAC_CONSOLE_PATH));
	ck_assert_str_eq((char *)ram() + BUF, PMAC_CONSOLE_PATH);
	ck_assert_uint_eq(ONE("instance-to-package", OF_IH_MMU), find("/cpus/@0"));
	ck_assert_uint_eq(ONE("instance-to-package", OF_IH_MEMORY), find("/memory"));
	/* write goes to the console, read takes what was typed (0 if nothing) */
	memcpy(ram() + BUF, "hello, OF\r\n", 11);
	ck_assert_uint_eq(ONE("write", OF_IH_STDOUT, BUF, 11), 11);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 11);
	ck_assert_str_eq(out, "hello, OF\r\n");
	ck_assert_uint_eq(ONE("read", OF_IH_STDIN, BUF, 16), 0);
	console_input(f.vm.con, (const unsigned char *)"abc", 3);
	ck_assert_uint_eq(ONE("read", OF_IH_STDIN, BUF, 2), 2);
	ck_assert_mem_eq(ram() + BUF, "ab", 2);
	ck_assert_uint_eq(ONE("read", OF_IH_STDIN, BUF, 16), 1);
	ck_assert_uint_eq(ram()[BUF], 'c');
	/* bad buffers: -1, nothing written or consumed */
	console_input(f.vm.con, (const unsigned char *)"z", 1);
	ck_assert_uint_eq(ONE("read", OF_IH_STDIN, RAM - 4, 16), OSI_ERR);
	ck_assert_uint_eq(ONE("write", OF_IH_STDOUT, RAM - 4, 16), OSI_ERR);
	ck_assert_uint_eq(ONE("write", OF_IH_STDOUT, 0xffffff00, 0x200), OSI_ERR);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	ck_assert_uint_eq(ONE("read", OF_IH_STDIN, BUF, 16), 1);
	/* the console cannot seek */
	ck_assert_uint_eq(ONE("seek", OF_IH_STDIN, 0, 0), OSI_ERR);
	/* opening it again: a new instance, with its args; close ends it */
	ih = ONE("open", S(0, "scca:38400"));
	ck_assert_uint_ne(ih, 0);
	ck_assert_uint_ne(ih, OF_IH_STDOUT);
	ck_assert_uint_eq(ONE("instance-to-path", ih, BUF, 256),
			  strlen(PMAC_CONSOLE_PATH ":38400"));
	ck_assert_uint_eq(CALL("close", 0, NULL, ih), 0);
	ck_assert_uint_eq(ONE("write", ih, BUF, 1), OSI_ERR);
	ck_assert_uint_eq(ONE("instance-to-package", ih), OSI_ERR);
	/* a new instance in the same slot does not revive the old ihandle */
	ck_assert_uint_ne(ONE("open", S(0, "scca")), ih);
	ck_assert_uint_eq(ONE("instance-to-path", ih, BUF, 256), OSI_ERR);
	/* bad ihandles: 0, a phandle, junk */
	ck_assert_uint_eq(ONE("write", 0, BUF, 1), OSI_ERR);
	ck_assert_uint_eq(ONE("write", con, BUF, 1), OSI_ERR);
	ck_assert_uint_eq(ONE("read", 0x6f00ff3f, BUF, 1), OSI_ERR);
	ck_assert_uint_eq(ONE("instance-to-package", 0xffffffff), OSI_ERR);
	ck_assert_uint_eq(CALL("close", 0, NULL, 0x12345678), 0);	/* no harm */
	ck_assert_uint_eq(ONE("write", OF_IH_STDOUT, BUF, 0), 0);
}
END_TEST

START_TEST(disk_instances)
{
	uint8_t expect[1024];
	uint32_t ih, ro, i, r[4];
	int fd = open(img, O_RDONLY);

	ck_assert_int_eq(pread(fd, expect, sizeof(expect), 4096), (ssize_t)sizeof(expect));
	ih = ONE("open", S(0, "hd"));
	ck_assert_uint_ne(ih, 0);
	ck_assert_uint_eq(ONE("seek", ih, 0, 4096), 0);
	ck_assert_uint_eq(ONE("read", ih, BUF, 1024), 1024);
	ck_assert_mem_eq(ram() + BUF, expect, 1024);
	/* the position moved on */
	ck_assert_uint_eq(ONE("read", ih, BUF, 4), 4);
	ck_assert_uint_eq(ram()[BUF], (uint8_t)((5120 * 7 + 10) & 0xff));
	/* at the end: what is left, then 0; past the end: refused */
	ck_assert_uint_eq(ONE("seek", ih, 0, DISK - 10), 0);
	ck_assert_uint_eq(ONE("read", ih, BUF, 512), 10);
	ck_assert_uint_eq(ONE("read", ih, BUF, 512), 0);
	ck_assert_uint_eq(ONE("seek", ih, 0, DISK + 1), OSI_ERR);
	ck_assert_uint_eq(ONE("seek", ih, 1, 0), OSI_ERR);
	/* a buffer past RAM: -1, the position stays */
	ck_assert_uint_eq(ONE("seek", ih, 0, 0), 0);
	ck_assert_uint_eq(ONE("read", ih, RAM - 100, 512), OSI_ERR);
	ck_assert_uint_eq(ONE("read", ih, BUF, 1), 1);
	ck_assert_uint_eq(ram()[BUF], 0);
	/* write lands in the image */
	memcpy(ram() + BUF, "molvm OF write", 14);
	ck_assert_uint_eq(ONE("seek", ih, 0, 1000), 0);
	ck_assert_uint_eq(ONE("write", ih, BUF, 14), 14);
	ck_assert_int_eq(pread(fd, expect, 14, 1000), 14);
	ck_assert_mem_eq(expect, "molvm OF write", 14);
	/* block methods */
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "block-size"), ih), 0);
	ck_assert_uint_eq(r[0], 0);
	ck_assert_uint_eq(r[1], 512);
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "#blocks"), ih), 0);
	ck_assert_uint_eq(r[1], DISK / 512);
	/* read-blocks ( addr block# #blocks -- #read ): stack order reversed */
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "read-blocks"), ih, 2, 8, BUF), 0);
	ck_assert_uint_eq(r[0], 0);
	ck_assert_uint_eq(r[1], 2);
	ck_assert_int_eq(pread(fd, expect, 1024, 8 * 512), 1024);
	ck_assert_mem_eq(ram() + BUF, expect, 1024);
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "read-blocks"), ih, 2, 8, RAM), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	close(fd);
	/* the read-only image refuses writes */
	ro = ONE("open", S(0, "mol1"));
	ck_assert_uint_ne(ro, 0);
	ck_assert_uint_eq(ONE("write", ro, BUF, 16), OSI_ERR);
	ck_assert_uint_eq(ONE("read", ro, BUF, 16), 16);
	/* partitions and files are not opened (no such packages here) */
	ck_assert_uint_eq(ONE("open", S(0, "hd:3")), 0);
	ck_assert_uint_eq(ONE("open", S(0, "hd:0,\\\\yaboot")), 0);
	ck_assert_uint_ne(ONE("open", S(0, "hd:0")), 0);
	/* nodes without an instance: nothing */
	ck_assert_uint_eq(ONE("open", S(0, "/options")), 0);
	ck_assert_uint_eq(ONE("open", S(0, "/nonexistent")), 0);
	ck_assert_uint_eq(ONE("open", RAM - 1), 0);
	/* the instance table is bounded: open until full, no crash */
	for (i = 0; i < 64; i++)
		if (!ONE("open", S(0, "/memory")))
			break;
	ck_assert_uint_lt(i, 64);
	ck_assert_uint_eq(ONE("read", ih, BUF, 1), 1);	/* the others still work */
}
END_TEST

/* A client's read runs on its vCPU thread, up to all of RAM in one call:
 * in image_rw's pieces, looking at the VM's stop before each, so molvm's
 * exit waits for one piece, not the whole read (it waited for all). */
START_TEST(disk_read_ends_at_the_stop)
{
	uint32_t ih = ONE("open", S(0, "hd"));

	ck_assert_uint_ne(ih, 0);
	ck_assert_uint_eq(ONE("read", ih, BUF, 1024), 1024);
	ck_assert_uint_eq(ONE("seek", ih, 0, 0), 0);
	atomic_store(&f.vm.stopping, true);
	ck_assert_uint_eq(ONE("read", ih, BUF, 1024), OSI_ERR);
	ck_assert_uint_eq(ONE("write", ih, BUF, 1024), OSI_ERR);
	atomic_store(&f.vm.stopping, false);
	ck_assert_uint_eq(ONE("read", ih, BUF, 1024), 1024);
}
END_TEST

START_TEST(claim_and_release)
{
	uint32_t a, mem = find("/memory"), cells[8];
	int len;

	/* /memory "available": RAM below the firmware (no image here) */
	ck_assert_uint_eq(ONE("getprop", mem, S(1, "available"), BUF, 32), 8);
	ck_assert_uint_eq(be32_load(ram() + BUF + 4), boot.fw);
	/* exactly where asked */
	ck_assert_uint_eq(ONE("claim", 0x200000, 0x10000, 0), 0x200000);
	/* overlaps: with that claim, with the firmware, past RAM */
	ck_assert_uint_eq(ONE("claim", 0x20f000, 0x2000, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", boot.fw - 0x1000, 0x2000, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", boot.htab, 0x1000, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", RAM - 0x1000, 0x2000, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", 0xfffff000, 0x2000, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", 0x300000, 0, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", 0x300000, 0x80000000, 0), OSI_ERR);
	/* the hole shows in /memory "available" */
	len = (int)ONE("getprop", mem, S(1, "available"), BUF, 32);
	ck_assert_int_eq(len, 16);
	for (a = 0; a < 4; a++)
		cells[a] = be32_load(ram() + BUF + 4 * a);
	ck_assert_uint_eq(cells[0], 0);
	ck_assert_uint_eq(cells[1], 0x200000);
	ck_assert_uint_eq(cells[2], 0x210000);
	/* aligned: anywhere free, on the boundary, the highest first */
	a = ONE("claim", 0, 0x3000, 0x100000);
	ck_assert_uint_ne(a, OSI_ERR);
	ck_assert_uint_eq(a & 0xfffff, 0);
	ck_assert_uint_lt(a + 0x3000, boot.fw + 1);
	ck_assert_uint_eq(ONE("claim", a, 0x1000, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("claim", 0, 0x1000, 0x3000), OSI_ERR);	/* not 2^n */
	ck_assert_uint_eq(ONE("claim", 0, RAM, 0x1000), OSI_ERR);	/* too big */
	/* release, then it can be claimed again */
	ck_assert_uint_eq(CALL("release", 0, NULL, 0x200000, 0x10000), 0);
	ck_assert_uint_eq(ONE("claim", 0x208000, 0x1000, 0), 0x208000);
	ck_assert_uint_eq(CALL("release", 0, NULL, 0xfffff000, 0x10000), 0);	/* harmless */
	/* memory's claim is RAM only; the mmu's address space only */
	{
		uint32_t r[2];

		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MEMORY, 0,
				       0x1000, 0x400000), 0);
		ck_assert_uint_eq(r[0], 0);
		ck_assert_uint_eq(r[1], 0x400000);
		/* the same RAM again: memory refuses, the mmu (address space) takes it */
		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MEMORY, 0,
				       0x1000, 0x400000), 0);
		ck_assert_uint_eq(r[0], OSI_ERR);
		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MMU, 0,
				       0x1000, 0x400000), 0);
		ck_assert_uint_eq(r[0], 0);
		ck_assert_uint_eq(r[1], 0x400000);
		/* ... but then the client interface's claim finds it taken */
		ck_assert_uint_eq(ONE("claim", 0x400000, 0x1000, 0), OSI_ERR);
		/* address space outside RAM is the mmu's to give, not memory's */
		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MMU, 0,
				       0x10000, 0x90000000), 0);
		ck_assert_uint_eq(r[1], 0x90000000);
		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MEMORY, 0,
				       0x10000, 0x90000000), 0);
		ck_assert_uint_eq(r[0], OSI_ERR);
		/* the mac-io window is the firmware's already */
		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MMU, 0,
				       0x1000, 0x80816000), 0);
		ck_assert_uint_eq(r[0], OSI_ERR);
		/* align 0 needs the address */
		ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "claim"), OF_IH_MMU, 0,
				       0x1000), 0);
		ck_assert_uint_eq(r[0], OSI_ERR);
		/* release methods */
		ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "release"), OF_IH_MEMORY, 0x1000,
				       0x400000), 0);
		ck_assert_uint_eq(r[0], 0);
	}
}
END_TEST

/* The mmu methods on the firmware's page table, as an OF client with
 * translation on sees them */
START_TEST(mmu_methods)
{
	uint32_t r[4];

	cur = &mmu;
	/* RAM is 1:1 with the firmware's RAM mode */
	ck_assert_uint_eq(CALL("call-method", 4, r, S(1, "translate"), OF_IH_MMU, 0x123456), 0);
	ck_assert_uint_eq(r[0], 0);
	ck_assert_uint_eq(r[1], OF_TRUE);		/* ( -- phys mode true ) */
	ck_assert_uint_eq(r[2], PMAC_OF_MODE_RAM);
	ck_assert_uint_eq(r[3], 0x123456);
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "translate"), OF_IH_MMU, 0xa0000000), 0);
	ck_assert_uint_eq(r[1], 0);			/* false */
	/* map ( phys virt size mode -- ): a client mapping, then used */
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, (uint32_t)-1,
			       0x2000, 0xa0000000, 0x300000), 0);
	ck_assert_uint_eq(r[0], 0);
	ck_assert(!flushed);
	ck_assert_uint_eq(CALL("call-method", 4, r, S(1, "translate"), OF_IH_MMU, 0xa0001010), 0);
	ck_assert_uint_eq(r[1], OF_TRUE);
	ck_assert_uint_eq(r[2], PMAC_OF_MODE_RAM);	/* -1: by the physical address */
	ck_assert_uint_eq(r[3], 0x301010);
	/* the firmware reads the client's pointers through it */
	S(3, "/chosen");
	be32_store(ram() + 0x300000 + 0x10, 0xa0000000 + 0x20);
	strcpy((char *)ram() + 0x300020, "/openprom");
	ck_assert_uint_eq(ONE("finddevice", 0xa0000020), find("/openprom"));
	/* mapping an I/O address with a mode; remapping asks for a flush */
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 0x2a, 0x1000,
			       0xa0000000, PMAC_MACIO_BASE), 0);
	ck_assert(flushed);
	ck_assert_uint_eq(CALL("call-method", 4, r, S(1, "translate"), OF_IH_MMU, 0xa0000004), 0);
	ck_assert_uint_eq(r[2], 0x2a);
	ck_assert_uint_eq(r[3], PMAC_MACIO_BASE + 4);
	/* unmap: gone, and a flush */
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "unmap"), OF_IH_MMU, 0x2000,
			       0xa0000000), 0);
	ck_assert(flushed);
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "translate"), OF_IH_MMU, 0xa0001000), 0);
	ck_assert_uint_eq(r[1], 0);
	ck_assert_uint_eq(ONE("finddevice", 0xa0000020), OSI_ERR);
	/* bad maps: misaligned, past 4 GiB, too few arguments */
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 2, 0x1000,
			       0xa0000000, 0x300004), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 2, 0x2000,
			       0xfffff000, 0x300000), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 2, 0x1000), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	/* claim keeps RAM 1:1: a page the client had mapped elsewhere */
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 2, 0x1000,
			       0x500000, 0x600000), 0);
	ck_assert(flushed);
	ck_assert_uint_eq(ONE("claim", 0x500000, 0x1000, 0), 0x500000);
	ck_assert(flushed);
	ck_assert_uint_eq(CALL("call-method", 4, r, S(1, "translate"), OF_IH_MMU, 0x500000), 0);
	ck_assert_uint_eq(r[3], 0x500000);
	/* unknown method, bad ihandle, a method of another instance */
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "frob"), OF_IH_MMU), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "translate"), 0x6f00aa01, 0), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MEMORY, 2, 0x1000,
			       0x500000, 0x500000), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "translate"), OF_IH_STDOUT, 0), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	/* unmap and map of all 4 GiB end once the VM stops (fuzz_prom found
	 * calls of a million pages that took seconds under ASan) */
	atomic_store(&f.vm.stopping, true);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "unmap"), OF_IH_MMU, 0xfffff000, 0), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 2, 0xfffff000, 0,
			       0), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	atomic_store(&f.vm.stopping, false);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "unmap"), OF_IH_MMU, 0x1000, 0x500000),
			  0);
	ck_assert_uint_eq(r[0], 0);
	/* without the client's MMU (no KVM vCPU) the mmu methods fail cleanly */
	cur = NULL;
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "translate"), OF_IH_MMU, 0x1000), 0);
	ck_assert_uint_eq(r[1], 0);
	ck_assert_uint_eq(CALL("call-method", 1, r, S(1, "map"), OF_IH_MMU, 2, 0x1000,
			       0x500000, 0x500000), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
}
END_TEST

/* /chosen "nvram": the machine's NVRAM, the same bytes RTAS and OSI see */
START_TEST(nvram_instance)
{
	uint32_t r[2], ih, chosen = find("/chosen");
	uint64_t gpr[32];

	ck_assert_uint_eq(ONE("getprop", chosen, S(0, "nvram"), BUF, 4), 4);
	ih = be32_load(ram() + BUF);
	ck_assert_uint_eq(ih, OF_IH_NVRAM);
	ck_assert_uint_eq(ONE("instance-to-package", ih), find(PMAC_MACIO_PATH "/nvram@60000"));
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "size"), ih), 0);
	ck_assert_uint_eq(r[0], 0);
	ck_assert_uint_eq(r[1], OSI_NVRAM_BYTES);
	/* the partition header MOL's default NVRAM starts with */
	ck_assert_uint_eq(ONE("seek", ih, 0, 0), 0);
	ck_assert_uint_eq(ONE("read", ih, BUF, 16), 16);
	ck_assert_mem_eq(ram() + BUF + 4, "APL,MacOS75", 11);
	/* write at 0x1ffc: clipped to the end; read back through OSI */
	memcpy(ram() + BUF, "molvm!", 6);
	ck_assert_uint_eq(ONE("seek", ih, 0, 0x1ffc), 0);
	ck_assert_uint_eq(ONE("write", ih, BUF, 6), 4);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_READ_NVRAM_BYTE, 0x1fff), 'v');
	ck_assert_uint_eq(ONE("read", ih, BUF, 6), 0);		/* at the end */
	/* positions past it, buffers past RAM */
	ck_assert_uint_eq(ONE("seek", ih, 0, OSI_NVRAM_BYTES), OSI_ERR);
	ck_assert_uint_eq(ONE("seek", ih, 1, 0), OSI_ERR);
	ck_assert_uint_eq(ONE("seek", ih, 0, 0x10), 0);
	ck_assert_uint_eq(ONE("read", ih, RAM - 8, 16), OSI_ERR);
	ck_assert_uint_eq(ONE("write", ih, 0xfffffff0, 16), OSI_ERR);
	/* mol-nvram opens as an NVRAM too */
	ck_assert_uint_ne(ONE("open", S(2, "/mol-nvram")), 0);
}
END_TEST

START_TEST(rtas_and_interpret)
{
	uint32_t r[2], rtas = ONE("open", S(0, "/rtas")), i;
	uint64_t gpr[32];
	uint32_t stub[OF_STUB_WORDS];

	ck_assert_uint_ne(rtas, 0);
	/* instantiate-rtas ( base -- entry ): MOL's OF_RTAS stub there */
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "instantiate-rtas"), rtas, 0x600000),
			  0);
	ck_assert_uint_eq(r[0], 0);
	ck_assert_uint_eq(r[1], 0x600000);
	of_osi_stub(OSI_OF_RTAS, stub);
	ck_assert_uint_eq(stub[5], 0x38a00016);	/* li r5,22 */
	for (i = 0; i < OF_STUB_WORDS; i++)
		ck_assert_uint_eq(be32_load(ram() + 0x600000 + 4 * i), stub[i]);
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "instantiate-rtas"), rtas, RAM - 8), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);
	ck_assert_uint_eq(CALL("call-method", 2, r, S(1, "instantiate-rtas"), rtas, 0x600002), 0);
	ck_assert_uint_eq(r[0], OSI_ERR);

	/* OF_RTAS nvram-store then nvram-fetch ( offs buf len -- status actual ) */
	memcpy(ram() + BUF, "rtas", 4);
	be32_store(ram() + ARGS, 0xabcdef03);
	be32_store(ram() + ARGS + 4, 3);
	be32_store(ram() + ARGS + 8, 2);
	be32_store(ram() + ARGS + 12, 0x100);
	be32_store(ram() + ARGS + 16, BUF);
	be32_store(ram() + ARGS + 20, 4);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 28), 4);
	ck_assert_mem_eq(f.vm.osi->nvram + 0x100, "rtas", 4);
	be32_store(ram() + ARGS, 0xabcdef02);
	be32_store(ram() + ARGS + 16, BUF + 64);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_mem_eq(ram() + BUF + 64, "rtas", 4);
	/* past the NVRAM: parameter error, nothing moved */
	be32_store(ram() + ARGS + 12, 0x1ffe);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), (uint32_t)-3);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 28), 0);
	/* get-time-of-day ( -- status y m d h m s ns ) */
	be32_store(ram() + ARGS, 0xabcdef04);
	be32_store(ram() + ARGS + 4, 0);
	be32_store(ram() + ARGS + 8, 8);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 12), 0);
	ck_assert_uint_ge(be32_load(ram() + ARGS + 16), 2024);
	/* an unknown token, or MOL's token with other counts: -1, status -3 */
	be32_store(ram() + ARGS, 0xabcdef99);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), OSI_ERR);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 12), (uint32_t)-3);
	be32_store(ram() + ARGS, 0xabcdef04);
	be32_store(ram() + ARGS + 8, 7);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), OSI_ERR);
	/* blocks past RAM, absurd counts */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, RAM - 8), OSI_ERR);
	be32_store(ram() + ARGS + 4, 1000);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), OSI_ERR);

	/* interpret: the two lines Linux's prom_init may send, else a throw */
	ck_assert_uint_eq(ONE("interpret", S(0, "dev /memory 0 to allow-reclaim")), 0);
	memcpy(ram() + BUF, "\xca\xfe", 2);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "dev /chosen %x 2 %x 8 property ", BUF,
			 S(1, "linux,ok"));
		ck_assert_uint_eq(ONE("interpret", S(0, cmd)), 0);
	}
	ck_assert_uint_eq(ONE("getprop", find("/chosen"), S(1, "linux,ok"), BUF + 8, 4), 2);
	ck_assert_mem_eq(ram() + BUF + 8, "\xca\xfe", 2);
	ck_assert_uint_eq(ONE("interpret", S(0, "1 2 + .")), (uint32_t)-13);
	ck_assert_uint_eq(ONE("interpret", S(0, "dev /nope 0 0 0 0 property")), OSI_ERR);
	ck_assert_uint_eq(ONE("interpret", S(0, "dev /chosen zz 2 0 8 property")), (uint32_t)-13);
	ck_assert_uint_eq(ONE("interpret", S(0, "")), (uint32_t)-13);
	memset(ram() + STR, 'w', 0x400);
	ck_assert_uint_eq(ONE("interpret", STR), (uint32_t)-13);
}
END_TEST

START_TEST(time_quiesce_exit)
{
	uint32_t t0, t1;
	struct timespec ts = { 0, 30 * 1000 * 1000 };
	char out[64];

	ck_assert_uint_eq(call_at(ARGS, "milliseconds", 0, 1, NULL, &t0), 0);
	nanosleep(&ts, NULL);
	ck_assert_uint_eq(call_at(ARGS, "milliseconds", 0, 1, NULL, &t1), 0);
	ck_assert_uint_ge(t1 - t0, 25);
	ck_assert_uint_lt(t1 - t0, 5000);
	/* quiesce: the firmware still answers (Linux prints after it) */
	ck_assert_uint_eq(call_at(ARGS, "quiesce", 0, 0, NULL, NULL), 0);
	ck_assert(f.vm.osi->of.quiesced);
	memcpy(ram() + BUF, "after", 5);
	ck_assert_uint_eq(ONE("write", OF_IH_STDOUT, BUF, 5), 5);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 5);
	/* exit: the machine powers off, exit code 0 */
	ck_assert(!vm_stopping(&f.vm));
	ck_assert_uint_eq(call_at(ARGS, "exit", 0, 0, NULL, NULL), 0);
	ck_assert(vm_stopping(&f.vm));
	ck_assert_int_eq(f.vm.exit_code, 0);
}
END_TEST

/* MOL's RTAS PCI calls reach the machine's host bridge, bus 0 */
static bool fn_read(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t *val)
{
	(void)fn;
	if (off != 0 || len != 4)
		return false;
	*val = 0x00171106b;	/* device 0x17, Apple */
	return true;
}

static bool fn_write(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t val)
{
	(void)fn, (void)len;
	return off == 4 && val == 6;
}

static int no_attach(struct pci_host *h, int devno, struct pci_function *fn)
{
	(void)h, (void)devno, (void)fn;
	return 0;
}

START_TEST(rtas_pci_config)
{
	static const struct pci_function_ops fops = { .cfg_read = fn_read, .cfg_write = fn_write };
	static const struct pci_host_ops hops = { .attach = no_attach };
	static struct pci_function fn = { .name = "test", .ops = &fops };
	static struct pci_host host;
	uint64_t gpr[32];

	/* read-pci-config ( addr size -- status value ) */
	be32_store(ram() + ARGS, 0xabcdef09);
	be32_store(ram() + ARGS + 4, 2);
	be32_store(ram() + ARGS + 8, 2);
	be32_store(ram() + ARGS + 12, (5 << 3) << 8);	/* bus 0, dev 5, reg 0 */
	be32_store(ram() + ARGS + 16, 4);
	/* no host bridge: hardware error, all ones */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 20), (uint32_t)-1);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), 0xffffffff);
	pci_host_init(&host, &hops);
	ck_assert_int_eq(pci_host_attach(&host, 5, &fn), 0);
	f.vm.pci = &host;
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 20), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), 0x00171106b);
	/* an empty slot, another bus */
	be32_store(ram() + ARGS + 12, 6 << 8);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 20), (uint32_t)-1);
	be32_store(ram() + ARGS + 12, 1 << 16 | (5 << 3) << 8);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), 0xffffffff);
	/* write-pci-config ( addr size value -- status ) */
	be32_store(ram() + ARGS, 0xabcdef0a);
	be32_store(ram() + ARGS + 4, 3);
	be32_store(ram() + ARGS + 8, 1);
	be32_store(ram() + ARGS + 12, (5 << 3) << 8 | 4);
	be32_store(ram() + ARGS + 16, 2);
	be32_store(ram() + ARGS + 20, 6);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), 0);
	be32_store(ram() + ARGS + 20, 7);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_RTAS, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 24), (uint32_t)-1);
	f.vm.pci = NULL;
}
END_TEST

/* OSI OF_INTERFACE without a vCPU fd: the stub's call, physical addresses */
START_TEST(osi_entry)
{
	uint64_t gpr[32];

	be32_store(ram() + ARGS, S(15, "finddevice"));
	be32_store(ram() + ARGS + 4, 1);
	be32_store(ram() + ARGS + 8, 1);
	be32_store(ram() + ARGS + 12, S(0, "/rtas"));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_INTERFACE, ARGS), 0);
	ck_assert_uint_eq(be32_load(ram() + ARGS + 16), find("/rtas"));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_OF_RTAS), 1);
}
END_TEST

Suite *of_client_suite(void)
{
	Suite *s = suite_create("of_client");
	TCase *tc = tcase_create("services");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, unknown_and_malformed_calls);
	tcase_add_test(tc, tree_services);
	tcase_add_test(tc, console_instances);
	tcase_add_test(tc, disk_read_ends_at_the_stop);
	tcase_add_test(tc, disk_instances);
	tcase_add_test(tc, claim_and_release);
	tcase_add_test(tc, mmu_methods);
	tcase_add_test(tc, rtas_and_interpret);
	tcase_add_test(tc, time_quiesce_exit);
	tcase_add_test(tc, osi_entry);
	tcase_add_test(tc, rtas_pci_config);
	tcase_add_test(tc, nvram_instance);
	suite_add_tcase(s, tc);
	return s;
}
