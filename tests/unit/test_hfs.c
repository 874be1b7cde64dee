// SPDX-License-Identifier: GPL-2.0
/*
 * The HFS/HFS+ reader and the ROM search on volumes other software made:
 * HFS images from hfsutils (hformat, hmkdir, hcopy, hattrib -t/-c/-b),
 * HFS+ CD images from xorriso (-hfsplus, an Apple partition map), and
 * damaged copies of them: bad extents, a loop in the catalog's leaf
 * chain, truncated images and files, HFS wrappers, random damage.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../vmm/be.h"
#include "../../vmm/hfs.h"
#include "../../vmm/rom_search.h"
#include "../../vmm/vm.h"
#include "unit.h"

#define ROM_SIZE	300000
#define MAX		(32u << 20)

static char dir[64];
static uint8_t rom[ROM_SIZE];

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[2048];
	int n;
	va_list ap;

	/* hfsutils keeps its current volume in $HOME/.hcwd: one per test dir */
	n = snprintf(cmd, sizeof(cmd), "cd %s && export HOME=%s && (", dir, dir);
	va_start(ap, fmt);
	n += vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	snprintf(cmd + n, sizeof(cmd) - (size_t)n, ") >/dev/null 2>&1");
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

static char *path(const char *name)
{
	static char p[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static void setup(void)
{
	FILE *f;
	int i;

	snprintf(dir, sizeof(dir), "/tmp/molvm-hfs-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < ROM_SIZE; i++)
		rom[i] = (uint8_t)(i * 31 + i / 4096);
	memcpy(rom, "<CHRP-BOOT>", 11);
	f = fopen(path("rom.bin"), "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(rom, 1, sizeof(rom), f), sizeof(rom));
	fclose(f);
}

static void teardown(void)
{
	sh("rm -rf %s", dir);
}

/* An 8 MiB HFS disk: ":System Folder" with the ROM, a Finder and a
 * System; blessed or not. */
static void make_hfs(const char *img, bool bless, bool with_system)
{
	sh("dd if=/dev/zero of=%s bs=1M count=8 && hformat -l 'Macintosh HD' %s && "
	   "hmkdir ':System Folder' && hmkdir ':Other' && "
	   "hcopy -r rom.bin ':Other:Decoy' && hattrib -t TEXT -c ttxt ':Other:Decoy' && "
	   "hcopy -r rom.bin ':System Folder:Mac OS ROM' && "
	   "hattrib -t tbxi -c chrp ':System Folder:Mac OS ROM' && "
	   "hcopy -r /etc/hostname ':System Folder:Finder' && "
	   "hattrib -t FNDR -c MACS ':System Folder:Finder' && "
	   "if %s; then hcopy -r /etc/hostname ':System Folder:System' && "
	   "hattrib -t zsys -c MACS ':System Folder:System'; fi && "
	   "if %s; then hattrib -b ':System Folder'; fi && humount",
	   img, img, with_system ? "true" : "false", bless ? "true" : "false");
}

/* A CD image as xorriso makes one for Macs: ISO 9660 plus HFS+ behind an
 * Apple partition map, the System Folder blessed. */
static void make_cd(const char *img)
{
	sh("rm -rf cdroot && mkdir -p 'cdroot/System Folder' && "
	   "cp rom.bin 'cdroot/System Folder/Mac OS ROM' && echo f > 'cdroot/System Folder/Finder' && "
	   "xorriso -as mkisofs -hfsplus -hfsplus-file-creator-type chrp tbxi "
	   "'/System Folder/Mac OS ROM' -hfs-bless-by p '/System Folder' -V MACOS -o %s cdroot",
	   img);
}

static int find(const char *img, uint64_t base, uint64_t size, enum hfs_search how,
		struct hfs_file *f, char *err)
{
	struct hfs_dev dev;
	struct stat st;
	int fd = open(path(img), O_RDONLY), r;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	dev.fd = fd;
	dev.base = base;
	dev.size = size ? size : (uint64_t)st.st_size - base;
	err[0] = 0;
	r = hfs_find_rom(&dev, how, MAX, f, err, 256);
	close(fd);
	return r;
}

static int find_whole(const char *img, enum hfs_search how, char *err)
{
	struct hfs_file f;
	int r = find(img, 0, 0, how, &f, err);

	if (r == 1) {
		ck_assert_uint_eq(f.len, ROM_SIZE);
		ck_assert_mem_eq(f.data, rom, ROM_SIZE);
		free(f.data);
	}
	return r;
}

static void patch(const char *img, uint64_t off, const void *bytes, size_t n)
{
	int fd = open(path(img), O_RDWR);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, bytes, n, (off_t)off), (ssize_t)n);
	close(fd);
}

static void patch32(const char *img, uint64_t off, uint32_t v)
{
	uint8_t b[4];

	be32_store(b, v);
	patch(img, off, b, 4);
}

static void patch16(const char *img, uint64_t off, uint16_t v)
{
	uint8_t b[2];

	be16_store(b, v);
	patch(img, off, b, 2);
}

static void get(const char *img, uint64_t off, void *buf, size_t n)
{
	int fd = open(path(img), O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, buf, n, (off_t)off), (ssize_t)n);
	close(fd);
}

/* Where the ROM's catalog record is: its FInfo 'tbxi' 'chrp' is at +4 of
 * the record (HFS) or +48 (HFS+).  Returns the record's offset. */
static uint64_t find_record(const char *img, size_t finfo_at)
{
	static uint8_t buf[8 << 20];
	struct stat st;
	size_t i;
	int fd = open(path(img), O_RDONLY);

	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_int_le(st.st_size, sizeof(buf));
	ck_assert_int_eq(pread(fd, buf, (size_t)st.st_size, 0), st.st_size);
	close(fd);
	for (i = 0; i + 8 <= (size_t)st.st_size; i += 2)
		if (!memcmp(buf + i, "tbxichrp", 8) && i >= finfo_at)
			return i - finfo_at;
	ck_abort_msg("no catalog record with tbxi/chrp");
	return 0;
}

/* HFS: the MDB's catalog extent and the B-tree header it leads to */
struct hfs_layout {
	uint64_t ablk0;
	uint32_t blksize;
	uint64_t cat;		/* byte offset of the catalog file */
	uint32_t first_leaf, node_size, nodes;
};

static void hfs_layout(const char *img, struct hfs_layout *l)
{
	uint8_t mdb[512], hdr[64];

	get(img, 1024, mdb, sizeof(mdb));
	ck_assert_uint_eq(be16_load(mdb), 0x4244);
	l->ablk0 = (uint64_t)be16_load(mdb + 28) * 512;
	l->blksize = be32_load(mdb + 20);
	l->cat = l->ablk0 + (uint64_t)be16_load(mdb + 150) * l->blksize;
	get(img, l->cat, hdr, sizeof(hdr));
	l->first_leaf = be32_load(hdr + 14 + 10);
	l->node_size = be16_load(hdr + 14 + 18);
	l->nodes = be32_load(hdr + 14 + 22);
}

START_TEST(hfs_blessed_tbxi)
{
	char err[256];

	make_hfs("hd.img", true, true);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), 1);
	ck_assert_int_eq(find_whole("hd.img", HFS_MACOS_ROM, err), 1);
	/* not blessed: no "\\:tbxi"; the full search still finds it */
	make_hfs("nb.img", false, true);
	ck_assert_int_eq(find_whole("nb.img", HFS_BLESSED_TBXI, err), 0);
	ck_assert_int_eq(find_whole("nb.img", HFS_MACOS_ROM, err), 1);
	/* no System beside it: the full search passes it by, as MOL's did */
	make_hfs("ns.img", false, false);
	ck_assert_int_eq(find_whole("ns.img", HFS_MACOS_ROM, err), 0);
	ck_assert_str_eq(err, "");
}
END_TEST

START_TEST(hfsplus_cd_from_xorriso)
{
	struct mac_partition parts[8];
	struct hfs_file f;
	struct stat st;
	char err[256];
	int fd, n, i;

	make_cd("cd.iso");
	fd = open(path("cd.iso"), O_RDONLY);
	ck_assert_int_eq(fstat(fd, &st), 0);
	n = apm_partitions(fd, (uint64_t)st.st_size, parts, 8);
	close(fd);
	ck_assert_int_eq(n, 1);			/* one Apple_HFS among the entries */
	ck_assert_int_gt(parts[0].number, 1);
	ck_assert_int_eq(find("cd.iso", parts[0].base, parts[0].size, HFS_BLESSED_TBXI, &f, err),
			 1);
	ck_assert_str_eq(f.fstype, "HFS+");
	ck_assert_uint_eq(f.len, ROM_SIZE);
	ck_assert_mem_eq(f.data, rom, ROM_SIZE);
	free(f.data);
	/* HFSX (the case-sensitive variant) reads the same; another
	 * signature is no HFS volume */
	patch16("cd.iso", parts[0].base + 1024, 0x4858);		/* 'HX' */
	ck_assert_int_eq(find("cd.iso", parts[0].base, parts[0].size, HFS_BLESSED_TBXI, &f, err),
			 1);
	free(f.data);
	patch16("cd.iso", parts[0].base + 1024, 0x482d);
	ck_assert_int_eq(find("cd.iso", parts[0].base, parts[0].size, HFS_BLESSED_TBXI, &f, err),
			 0);
	patch16("cd.iso", parts[0].base + 1024, 0x482b);
	/* the whole image is ISO 9660 at 1024, not HFS */
	ck_assert_int_eq(find("cd.iso", 0, 0, HFS_BLESSED_TBXI, &f, err), 0);
	/* and an HFS wrapper around that HFS+ volume: an HFS MDB whose
	 * embedded extent is the HFS+ volume (512-byte blocks from 0) */
	{
		static uint8_t vol[4 << 20];
		uint8_t mdb[512] = { 0 };
		uint32_t nblk = (uint32_t)(parts[0].size / 512);

		ck_assert_uint_le(parts[0].size, sizeof(vol));
		get("cd.iso", parts[0].base, vol, parts[0].size);
		sh("dd if=/dev/zero of=wrap.img bs=512 count=%u", nblk + 64);
		patch("wrap.img", 64 * 512, vol, parts[0].size);
		be16_store(mdb, 0x4244);
		be16_store(mdb + 18, (uint16_t)(nblk + 64));	/* drNmAlBlks */
		be32_store(mdb + 20, 512);			/* drAlBlkSiz */
		be16_store(mdb + 28, 0);			/* drAlBlSt */
		be16_store(mdb + 124, 0x482b);			/* 'H+' */
		be16_store(mdb + 126, 64);
		be16_store(mdb + 128, (uint16_t)nblk);
		patch("wrap.img", 1024, mdb, sizeof(mdb));
		ck_assert_int_eq(find_whole("wrap.img", HFS_BLESSED_TBXI, err), 1);
		/* embedded extent past the wrapper */
		patch16("wrap.img", 1024 + 128, 0xffff);
		ck_assert_int_eq(find_whole("wrap.img", HFS_BLESSED_TBXI, err), -1);
		ck_assert_ptr_nonnull(strstr(err, "outside the wrapper"));
		/* an embedded volume that is not HFS+ */
		patch16("wrap.img", 1024 + 128, (uint16_t)nblk);
		patch16("wrap.img", 64 * 512 + 1024, 0x1234);
		ck_assert_int_eq(find_whole("wrap.img", HFS_BLESSED_TBXI, err), -1);
		ck_assert_ptr_nonnull(strstr(err, "not HFS+"));
	}
	for (i = 0; i < n; i++)
		ck_assert_uint_le(parts[i].base + parts[i].size, (uint64_t)st.st_size);
}
END_TEST

START_TEST(bad_extents)
{
	struct hfs_layout l;
	uint64_t rec;
	char err[256];

	make_hfs("hd.img", true, true);
	hfs_layout("hd.img", &l);
	/* the ROM's first data extent (filExtRec @74) far past the volume */
	rec = find_record("hd.img", 4);
	patch16("hd.img", rec + 74, 0xff00);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "extent"));
	/* the catalog's own extent (drCTExtRec) past the volume */
	make_hfs("hd.img", true, true);
	patch16("hd.img", 1024 + 152, 0xfff0);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "extent"));
	/* a file longer than its extents, with no overflow records */
	make_hfs("hd.img", true, true);
	rec = find_record("hd.img", 4);
	patch32("hd.img", rec + 26, ROM_SIZE + 4 * l.blksize);	/* filLgLen */
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "truncated"));
	/* a file larger than the ROM limit */
	make_hfs("hd.img", true, true);
	rec = find_record("hd.img", 4);
	patch32("hd.img", rec + 26, MAX + 1);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "larger"));
	/* a zero allocation block size */
	make_hfs("hd.img", true, true);
	patch32("hd.img", 1024 + 20, 0);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
}
END_TEST

START_TEST(catalog_loops)
{
	struct hfs_layout l;
	uint8_t node[16];
	char err[256];

	make_hfs("hd.img", true, true);
	hfs_layout("hd.img", &l);
	ck_assert_uint_ne(l.first_leaf, 0);
	/* the first leaf's forward link back to itself */
	patch32("hd.img", l.cat + (uint64_t)l.first_leaf * l.node_size, l.first_leaf);
	get("hd.img", l.cat + (uint64_t)l.first_leaf * l.node_size, node, sizeof(node));
	ck_assert_uint_eq(node[8], 0xff);		/* it is a leaf */
	ck_assert_int_eq(find_whole("hd.img", HFS_MACOS_ROM, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "loop"));
	/* to a node that is no leaf (the tree's last node is unused) */
	patch32("hd.img", l.cat + (uint64_t)l.first_leaf * l.node_size, l.nodes - 1);
	ck_assert_int_eq(find_whole("hd.img", HFS_MACOS_ROM, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "no leaf"));
	/* the header node as the first leaf */
	patch32("hd.img", l.cat + 14 + 10, 0);
	ck_assert_int_eq(find_whole("hd.img", HFS_MACOS_ROM, err), 0);	/* 0: empty tree */
	patch32("hd.img", l.cat + 14 + 10, l.first_leaf);
	/* past the tree */
	patch32("hd.img", l.cat + 14 + 10, 0x7fffffff);
	ck_assert_int_eq(find_whole("hd.img", HFS_MACOS_ROM, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "past the tree"));
	/* a node size that is no power of two, a node count past the file */
	make_hfs("hd.img", true, true);
	patch16("hd.img", l.cat + 14 + 18, 600);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	make_hfs("hd.img", true, true);
	patch32("hd.img", l.cat + 14 + 22, 0x00ffffff);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	/* a record offset out of its node */
	make_hfs("hd.img", true, true);
	patch16("hd.img", l.cat + (uint64_t)(l.first_leaf + 1) * l.node_size - 2, 0xfff0);
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	ck_assert_ptr_nonnull(strstr(err, "malformed"));
}
END_TEST

START_TEST(truncated_images)
{
	struct hfs_layout l;
	char err[256];

	make_hfs("hd.img", true, true);
	hfs_layout("hd.img", &l);
	/* cut the image inside the ROM's data */
	sh("truncate -s %llu hd.img", (unsigned long long)(l.cat + 16 * l.node_size));
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	/* cut inside the catalog */
	sh("truncate -s %llu hd.img", (unsigned long long)(l.cat + l.node_size / 2));
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), -1);
	/* no MDB at all: not HFS, no error */
	sh("truncate -s 1000 hd.img");
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), 0);
	sh("truncate -s 0 hd.img");
	ck_assert_int_eq(find_whole("hd.img", HFS_BLESSED_TBXI, err), 0);
}
END_TEST

/* Random damage to the catalog of both formats: whatever comes back, it
 * comes back (ASan/UBSan watch the reads). */
START_TEST(random_damage)
{
	struct mac_partition parts[4];
	struct hfs_layout l;
	struct hfs_file f;
	struct stat st;
	char err[256];
	unsigned int seed = 12345, i, j;
	int fd, n;

	make_hfs("hd.img", true, true);
	hfs_layout("hd.img", &l);
	sh("cp hd.img orig.img");
	for (i = 0; i < 150; i++) {
		sh("cp orig.img hd.img");
		for (j = 0; j < 8; j++) {
			uint8_t b = (uint8_t)rand_r(&seed);

			patch("hd.img", l.cat + (uint64_t)rand_r(&seed) % (8 * l.node_size), &b, 1);
		}
		if (find("hd.img", 0, 0, i & 1 ? HFS_MACOS_ROM : HFS_BLESSED_TBXI, &f, err) == 1)
			free(f.data);
	}
	make_cd("cd.iso");
	fd = open(path("cd.iso"), O_RDONLY);
	ck_assert_int_eq(fstat(fd, &st), 0);
	n = apm_partitions(fd, (uint64_t)st.st_size, parts, 4);
	close(fd);
	ck_assert_int_eq(n, 1);
	sh("cp cd.iso orig.iso");
	for (i = 0; i < 150; i++) {
		sh("cp orig.iso cd.iso");
		for (j = 0; j < 8; j++) {
			uint8_t b = (uint8_t)rand_r(&seed);

			patch("cd.iso", parts[0].base + 1024 + (uint64_t)rand_r(&seed) % 0x8000, &b,
			      1);
		}
		if (find("cd.iso", parts[0].base, parts[0].size,
			 i & 1 ? HFS_MACOS_ROM : HFS_BLESSED_TBXI, &f, err) == 1)
			free(f.data);
	}
}
END_TEST

/* MOL's order over the disks, partitions, -boot's hint */
START_TEST(search_order)
{
	struct drive_config d[3];
	struct rom_found out;
	char err[256];

	memset(d, 0, sizeof(d));
	sh("dd if=/dev/zero of=blank.img bs=1M count=1");
	make_hfs("nb.img", false, true);	/* not blessed, but has the ROM */
	make_cd("cd.iso");
	snprintf(d[0].file, sizeof(d[0].file), "%s", path("blank.img"));
	snprintf(d[1].file, sizeof(d[1].file), "%s", path("nb.img"));
	snprintf(d[2].file, sizeof(d[2].file), "%s", path("cd.iso"));
	d[2].cdrom = d[2].readonly = true;
	/* hint on the blank disk: round 3 takes the CD's blessed folder
	 * (the unblessed disk's ROM is only searched for on hinted disks) */
	d[0].boot = true;
	ck_assert_int_eq(rom_search(d, 3, MAX, &out, err, sizeof(err)), 1);
	ck_assert_int_eq(out.unit, 2);
	ck_assert_int_gt(out.partition, 1);
	ck_assert_str_eq(out.fstype, "HFS+");
	ck_assert_mem_eq(out.data, rom, ROM_SIZE);
	free(out.data);
	/* hint on the unblessed disk: its "Mac OS ROM" (round 2) wins */
	d[0].boot = false;
	d[1].boot = true;
	ck_assert_int_eq(rom_search(d, 3, MAX, &out, err, sizeof(err)), 1);
	ck_assert_int_eq(out.unit, 1);
	ck_assert_int_eq(out.partition, 0);
	ck_assert_str_eq(out.fstype, "HFS");
	free(out.data);
	/* nothing bootable: a clear reason */
	ck_assert_int_eq(rom_search(d, 1, MAX, &out, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "tbxi"));
	/* a damaged disk is named, and does not stop the search */
	make_hfs("bad.img", true, true);
	patch16("bad.img", 1024 + 152, 0xfff0);
	snprintf(d[0].file, sizeof(d[0].file), "%s", path("bad.img"));
	d[0].boot = true;
	d[1].boot = false;
	ck_assert_int_eq(rom_search(d, 3, MAX, &out, err, sizeof(err)), 1);
	ck_assert_int_eq(out.unit, 2);
	free(out.data);
	ck_assert_int_eq(rom_search(d, 1, MAX, &out, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "bad.img, partition 0"));
	/* a missing image */
	snprintf(d[0].file, sizeof(d[0].file), "%s", path("none.img"));
	ck_assert_int_eq(rom_search(d, 1, MAX, &out, err, sizeof(err)), 0);
}
END_TEST

/* Partition maps that lie */
START_TEST(hostile_partition_maps)
{
	struct mac_partition parts[40];
	uint8_t blk[512];
	int fd, i;

	sh("dd if=/dev/zero of=apm.img bs=512 count=64");
	memset(blk, 0, sizeof(blk));
	be16_store(blk, 0x4552);
	be16_store(blk + 2, 512);
	patch("apm.img", 0, blk, sizeof(blk));
	for (i = 1; i < 64; i++) {
		memset(blk, 0, sizeof(blk));
		be16_store(blk, 0x504d);
		be32_store(blk + 4, 0xffffffff);		/* map count: huge */
		be32_store(blk + 8, i == 2 ? 0xfffffff0 : (uint32_t)i);	/* #2 past the end */
		be32_store(blk + 12, 0xffffffff);		/* sizes past the end */
		memcpy(blk + 48, "Apple_HFS", 9);
		patch("apm.img", (uint64_t)i * 512, blk, sizeof(blk));
	}
	fd = open(path("apm.img"), O_RDONLY);
	i = apm_partitions(fd, 64 * 512, parts, 40);
	ck_assert_int_eq(i, 31);		/* 32 entries looked at, one past the end */
	for (i = 0; i < 31; i++)
		ck_assert_uint_le(parts[i].base + parts[i].size, 64 * 512);
	/* block size that is no block size */
	ck_assert_int_eq(apm_partitions(fd, 100, parts, 40), 0);
	close(fd);
	patch16("apm.img", 2, 3);
	fd = open(path("apm.img"), O_RDONLY);
	ck_assert_int_eq(apm_partitions(fd, 64 * 512, parts, 40), 0);
	close(fd);
}
END_TEST

Suite *hfs_suite(void)
{
	Suite *s = suite_create("hfs");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, hfs_blessed_tbxi);
	tcase_add_test(tc, hfsplus_cd_from_xorriso);
	tcase_add_test(tc, bad_extents);
	tcase_add_test(tc, catalog_loops);
	tcase_add_test(tc, truncated_images);
	tcase_add_test(tc, random_damage);
	tcase_add_test(tc, search_order);
	tcase_add_test(tc, hostile_partition_maps);
	suite_add_tcase(s, tc);
	return s;
}
