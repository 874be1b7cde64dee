// SPDX-License-Identifier: GPL-2.0
/* OSI ABLK: disk info, synchronous I/O, the request ring, bad input. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../devices/image.h"
#include "../../fdt/fdt_powermac.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/be.h"
#include "../../vmm/cpu_models.h"
#include "../../vmm/powermac_boot.h"
#include "osi_call.h"

#define IMG_SIZE	(64 * 1024)
#define RING		0x10000
#define BUF		0x20000

static char img_path[] = "/tmp/molvm-ablk-XXXXXX";

static void make_image(void)
{
	static uint8_t data[IMG_SIZE];
	int fd = mkstemp(img_path), i;

	ck_assert_int_ge(fd, 0);
	for (i = 0; i < IMG_SIZE; i++)
		data[i] = (uint8_t)(i / 512 + i * 7);
	ck_assert_int_eq(write(fd, data, IMG_SIZE), IMG_SIZE);
	close(fd);
}

static void read_image(off_t off, void *buf, size_t len)
{
	int fd = open(img_path, O_RDONLY);

	ck_assert_int_eq(pread(fd, buf, len, off), (ssize_t)len);
	close(fd);
}

static int init_drive(struct fake_vm *f, bool readonly)
{
	static struct drive_config drive;
	static struct pmac_boot boot;

	snprintf(drive.file, sizeof(drive.file), "%s", img_path);
	drive.readonly = readonly;
	drive.boot = true;		/* the only drive gets the hint (cli_boot_hint) */
	return fake_powermac_try_init(f, 1 << 20, NULL, &drive, 1, false, &boot);
}

static void init_with_drive(struct fake_vm *f, const char *opts)
{
	ck_assert_int_eq(init_drive(f, !strcmp(opts, ",readonly=on")), 0);
}

/* An interrupt controller that counts the interrupts ABLK signals. */
static unsigned int raised;

static void count_raise(void *opaque, uint32_t nr, int level)
{
	(void)opaque;
	(void)nr;
	if (level)
		raised++;
}

static const struct irq_chip counter = { .name = "counter", .set_level = count_raise };

static void desc_at(struct fake_vm *f, uint32_t ring, int i, uint32_t flags, uint32_t proceed,
		    uint32_t a, uint32_t b)
{
	uint8_t *d = f->vm.mem.host + ring + 16 * i;

	be32_store(d, flags);
	be32_store(d + 4, proceed);
	be32_store(d + 8, a);
	be32_store(d + 12, b);
}

static void desc(struct fake_vm *f, int i, uint32_t flags, uint32_t proceed, uint32_t a,
		 uint32_t b)
{
	desc_at(f, RING, i, flags, proceed, a, b);
}

/* Images that cannot be a disk: missing, a directory, less than a sector. */
START_TEST(bad_images_refused)
{
	struct fake_vm f;
	int fd;

	strcpy(img_path, "/nonexistent/disk.img");
	ck_assert_int_eq(init_drive(&f, false), -1);
	fake_vm_destroy(&f);
	strcpy(img_path, "/tmp");
	ck_assert_int_eq(init_drive(&f, true), -1);
	fake_vm_destroy(&f);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
	fd = mkstemp(img_path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "short", 5), 5);
	close(fd);
	ck_assert_int_eq(init_drive(&f, false), -1);
	ck_assert_ptr_null(f.vm.osi);
	fake_vm_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

START_TEST(info_and_sync_io)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t want[1024];

	make_image();
	init_with_drive(&f, "");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_DISK_INFO, 0, 0), 0);
	ck_assert_uint_eq(gpr[4], IMG_SIZE / 512);
	ck_assert_uint_eq(gpr[5], 4 | 8);	/* media present, boot hint */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_DISK_INFO, 0, 1), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_DISK_INFO, 1, 0), OSI_ERR);

	/* Sectors 3-4 into RAM */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 3, BUF, 1024), 0);
	read_image(3 * 512, want, 1024);
	ck_assert_mem_eq(f.vm.mem.host + BUF, want, 1024);
	/* ... and written to sector 100 */
	memset(f.vm.mem.host + BUF, 0xab, 512);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_WRITE, 0, 0, 100, BUF, 512), 0);
	read_image(100 * 512, want, 512);
	ck_assert_uint_eq(want[0], 0xab);
	ck_assert_uint_eq(want[511], 0xab);
	/* Past the end, outside RAM: -1 */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 128, BUF, 512), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 127, BUF, 1024), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 0xffffffff, BUF, 512),
			  OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 0, 0xfffff000, 8192),
			  OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_BLESS_DISK, 0, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_BLESS_DISK, 0, 5), OSI_ERR);
	fake_powermac_destroy(&f);

	/* Read-only: writes fail, DISK_INFO says so. */
	init_with_drive(&f, ",readonly=on");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_DISK_INFO, 0, 0), 0);
	ck_assert_uint_eq(gpr[5] & 1, 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_WRITE, 0, 0, 1, BUF, 512), OSI_ERR);
	fake_powermac_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

START_TEST(ring_read_and_write)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t want[1536];

	make_image();
	init_with_drive(&f, "");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, RING, 8), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);	/* start */
	ck_assert_uint_eq(be32_load(f.vm.mem.host + RING), 0x100);	/* el0 = NOP */

	/* el1: read unit 0 from sector 2, into two buffers (el2, el3) */
	desc(&f, 1, 1, 1, 0, 2);
	desc(&f, 2, 8, 1, BUF, 1024);
	desc(&f, 3, 8, 0, BUF + 0x1000, 512);
	desc(&f, 0, 0x100, 1, 0, 0);		/* el0.proceed last, as a driver does */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	/* Done (no event loop in tests: at once); the interrupt is up. */
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_ABLK));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0), 1);
	ck_assert_uint_eq(gpr[4], 3);		/* three descriptors */
	ck_assert_uint_eq(gpr[5], 0);		/* not active */
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_ABLK));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0), 0);
	read_image(2 * 512, want, 1536);
	ck_assert_mem_eq(f.vm.mem.host + BUF, want, 1024);
	ck_assert_mem_eq(f.vm.mem.host + BUF + 0x1000, want + 1024, 512);
	/* Consumed slots are cleared for reuse. */
	ck_assert_uint_eq(be32_load(f.vm.mem.host + RING + 4), 0);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + RING + 16), 0);

	/* el4: write sector 10 from one buffer (el3 is the head now) */
	memset(f.vm.mem.host + BUF, 0x5c, 512);
	desc(&f, 4, 2, 1, 0, 10);
	desc(&f, 5, 8, 0, BUF, 512);
	desc(&f, 3, 0, 1, 0, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0), 1);
	ck_assert_uint_eq(gpr[4], 5);
	read_image(10 * 512, want, 512);
	ck_assert_uint_eq(want[0], 0x5c);
	ck_assert_uint_eq(want[511], 0x5c);

	/* A bad unit stops the engine; later kicks do nothing. */
	desc(&f, 6, 1, 0, 7, 0);
	desc(&f, 5, 0, 1, 0, 0);	/* el5, the head, proceeds */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0), 1);
	ck_assert_uint_eq(gpr[4], 5);
	ck_assert(!f.vm.osi->ablk.running);
	fake_powermac_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

/* ABLK_RAISE_IRQ (ablk_sh.h 4) on a buffer: an interrupt as soon as it is
 * done when more descriptors follow, as MOL's do_work; the stall's
 * interrupt comes regardless. */
START_TEST(ring_raise_irq_per_request)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t want[512];

	make_image();
	init_with_drive(&f, "");
	irq_connect(&f.vm.osi->ablk.irq, &counter, NULL, 0);
	raised = 0;
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, RING, 8), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);
	/* two reads, each one flagged buffer: sector 4 -> BUF, 5 -> BUF+0x1000 */
	desc(&f, 1, 1, 1, 0, 4);
	desc(&f, 2, 8 | 4, 1, BUF, 512);
	desc(&f, 3, 1, 1, 0, 5);
	desc(&f, 4, 8 | 4, 0, BUF + 0x1000, 512);
	desc(&f, 0, 0x100, 1, 0, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	/* the first buffer had a successor: one early interrupt; the second
	 * ends the ring: the stall's */
	ck_assert_uint_eq(raised, 2);
	ck_assert(irq_level(&f.vm.osi->ablk.irq));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0), 1);
	ck_assert_uint_eq(gpr[4], 4);
	read_image(4 * 512, want, 512);
	ck_assert_mem_eq(f.vm.mem.host + BUF, want, 512);
	read_image(5 * 512, want, 512);
	ck_assert_mem_eq(f.vm.mem.host + BUF + 0x1000, want, 512);

	/* unflagged buffers with successors: no early interrupt */
	desc(&f, 5, 1, 1, 0, 6);
	desc(&f, 6, 8, 1, BUF, 512);
	desc(&f, 7, 1, 1, 0, 7);
	desc(&f, 0, 8, 0, BUF + 0x1000, 512);
	desc(&f, 4, 0, 1, 0, 0);		/* el4, the head, proceeds */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	ck_assert_uint_eq(raised, 3);				/* the stall's only */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0), 1);
	ck_assert_uint_eq(gpr[4], 8);

	/* a flagged buffer outside RAM: the engine stops, no early interrupt */
	desc(&f, 1, 1, 1, 0, 8);
	desc(&f, 2, 8 | 4, 1, 0xfffff000, 512);
	desc(&f, 3, 1, 0, 0, 9);
	desc(&f, 0, 0, 1, 0, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	ck_assert_uint_eq(raised, 4);				/* the stop's only */
	ck_assert(!f.vm.osi->ablk.running);
	fake_powermac_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

START_TEST(ring_hostile)
{
	struct fake_vm f;
	uint64_t gpr[32];

	make_image();
	init_with_drive(&f, ",readonly=on");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), OSI_ERR);	/* no ring */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, RING, 6), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, RING, 0), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, 0xfffff000, 8), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, (1 << 20) - 64, 8), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 1, RING, 8), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, RING, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);
	/* Write to a read-only drive through the ring: the engine stops. */
	desc(&f, 1, 2, 1, 0, 0);
	desc(&f, 2, 8, 0, BUF, 512);
	desc(&f, 0, 0x100, 1, 0, 0);
	osi_calln(&f, gpr, OSI_ABLK_KICK, 0);
	ck_assert(!f.vm.osi->ablk.running);
	/* SG buffer outside RAM, after a restart */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);
	desc(&f, 1, 1, 1, 0, 0);
	desc(&f, 2, 8, 0, 0xfffff000, 512);
	desc(&f, 0, 0x100, 1, 0, 0);
	osi_calln(&f, gpr, OSI_ABLK_KICK, 0);
	ck_assert(!f.vm.osi->ablk.running);
	/* Every descriptor proceeding: one pass over the ring, then stop. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);
	desc(&f, 0, 0x100, 1, 0, 0);
	desc(&f, 1, 0x100, 1, 0, 0);
	desc(&f, 2, 0x100, 1, 0, 0);
	desc(&f, 3, 0x100, 1, 0, 0);
	osi_calln(&f, gpr, OSI_ABLK_KICK, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 99), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 5, 9), OSI_ERR);
	fake_powermac_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

/* SYNC_READ/SYNC_WRITE run on the vCPU thread, up to 4 GiB: once the VM
 * stops they end (between two pieces), rather than keep its exit waiting. */
START_TEST(sync_io_ends_when_the_vm_stops)
{
	struct fake_vm f;
	uint64_t gpr[32];

	make_image();
	init_with_drive(&f, "");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 0, BUF, 4096), 0);
	atomic_store(&f.vm.stopping, true);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_SYNC_READ, 0, 0, 0, BUF, 4096), OSI_ERR);
	fake_powermac_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

#define BIG_RING	0x80000
#define BIG_N		16384

/*
 * With its I/O thread, a kick returns at once and the ring is worked
 * through there (it used to be the main loop: hours of I/O for a ring of
 * requests of gigabytes, with signals and -qmp waiting).  CNTRL stop ends
 * the pass in progress before it returns, and nothing happens after.
 */
START_TEST(ring_on_the_io_thread_stops_on_request)
{
	struct fake_vm f;
	struct ablk *a;
	uint64_t gpr[32];
	uint8_t want[512];
	uint32_t done;
	int i;

	make_image();
	init_with_drive(&f, "");
	a = &f.vm.osi->ablk;
	ck_assert_int_eq(ablk_start(&f.vm, a), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_RING_SETUP, 0, BIG_RING, BIG_N), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);
	/* 8191 requests of 64 KiB: 512 MiB of reads into one buffer. */
	for (i = 1; i < BIG_N - 1; i += 2) {
		desc_at(&f, BIG_RING, i, 1, 1, 0, 0);
		desc_at(&f, BIG_RING, i + 1, 8, i + 2 < BIG_N - 1, BUF, IMG_SIZE);
	}
	desc_at(&f, BIG_RING, 0, 0x100, 1, 0, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 2), 0);	/* stop */
	pthread_mutex_lock(&a->lock);
	ck_assert(!a->active && !a->running);
	done = a->n_requests;
	pthread_mutex_unlock(&a->lock);
	ck_assert_uint_lt(done, BIG_N - 2);
	usleep(50000);
	pthread_mutex_lock(&a->lock);
	ck_assert_uint_eq(a->n_requests, done);		/* nothing after the stop */
	pthread_mutex_unlock(&a->lock);
	/* Started again, the engine serves a request. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_CNTRL, 0, 3), 0);
	desc_at(&f, BIG_RING, 1, 1, 1, 0, 3);
	desc_at(&f, BIG_RING, 2, 8, 0, BUF, 512);
	desc_at(&f, BIG_RING, 0, 0x100, 1, 0, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ABLK_KICK, 0), 0);
	for (i = 0; i < 500 && osi_calln(&f, gpr, OSI_ABLK_IRQ_ACK, 0) != 1; i++)
		usleep(10000);
	ck_assert_uint_eq(gpr[4], 2);
	read_image(3 * 512, want, 512);
	ck_assert_mem_eq(f.vm.mem.host + BUF, want, 512);
	fake_powermac_destroy(&f);
	unlink(img_path);
	strcpy(img_path, "/tmp/molvm-ablk-XXXXXX");
}
END_TEST

/* devices/image.c: I/O in pieces of IMAGE_IO_PIECE; a cancel before a
 * piece ends it there. */
START_TEST(image_io_in_pieces)
{
	static uint8_t data[3 * IMAGE_IO_PIECE + 5], back[sizeof(data)];
	char path[] = "/tmp/molvm-image-XXXXXX";
	atomic_bool cancel = false;
	int fd = mkstemp(path);
	size_t i;

	ck_assert_int_ge(fd, 0);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 31 + i / 4096);
	ck_assert_int_eq(image_rw(fd, data, sizeof(data), 7, true, &cancel, NULL), 0);
	ck_assert_int_eq(image_rw(fd, back, sizeof(back), 7, false, NULL, NULL), 0);
	ck_assert_mem_eq(back, data, sizeof(data));
	ck_assert_int_eq(image_rw(fd, back, 16, sizeof(data) + 7 - 8, false, NULL, NULL), -1);
	atomic_store(&cancel, true);
	memset(back, 0, sizeof(back));
	ck_assert_int_eq(image_rw(fd, back, sizeof(back), 7, false, &cancel, NULL), -1);
	ck_assert_uint_eq(back[0], 0);
	/* the VM's stop ends it the same way */
	ck_assert_int_eq(image_rw(fd, back, sizeof(back), 7, false, NULL, &cancel), -1);
	ck_assert_uint_eq(back[0], 0);
	close(fd);
	unlink(path);
}
END_TEST

Suite *osi_ablk_suite(void)
{
	Suite *s = suite_create("osi_ablk");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, bad_images_refused);
	tcase_add_test(tc, info_and_sync_io);
	tcase_add_test(tc, ring_read_and_write);
	tcase_add_test(tc, ring_raise_irq_per_request);
	tcase_add_test(tc, ring_hostile);
	tcase_add_test(tc, sync_io_ends_when_the_vm_stops);
	tcase_add_test(tc, ring_on_the_io_thread_stops_on_request);
	tcase_add_test(tc, image_io_in_pieces);
	suite_add_tcase(s, tc);
	return s;
}
