// SPDX-License-Identifier: GPL-2.0
/*
 * Open Firmware instances (IEEE 1275 6.3.2.4 "Device I/O"): open turns a
 * device specifier into an ihandle, and read/write/seek/call-method work
 * on it.  What can be opened here:
 *   - the console (the node /chosen's stdout is open on, and MOL's
 *     mol-tty): write = molvm's console output, read = its input
 *     (0 bytes when nothing was typed; never blocks);
 *   - a disk of mol-blk (one per -drive): the whole image, seek/read/
 *     write at byte positions, the block methods;
 *   - a display that has a framebuffer ("address"): color!;
 *   - an nvram node (mac-io's, MOL's mol-nvram): the machine's NVRAM,
 *     seek/read/write at byte positions and "size", as MOL's firmware
 *     served it (openbios packages/nvram.c);
 *   - /memory, the CPU (the "mmu"), /rtas: their methods only.
 * Anything else fails to open (0).  A device specifier's arguments are
 * kept (instance-to-path gives them back); a disk takes none or "0"
 * (the whole disk): molvm's firmware has no partition or file-system
 * packages, so "disk@0:3,\\yaboot" fails to open rather than read the
 * wrong bytes.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../devices/console.h"
#include "../devices/image.h"
#include "../vmm/vm.h"
#include "of_client.h"
#include "of_fw.h"
#include "osi_devices.h"

#define DISK_BLOCK	512

struct of_instance *of_instance(struct of_fw *fw, uint32_t ih)
{
	uint32_t slot = ih & 0xff, gen = (ih >> 8) & 0xffff;

	if ((ih & 0xff000000u) != OF_IHANDLE(0, 0) || slot >= OF_MAX_INSTANCES)
		return NULL;
	if (fw->inst[slot].type == OF_INST_FREE || fw->inst[slot].gen != gen)
		return NULL;
	return &fw->inst[slot];
}

uint32_t of_instance_new(struct of_fw *fw, enum of_inst_type type, uint32_t phandle,
			 const char *args)
{
	int i;

	for (i = 0; i < OF_MAX_INSTANCES; i++) {
		struct of_instance *in = &fw->inst[i];

		if (in->type != OF_INST_FREE)
			continue;
		in->gen = (uint16_t)(in->gen + 1 ? in->gen + 1 : 1);
		in->type = type;
		in->phandle = phandle;
		snprintf(in->args, sizeof(in->args), "%s", args);
		in->unit = -1;
		in->pos = 0;
		return OF_IHANDLE(i, in->gen);
	}
	return 0;
}

static const char *str_prop(const void *fdt, int off, const char *name)
{
	int len;
	const char *s = fdt_getprop(fdt, off, name, &len);

	return s && len > 0 && !s[len - 1] ? s : "";
}

/* The ABLK unit a mol-blk disk node stands for, or -1. */
static int disk_unit(struct of_call *c, int off)
{
	const void *fdt = c->prom.fdt;
	int parent = fdt_parent_offset(fdt, off), len;
	const fdt32_t *reg = fdt_getprop(fdt, off, "reg", &len);
	uint32_t unit;

	if (parent < 0 || strcmp(str_prop(fdt, parent, "name"), "mol-blk") || !reg || len != 4)
		return -1;
	unit = fdt32_to_cpu(*reg);
	return unit < (uint32_t)c->vm->osi->ablk.nr_units ? (int)unit : -1;
}

/* open ( device-specifier -- ihandle ): 0 when it cannot be opened */
void of_svc_open(struct of_call *c)
{
	char spec[PROM_PATH_MAX], args[PROM_ARGS_MAX];
	const void *fdt = c->prom.fdt;
	enum of_inst_type type;
	const char *devtype, *name;
	uint32_t ph;
	int off, unit = -1;

	c->r[0] = 0;
	if (!gview_read_str(&c->prom.view, c->a[0], spec, sizeof(spec)))
		return;
	off = prom_resolve(fdt, spec, args, sizeof(args));
	if (off < 0)
		return;
	ph = fdt_get_phandle(fdt, off);
	devtype = str_prop(fdt, off, "device_type");
	name = str_prop(fdt, off, "name");
	if (ph == c->fw->console_ph || !strcmp(name, "mol-tty")) {
		type = OF_INST_CONSOLE;
	} else if (!strcmp(devtype, "block") && (unit = disk_unit(c, off)) >= 0) {
		if (args[0] && strcmp(args, "0"))
			return;			/* partitions, files: not here */
		type = OF_INST_DISK;
	} else if (!strcmp(devtype, "display") && fdt_getprop(fdt, off, "address", NULL)) {
		type = OF_INST_DISPLAY;
	} else if (!strcmp(devtype, "nvram")) {
		type = OF_INST_NVRAM;
	} else if (!strcmp(devtype, "memory")) {
		type = OF_INST_MEMORY;
	} else if (!strcmp(devtype, "cpu")) {
		type = OF_INST_MMU;
	} else if (off == fdt_path_offset(fdt, "/rtas")) {
		type = OF_INST_RTAS;
	} else {
		return;
	}
	c->r[0] = of_instance_new(c->fw, type, ph, args);
	if (c->r[0])
		of_instance(c->fw, c->r[0])->unit = unit;
}

/* close ( ihandle -- ) */
void of_svc_close(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[0]);

	if (in)
		in->type = OF_INST_FREE;	/* the generation moves on at reuse */
}

void of_svc_instance_to_package(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[0]);

	c->r[0] = in ? in->phandle : OF_ERR;
}

/* instance-to-path ( ihandle buf buflen -- length ): with ":args" */
void of_svc_instance_to_path(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[0]);
	char path[PROM_PATH_MAX + PROM_ARGS_MAX];
	int off, n;

	c->r[0] = OF_ERR;
	if (!in || (off = prom_node(&c->prom, in->phandle)) < 0 ||
	    fdt_get_path(c->prom.fdt, off, path, PROM_PATH_MAX))
		return;
	n = (int)strlen(path);
	if (in->args[0])
		snprintf(path + n, sizeof(path) - (size_t)n, ":%s", in->args);
	c->r[0] = prom_copy_out(&c->prom, path, strlen(path), c->a[1], (int32_t)c->a[2]);
}

/* ---- bytes in and out ------------------------------------------------- */

struct disk_io {
	int fd;
	uint64_t pos;
	bool write;
	const atomic_bool *stop;	/* the VM's */
};

/* One guest piece (a page, or all of a physically contiguous buffer: up
 * to the whole RAM) in image_rw's pieces, so the VM's stop does not wait
 * for the rest of a client's read of gigabytes. */
static bool disk_piece(uint8_t *host, size_t n, void *arg)
{
	struct disk_io *io = arg;

	if (image_rw(io->fd, host, n, io->pos, io->write, NULL, io->stop))
		return false;
	io->pos += n;
	return true;
}

/* len bytes at the instance's position, clipped to the disk: the count
 * moved, or -1 (a write to a read-only image, an I/O error, a buffer the
 * client may not use). */
static uint32_t disk_rw(struct of_call *c, struct of_instance *in, uint32_t va, uint32_t len,
			bool write)
{
	const struct ablk_unit *u = &c->vm->osi->ablk.units[in->unit];
	struct disk_io io = { u->fd, in->pos, write, &c->vm->stopping };
	uint64_t n = len;

	if (write && u->readonly)
		return OF_ERR;
	if (in->pos >= u->size)
		return 0;
	if (n > u->size - in->pos)
		n = u->size - in->pos;
	if (!gview_for_each(&c->prom.view, va, n, !write, disk_piece, &io))
		return OF_ERR;
	in->pos = io.pos;
	return (uint32_t)n;
}

struct con_io {
	struct console *con;
	size_t done;
};

static bool con_out(uint8_t *host, size_t n, void *arg)
{
	struct con_io *io = arg;

	console_write(io->con, host, n);
	io->done += n;
	return true;
}

static bool con_in(uint8_t *host, size_t n, void *arg)
{
	struct con_io *io = arg;
	size_t got = console_read(io->con, host, n);

	io->done += got;
	return got == n;		/* stop at the first short read */
}

static bool nothing(uint8_t *host, size_t n, void *arg)
{
	(void)host, (void)n, (void)arg;
	return true;
}

/* NVRAM: len bytes at the instance's position, clipped to the NVRAM;
 * the count moved, or -1 for a buffer the client may not use */
static bool nv_piece(uint8_t *host, size_t n, void *arg)
{
	struct { uint8_t *nv; uint64_t pos; bool write; } *io = arg;

	if (io->write)
		memcpy(io->nv + io->pos, host, n);
	else
		memcpy(host, io->nv + io->pos, n);
	io->pos += n;
	return true;
}

static uint32_t nvram_rw(struct of_call *c, struct of_instance *in, uint32_t va, uint32_t len,
			 bool write)
{
	struct { uint8_t *nv; uint64_t pos; bool write; } io = { c->vm->osi->nvram, in->pos,
								    write };
	uint64_t n = len;

	if (in->pos >= OSI_NVRAM_BYTES)
		return 0;
	if (n > OSI_NVRAM_BYTES - in->pos)
		n = OSI_NVRAM_BYTES - in->pos;
	if (!gview_for_each(&c->prom.view, va, n, !write, nv_piece, &io))
		return OF_ERR;
	in->pos = io.pos;
	return (uint32_t)n;
}

/* read ( ihandle addr len -- actual ) */
void of_svc_read(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[0]);
	struct con_io io = { c->vm->con, 0 };

	c->r[0] = OF_ERR;
	if (!in)
		return;
	if (in->type == OF_INST_DISK) {
		c->r[0] = disk_rw(c, in, c->a[1], c->a[2], false);
	} else if (in->type == OF_INST_NVRAM) {
		c->r[0] = nvram_rw(c, in, c->a[1], c->a[2], false);
	} else if (in->type == OF_INST_CONSOLE &&
		   gview_for_each(&c->prom.view, c->a[1], c->a[2], true, nothing, NULL)) {
		/* as much as was typed, up to len; stops at the first short piece */
		gview_for_each(&c->prom.view, c->a[1], c->a[2], true, con_in, &io);
		c->r[0] = (uint32_t)io.done;
	}
}

/* write ( ihandle addr len -- actual ) */
void of_svc_write(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[0]);
	struct con_io io = { c->vm->con, 0 };

	c->r[0] = OF_ERR;
	if (!in)
		return;
	if (in->type == OF_INST_DISK)
		c->r[0] = disk_rw(c, in, c->a[1], c->a[2], true);
	else if (in->type == OF_INST_NVRAM)
		c->r[0] = nvram_rw(c, in, c->a[1], c->a[2], true);
	else if (in->type == OF_INST_CONSOLE &&
		 gview_for_each(&c->prom.view, c->a[1], c->a[2], false, con_out, &io))
		c->r[0] = (uint32_t)io.done;
}

/* seek ( ihandle pos.hi pos.lo -- status ): 0, or -1 past the end or on
 * a device without positions */
void of_svc_seek(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[0]);
	uint64_t pos = (uint64_t)c->a[1] << 32 | c->a[2];

	c->r[0] = OF_ERR;
	if (!in || (in->type != OF_INST_DISK && in->type != OF_INST_NVRAM))
		return;
	/* the NVRAM: a position inside it (openbios nvram_seek) */
	if (in->type == OF_INST_NVRAM ? pos >= OSI_NVRAM_BYTES :
					pos > c->vm->osi->ablk.units[in->unit].size)
		return;
	in->pos = pos;
	c->r[0] = 0;
}

/* ---- disk and display methods ------------------------------------------ */

static uint32_t m_block_size(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			     uint32_t nsa, uint32_t *sr)
{
	(void)c, (void)in, (void)sa, (void)nsa;
	sr[0] = DISK_BLOCK;
	return 0;
}

static uint32_t m_nblocks(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			  uint32_t nsa, uint32_t *sr)
{
	uint64_t n = c->vm->osi->ablk.units[in->unit].size / DISK_BLOCK;

	(void)sa, (void)nsa;
	sr[0] = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	return 0;
}

/* read-blocks / write-blocks ( addr block# #blocks -- #done ) */
static uint32_t blocks(struct of_call *c, struct of_instance *in, const uint32_t *sa,
		       uint32_t *sr, bool write)
{
	uint64_t saved = in->pos, bytes = (uint64_t)sa[0] * DISK_BLOCK;
	uint32_t r;

	if (bytes > UINT32_MAX)
		return OF_THROW;
	in->pos = (uint64_t)sa[1] * DISK_BLOCK;
	r = disk_rw(c, in, sa[2], (uint32_t)bytes, write);
	in->pos = saved;
	if (r == OF_ERR)
		return OF_THROW;
	sr[0] = r / DISK_BLOCK;
	return 0;
}

static uint32_t m_read_blocks(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			      uint32_t nsa, uint32_t *sr)
{
	(void)nsa;
	return blocks(c, in, sa, sr, false);
}

static uint32_t m_write_blocks(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			       uint32_t nsa, uint32_t *sr)
{
	(void)nsa;
	return blocks(c, in, sa, sr, true);
}

const struct of_method of_disk_methods[] = {
	{ "block-size", 0, m_block_size },
	{ "#blocks", 0, m_nblocks },
	{ "read-blocks", 3, m_read_blocks },
	{ "write-blocks", 3, m_write_blocks },
	{ NULL, 0, NULL },
};

/* color! ( r g b index -- ): the 8-bit palette of MOL's video device */
static uint32_t m_color(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			uint32_t nsa, uint32_t *sr)
{
	(void)in, (void)nsa, (void)sr;
	if (sa[0] > 255)
		return OF_THROW;
	osi_video_set_color(c->vm, sa[0], (sa[3] & 0xff) << 16 | (sa[2] & 0xff) << 8 |
				  (sa[1] & 0xff));
	return 0;
}

static uint32_t m_nvram_size(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			     uint32_t nsa, uint32_t *sr)
{
	(void)c, (void)in, (void)sa, (void)nsa;
	sr[0] = OSI_NVRAM_BYTES;
	return 0;
}

const struct of_method of_nvram_methods[] = {
	{ "size", 0, m_nvram_size },
	{ NULL, 0, NULL },
};

const struct of_method of_display_methods[] = {
	{ "color!", 4, m_color },
	{ NULL, 0, NULL },
};
