// SPDX-License-Identifier: GPL-2.0
/* OSI on the powermac machine: the selector table, time, NVRAM, TTY, BOOT_HELPER. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../devices/console.h"
#include "../../fdt/fdt_powermac.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/cpu_models.h"
#include "../../vmm/powermac_boot.h"
#include "osi_call.h"

void fake_powermac_tree(void *fdt, size_t size, uint64_t ram, unsigned int nr_drives,
			bool of_client, struct pmac_boot *boot)
{
	char err[128];
	struct powermac_fdt_params p = {
		.cpu = cpu_model_find("7447a"), .ram_size = ram,
		.timebase_freq = TEST_TB_FREQ, .clock_freq = 1000000000, .bus_freq = 133333333,
		.nvram_size = OSI_NVRAM_BYTES,
		.fb_base = OSI_FB_BASE, .fb_size = OSI_FB_SIZE,
		.irq_tty = OSI_IRQ_TTY, .irq_video = OSI_IRQ_VIDEO, .irq_ablk = OSI_IRQ_ABLK,
		.irq_kbd = OSI_IRQ_KBD, .irq_mouse = OSI_IRQ_MOUSE,
		.nr_drives = nr_drives, .claimed = &boot->phys,
	};

	ck_assert_int_eq(pmac_boot_layout(boot, ram, of_client, 0, 0, 0, 0, 0, err, sizeof(err)),
			 0);
	ck_assert_int_eq(fdt_powermac_build(fdt, size, &p), 0);
}

int fake_powermac_try_init(struct fake_vm *f, uint64_t ram, const char *nvram,
			   const struct drive_config *drives, int nr_drives, bool of_client,
			   struct pmac_boot *boot)
{
	static _Alignas(8) uint8_t fdt[0x8000];	/* libfdt wants 8-byte alignment */

	fake_vm_init(f, ram);
	fake_powermac_tree(fdt, sizeof(fdt), ram, (unsigned int)nr_drives, of_client, boot);
	return osi_devices_init(&f->vm, TEST_TB_FREQ, fdt, nvram, drives, nr_drives, NULL, boot);
}

void fake_powermac_init_with(struct fake_vm *f, uint64_t ram, const char *nvram,
			     const struct drive_config *drives, int nr_drives, bool of_client,
			     struct pmac_boot *boot)
{
	ck_assert_int_eq(fake_powermac_try_init(f, ram, nvram, drives, nr_drives, of_client,
						boot), 0);
}

void fake_powermac_init(struct fake_vm *f, uint64_t ram, const char *nvram)
{
	static struct pmac_boot boot;

	fake_powermac_init_with(f, ram, nvram, NULL, 0, false, &boot);
}

void fake_powermac_destroy(struct fake_vm *f)
{
	osi_devices_free(&f->vm);
	fake_vm_destroy(f);
}

uint32_t osi_call5(struct fake_vm *f, uint64_t *gpr, uint32_t sel, uint32_t a0,
		   uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
	memset(gpr, 0, 32 * sizeof(*gpr));
	gpr[3] = OSI_SC_MAGIC_R3;
	gpr[4] = OSI_SC_MAGIC_R4;
	gpr[5] = sel;
	gpr[6] = a0;
	gpr[7] = a1;
	gpr[8] = a2;
	gpr[9] = a3;
	gpr[10] = a4;
	osi_dispatch(&f->vm.vcpus[0], gpr);
	return (uint32_t)gpr[3];
}

/* MOL 0.9.72's obsolete/unused numbers (osi.h comments, shared/OSI.md). */
static const int unused[] = { 2, 3, 5, 6, 15, 34, 37, 43, 44, 45, 46, 48, 49, 66, 67,
			      75, 87, 88, 94, 95 };

START_TEST(table_accounts_for_all_100)
{
	int sel, i, named = 0;

	for (sel = 0; sel < OSI_NR_SELECTORS; sel++) {
		bool is_unused = false;

		for (i = 0; i < (int)(sizeof(unused) / sizeof(unused[0])); i++)
			is_unused |= unused[i] == sel;
		/* A name exactly for the numbers MOL defines. */
		ck_assert_msg(!osi_name(sel) == is_unused, "selector %d", sel);
		named += osi_name(sel) != NULL;
	}
	ck_assert_int_eq(named, 80);
	ck_assert_ptr_null(osi_name(100));
	ck_assert_str_eq(osi_name(OSI_PROM_IFACE), "PROM_IFACE");
	ck_assert_str_eq(osi_name(OSI_TTY_IRQ_ACK), "TTY_IRQ_ACK");
}
END_TEST

START_TEST(call_available_per_machine)
{
	struct fake_vm f;
	uint64_t gpr[32];

	/* pseries (no OSI devices): NVRAM is not there. */
	fake_vm_init(&f, 1 << 20);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_NVRAM_SIZE), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_NVRAM_SIZE, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_GET_GMT_TIME), 1);
	fake_vm_destroy(&f);

	fake_powermac_init(&f, 1 << 20, NULL);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_NVRAM_SIZE), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_PROM_IFACE), 1);
	/* Defined by MOL, not provided: sound. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_SOUND_WRITE), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_SOUND_WRITE, 0x1000, 16, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, 75), 0);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(time_calls)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint32_t gmt, local;
	time_t now = time(NULL);
	struct tm tm;

	fake_powermac_init(&f, 1 << 20, NULL);
	gmt = osi_calln(&f, gpr, OSI_GET_GMT_TIME, 0);
	ck_assert_uint_le((uint32_t)now, gmt);
	ck_assert_uint_le(gmt, (uint32_t)now + 2);
	localtime_r(&now, &tm);
	local = osi_calln(&f, gpr, OSI_GET_LOCALTIME, 0);
	/* 2,082,844,800 s from 1904 to 1970 (MOL's 0x7C25B080). */
	ck_assert_int_le(abs((int)(local - (gmt + 2082844800U + (uint32_t)tm.tm_gmtoff))), 2);

	/* 512 MHz timebase: 512 ticks per microsecond. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MTICKS_TO_USECS, 512000000), 1000000);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_USECS_TO_MTICKS, 1000), 512000);
	/* No 32-bit overflow inside: 4e9 ticks = 7812500 us. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_MTICKS_TO_USECS, 4000000000U), 7812500);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_USLEEP, 1000), 0);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(usleep_is_capped)
{
	struct fake_vm f;
	uint64_t gpr[32];
	struct timespec a, b;

	fake_powermac_init(&f, 1 << 20, NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	osi_calln(&f, gpr, OSI_USLEEP, 0xffffffff);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ck_assert_int_le(b.tv_sec - a.tv_sec, 2);
	fake_powermac_destroy(&f);
}
END_TEST

/* A new NVRAM: MOL's partitions, a chain that covers the 8 KiB exactly,
 * each header's checksum right (CHRP: signature + bytes 2..15, carry
 * folded in) */
START_TEST(nvram_default_partitions)
{
	/* nvram.dist's first 16 bytes: its Mac OS partition header */
	static const uint8_t macos_hdr[16] = { 0xa0, 0x1d, 0x00, 0x51, 'A', 'P', 'L', ',', 'M',
					       'a', 'c', 'O', 'S', '7', '5', 0 };
	static const struct { uint8_t sig; const char *name; uint32_t len; } want[] = {
		{ 0xa0, "APL,MacOS75", 0x510 }, { 0x70, "common", 0xc10 },
		{ 0x7f, "wwwwwwwwwwww", 0xee0 },
	};
	uint8_t nv[OSI_NVRAM_BYTES];
	uint32_t off = 0, i, j;

	memset(nv, 0x55, sizeof(nv));
	osi_nvram_default(nv);
	ck_assert_mem_eq(nv, macos_hdr, 16);
	for (i = 0; i < 3; i++) {
		uint8_t *h = nv + off;
		unsigned int sum = h[0];
		char name[13] = { 0 };

		for (j = 2; j < 16; j++) {
			sum += h[j];
			sum = (sum & 0xff) + (sum >> 8);
		}
		memcpy(name, h + 4, 12);
		ck_assert_uint_eq(h[0], want[i].sig);
		ck_assert_str_eq(name, want[i].name);
		ck_assert_uint_eq((h[2] << 8 | h[3]) * 16u, want[i].len);
		ck_assert_uint_eq(h[1], sum & 0xff);
		for (j = 16; j < want[i].len; j++)
			ck_assert_uint_eq(h[j], 0);
		off += want[i].len;
	}
	ck_assert_uint_eq(off, OSI_NVRAM_BYTES);
}
END_TEST

/* Guest user mode: nothing by default; on a Mac OS boot everything but the
 * firmware's selectors */
START_TEST(user_mode_policy)
{
	static const uint32_t firmware_only[] = { OSI_OF_INTERFACE, OSI_OF_TRAP, OSI_OF_RTAS,
						  OSI_PROM_IFACE, OSI_PROM_PATH_IFACE,
						  OSI_BOOT_HELPER, OSI_EMUACCEL, OSI_MAPIN_MREGS };
	struct fake_vm f;
	uint32_t sel;
	size_t i;

	fake_powermac_init(&f, 1 << 20, NULL);
	for (sel = 0; sel < OSI_NR_SELECTORS + 10; sel++)
		ck_assert_msg(!osi_user_allowed(&f.vm, sel), "selector %u", sel);
	f.vm.osi_from_user = true;
	ck_assert(osi_user_allowed(&f.vm, OSI_ABLK_SYNC_READ));
	ck_assert(osi_user_allowed(&f.vm, OSI_ENET_SEND_PACKET));
	ck_assert(osi_user_allowed(&f.vm, OSI_GET_MOUSE));
	ck_assert(osi_user_allowed(&f.vm, OSI_SET_VMODE));
	for (i = 0; i < sizeof(firmware_only) / sizeof(firmware_only[0]); i++)
		ck_assert_msg(!osi_user_allowed(&f.vm, firmware_only[i]), "selector %u",
			      firmware_only[i]);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(nvram_bytes_and_file)
{
	char path[] = "/tmp/molvm-nvram-XXXXXX";
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t img[OSI_NVRAM_BYTES];
	FILE *fp;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);		/* a missing image starts with MOL's partitions */

	fake_powermac_init(&f, 1 << 20, path);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_NVRAM_SIZE, 0), 0x2000);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_READ_NVRAM_BYTE, 5), 'P');	/* "APL,..." */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_READ_NVRAM_BYTE, 0x20), 0);
	osi_calln(&f, gpr, OSI_WRITE_NVRAM_BYTE, 5, 0x1a5);	/* low byte only */
	osi_calln(&f, gpr, OSI_WRITE_NVRAM_BYTE, 0x1fff, 0x42);
	osi_calln(&f, gpr, OSI_WRITE_NVRAM_BYTE, 0x2000, 0x99);	/* ignored */
	osi_calln(&f, gpr, OSI_WRITE_NVRAM_BYTE, 0xffffffff, 0x99);	/* ignored */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_READ_NVRAM_BYTE, 5), 0xa5);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_READ_NVRAM_BYTE, 0x2000), 0);
	ck_assert_int_eq(osi_devices_save(&f.vm), 0);
	fake_powermac_destroy(&f);

	fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fread(img, 1, sizeof(img), fp), sizeof(img));
	ck_assert_int_eq(fgetc(fp), EOF);
	fclose(fp);
	ck_assert_uint_eq(img[5], 0xa5);
	ck_assert_uint_eq(img[0x1fff], 0x42);
	ck_assert_uint_eq(img[6], 'L');

	/* Second run: the bytes come back. */
	fake_powermac_init(&f, 1 << 20, path);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_READ_NVRAM_BYTE, 0x1fff), 0x42);
	fake_powermac_destroy(&f);

	/* A file of the wrong size is refused. */
	fp = fopen(path, "ab");
	fputc(0, fp);
	fclose(fp);
	fake_vm_init(&f, 1 << 20);
	{
		static _Alignas(8) uint8_t fdt[0x8000];
		struct pmac_boot boot;

		fake_powermac_tree(fdt, sizeof(fdt), 1 << 20, 0, false, &boot);
		ck_assert_int_eq(osi_devices_init(&f.vm, TEST_TB_FREQ, fdt, path, NULL, 0, NULL,
						  &boot), -1);
		ck_assert_ptr_null(f.vm.osi);
	}
	fake_vm_destroy(&f);
	unlink(path);
}
END_TEST

START_TEST(tty_putc_getc)
{
	struct fake_vm f;
	uint64_t gpr[32];
	char out[8];

	fake_powermac_init(&f, 1 << 20, NULL);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_PUTC, 'T'), 1);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 1);
	ck_assert_str_eq(out, "T");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_GETC, 0), OSI_ERR);
	console_input(f.vm.con, (const unsigned char *)"k", 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_GETC, 0), 'k');
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_GETC, 0), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_IRQ_ACK, 0), 0);

	/* Input raises the TTY interrupt; the ack lowers it once drained. */
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_TTY));
	console_input(f.vm.con, (const unsigned char *)"z", 1);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_TTY));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_IRQ_ACK, 0), 0);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_TTY));		/* still waiting */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_GETC, 0), 'z');
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_TTY_IRQ_ACK, 0), 0);
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_TTY));
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(boot_helper)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t *ram;
	static const uint8_t uni[] = { 0, 'M', 0, 'a', 0, 'c', 0, 0 };

	fake_powermac_init(&f, 1 << 20, NULL);
	ram = f.vm.mem.host;
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_GET_RAM_SIZE), 1 << 20);

	strcpy((char *)ram + 0x1000, "Mac");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_ASCII2UNICODE,
				    0x2000, 0x1000, 64), 3);
	ck_assert_mem_eq(ram + 0x2000, uni, sizeof(uni));
	/* maxlen counts the NUL: 3 gives two characters. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_ASCII2UNICODE,
				    0x3000, 0x1000, 3), 2);
	/* UTF-16 with a non-Latin-1 character, which is dropped. */
	memcpy(ram + 0x4000, "\0O\x26\x3a\0K", 6);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_UNICODE2ASCII,
				    0x5000, 0x4000, 3, 16), 2);
	ck_assert_str_eq((char *)ram + 0x5000, "OK");

	/* Outside RAM, unknown codes: -1, and the VM keeps going. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_ASCII2UNICODE,
				    0xfffffff0, 0x1000, 64), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_UNICODE2ASCII,
				    0x5000, 0xfffffffe, 3, 16), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, 99), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_BOOT_HELPER, OSI_BOOTH_GET_STR_RES,
				    0x1000, 0x2000, 16), 0);
	fake_powermac_destroy(&f);
}
END_TEST

Suite *osi_devices_suite(void)
{
	Suite *s = suite_create("osi_devices");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, table_accounts_for_all_100);
	tcase_add_test(tc, call_available_per_machine);
	tcase_add_test(tc, time_calls);
	tcase_add_test(tc, usleep_is_capped);
	tcase_add_test(tc, nvram_bytes_and_file);
	tcase_add_test(tc, nvram_default_partitions);
	tcase_add_test(tc, user_mode_policy);
	tcase_add_test(tc, tty_putc_getc);
	tcase_add_test(tc, boot_helper);
	suite_add_tcase(s, tc);
	return s;
}
