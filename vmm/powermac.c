// SPDX-License-Identifier: GPL-2.0
/*
 * The powermac machine: a 32-bit MOL-style guest.  Guest RAM from 0; the
 * guest finds its devices through OSI calls (osi/), and its device tree
 * through OSI PROM_IFACE rather than in memory, as under MOL.
 *
 *   0 .. RAM size              guest RAM (at most 2 GiB)
 *   0x81000000 .. +16 MiB      framebuffer (OSI video)
 */
#include "powermac.h"

#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../fdt/fdt_powermac.h"
#include "../osi/osi_devices.h"
#include "host.h"
#include "loader.h"
#include "log.h"
#include "nwrom.h"
#include "powermac_cpu.h"
#include "powermac_platform.h"
#include "rom_search.h"

/* The tree with MOL's drivers in it (at most PMAC_DRIVERS_MAX bytes) */
#define PMAC_DRIVERS_MAX	(4u << 20)
#define PMAC_DRIVER_MAX		(1u << 20)
#define FDT_MAX			(0x10000 + PMAC_DRIVERS_MAX)
#define FB_SLOT	1	/* KVM memory slot (RAM is slot 0, vmm/kvm.c) */

int powermac_fdt(struct vm *vm, void *buf, size_t size)
{
	struct powermac_fdt_params p = {
		.cpu = vm->cfg->cpu,
		.ram_size = vm->mem.size,
		.timebase_freq = host_timebase_freq(),
		.clock_freq = host_clock_freq(),
		/* the host's bus; else the 133 MHz of a G4's MPX bus */
		.bus_freq = host_bus_freq(133333333),
		.bootargs = vm->cfg->append,
		.bootpath = vm->powermac->bootpath[0] ? vm->powermac->bootpath : NULL,
		.claimed = &vm->powermac->boot.phys,
		.nvram_size = OSI_NVRAM_BYTES,
		.fb_base = OSI_FB_BASE,
		.fb_size = OSI_FB_SIZE,
		.irq_tty = OSI_IRQ_TTY,
		.irq_video = OSI_IRQ_VIDEO,
		.irq_ablk = OSI_IRQ_ABLK,
		.irq_kbd = OSI_IRQ_KBD,
		.irq_mouse = OSI_IRQ_MOUSE,
		.irq_enet = OSI_IRQ_ENET,
		.enet = vm->cfg->nr_netdevs > 0,
		.irq_sound = OSI_IRQ_SOUND,
		.sound = vm->cfg->audiodev != NULL,
		.nr_drives = (unsigned int)vm->cfg->nr_drives,
		.toolbox_base = vm->powermac->rom.toolbox_base,
		.toolbox_size = vm->powermac->rom.toolbox_size,
	};

	const struct pmac_driver *d;
	int off;

	osi_video_default_mode(&p.fb_width, &p.fb_height, &p.fb_depth, &p.fb_linebytes);

	if (size > INT32_MAX || fdt_powermac_build(buf, size, &p) ||
	    fdt_open_into(buf, buf, (int)size))
		return -1;
	for (d = vm->powermac->drivers; d < vm->powermac->drivers + PMAC_NR_DRIVERS; d++) {
		if (!d->data || (off = fdt_path_offset(buf, d->node)) < 0)
			continue;
		if (fdt_setprop(buf, off, "driver,AAPL,MacOS,PowerPC", d->data, (int)d->len))
			return -1;
	}
	if (fdt_pack(buf))
		return -1;
	return (int)fdt_totalsize(buf);
}

/*
 * -mol-drivers DIR: MOL's Mac OS drivers ("NDRVs", PEF containers) from a
 * MOL installation, each in the node MOL registered it for (mol-src/src/
 * drivers: video.c, ablk.c, mac_enet.c and osi_mouse.c call
 * register_osi_driver with these names, and osi_driver.c
 * prom_add_nwdriver puts the file in "driver,AAPL,MacOS,PowerPC"), which
 * is where Mac OS looks for a device's native driver.  A file missing in
 * DIR leaves its device without one (said once); enet.nw needs -netdev.
 */
static int load_mol_drivers(struct vm *vm)
{
	static const char *const files[PMAC_NR_DRIVERS][2] = {
		{ "video.nw", PMAC_BRIDGE_PATH "/MacOnLinuxVideo@4" },
		{ "blk.nw", PMAC_BRIDGE_PATH "/mol-blk@3" },
		{ "enet.nw", PMAC_BRIDGE_PATH "/mol-enet-0@1" },
		{ "misc.nw", PMAC_BRIDGE_PATH "/mol-mouse@8" },
	};
	const char *dir = vm->cfg->mol_drivers;
	size_t total = 0;
	char path[4200], err[256], missing[64] = "";
	int i, found = 0;

	if (!dir)
		return 0;
	for (i = 0; i < PMAC_NR_DRIVERS; i++) {
		struct pmac_driver *d = &vm->powermac->drivers[i];

		d->file = files[i][0];
		d->node = files[i][1];
		snprintf(path, sizeof(path), "%s/%s", dir, d->file);
		if (access(path, F_OK)) {
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), " %s",
				 d->file);
			continue;
		}
		d->data = read_file(path, PMAC_DRIVER_MAX, &d->len, err, sizeof(err));
		if (!d->data) {
			pr_err("-mol-drivers %s", err);
			return -1;
		}
		/* a PEF container starts "Joy!peff" (Mac OS Runtime Architectures) */
		if (d->len < 8 || memcmp(d->data, "Joy!peff", 8)) {
			pr_err("-mol-drivers %s: not a Mac OS driver (no PEF header)", path);
			return -1;
		}
		total += d->len;
		found++;
		if (i == 2 && !vm->cfg->nr_netdevs)
			pr_info("-mol-drivers: enet.nw is not used without -netdev");
	}
	if (total > PMAC_DRIVERS_MAX) {
		pr_err("-mol-drivers %s: more than %u MiB of drivers", dir, PMAC_DRIVERS_MAX >> 20);
		return -1;
	}
	if (!found) {
		pr_err("-mol-drivers %s: none of MOL's drivers (video.nw, blk.nw, enet.nw, misc.nw) "
		       "is there", dir);
		return -1;
	}
	if (missing[0])
		pr_info("-mol-drivers %s: no%s there: those devices have no Mac OS driver", dir,
			missing);
	return 0;
}

/* What MOL's two ROM patches found (nwrom.h), one line each. */
static void report_rom_patches(const char *path, const struct nwrom_info *rom)
{
	const struct nwrom_patches *p = &rom->patches;

	if (p->add_fix_at >= 0)
		pr_info("%s: fixed the ROM's 'add r4,r6,r8' bug at 0x%llx (as MOL did)", path,
			(unsigned long long)(rom->code_base + (uint64_t)p->add_fix_at));
	if (p->timer_fix_at >= 0)
		pr_info("%s: replaced the ROM's decrementer calibration at 0x%llx (%u VIA ticks, "
			"as MOL did)", path,
			(unsigned long long)(rom->code_base + (uint64_t)p->timer_fix_at),
			p->calibration);
	if (p->add_fix_at < 0 && p->timer_fix_at < 0)
		pr_info("%s: neither of MOL's ROM patches matches this ROM; it runs unpatched",
			path);
}

/*
 * The Mac OS ROM: -rom FILE, or without -rom and -kernel the ROM search
 * over the disks (rom_search.h), as MOL's firmware booted newworld Mac
 * OS.  Its ELF image goes to its addresses (patched as MOL patched it),
 * its toolbox image to 0x1100000, and /chosen/bootpath names where it
 * came from: the disk and partition it was found on ("...disk@N:P,\\:tbxi",
 * Apple's form, as in MOL's oftree.nw), or for -rom the boot-hinted disk.
 */
static int load_rom(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	struct powermac *pm = vm->powermac;
	struct rom_found found = { .unit = -1 };
	const char *what = cfg->rom;
	char err[512], src[160];
	uint8_t *buf = NULL;
	size_t len;
	int r, i, unit = 0;

	pm->boot_unit = -1;
	if (cfg->kernel || (!cfg->rom && !cfg->nr_drives))
		return 0;
	if (cfg->rom) {
		buf = read_file(cfg->rom, NWROM_MAX_SIZE, &len, err, sizeof(err));
		if (!buf) {
			pr_err("-rom %s", err);
			return -1;
		}
		for (i = 0; i < cfg->nr_drives; i++)
			if (cfg->drives[i].boot)
				unit = i;
	} else {
		if (!rom_search(cfg->drives, cfg->nr_drives, NWROM_MAX_SIZE, &found, err,
				sizeof(err))) {
			if (cfg->dump_dtb)	/* the tree is wanted, not a boot */
				return 0;
			pr_err("no Mac OS ROM to boot: %s (give -rom FILE or -kernel FILE)", err);
			return -1;
		}
		snprintf(src, sizeof(src), "%s (%s, partition %d)",
			 cfg->drives[found.unit].file, found.fstype, found.partition);
		pr_info("booting the Mac OS ROM found on %s", src);
		what = src;
		buf = found.data;
		len = found.len;
		unit = pm->boot_unit = found.unit;
	}
	r = nwrom_load(&vm->mem, buf, len, host_timebase_freq(), &pm->rom, err, sizeof(err));
	free(buf);
	if (r) {
		pr_err("Mac OS ROM %s: %s", what, err);
		return -1;
	}
	report_rom_patches(what, &pm->rom);
	/* Mac OS runs its drivers in user mode (osi_user_allowed) */
	vm->osi_from_user = true;
	snprintf(pm->bootpath, sizeof(pm->bootpath), "%s/mol-blk@%x/disk@%x:%d,\\\\:tbxi",
		 PMAC_BRIDGE_PATH, PMAC_DEV_MOL_BLK, unit, found.unit < 0 ? 0 : found.partition);
	vm->entry = pm->rom.entry;
	vm->kernel_start = pm->rom.image_start;
	vm->kernel_end = pm->rom.image_end;
	return 0;
}

/* How the guest is entered, where the firmware and an initrd go
 * (powermac_boot.h); the initrd is loaded. */
static int boot_layout(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	struct powermac *pm = vm->powermac;
	bool of = pmac_boot_of_client(cfg->pmac_firmware, pm->rom.toolbox_size != 0,
				      vm->kernel_virtual);
	uint8_t *initrd = NULL;
	size_t initrd_len = 0;
	char err[256];
	int r;

	if (cfg->initrd) {
		initrd = read_file(cfg->initrd, vm->mem.size, &initrd_len, err, sizeof(err));
		if (!initrd) {
			pr_err("-initrd %s", err);
			return -1;
		}
	}
	r = pmac_boot_layout(&pm->boot, vm->mem.size, of, vm->kernel_start, vm->kernel_end,
			     initrd_len, pm->rom.toolbox_base, pm->rom.toolbox_size, err,
			     sizeof(err));
	if (r)
		pr_err("%s", err);
	else if (initrd && !guest_write(&vm->mem, pm->boot.initrd, initrd, initrd_len))
		r = -1;
	free(initrd);
	return r;
}

int powermac_prepare(struct vm *vm)
{
	void *fdt = malloc(FDT_MAX);
	const struct vm_config *cfg = vm->cfg;
	int r;

	vm->powermac = calloc(1, sizeof(*vm->powermac));
	if (!vm->powermac || load_mol_drivers(vm) || load_rom(vm) || boot_layout(vm)) {
		free(fdt);
		return -1;
	}
	/* --dump-dtb needs only the tree: no images, tap or NVRAM opened. */
	if (cfg->dump_dtb) {
		free(fdt);
		return 0;
	}
	if (!fdt || powermac_fdt(vm, fdt, FDT_MAX) < 0) {
		pr_err("cannot build the device tree");
		free(fdt);
		return -1;
	}
	r = osi_devices_init(vm, host_timebase_freq(), fdt, cfg->nvram, cfg->drives,
			     cfg->nr_drives, cfg->nr_netdevs ? &cfg->netdevs[0] : NULL,
			     &vm->powermac->boot);
	free(fdt);
	if (r)
		return r;
	vm->fb = &vm->osi->video.fb;
	/* The disk the ROM came from gets the boot hint (MOL's firmware
	 * called OSI_ABlkBlessDisk on it) */
	if (vm->powermac->boot_unit >= 0)
		for (r = 0; r < vm->osi->ablk.nr_units; r++)
			vm->osi->ablk.units[r].boot_hint = r == vm->powermac->boot_unit;
	/* An Open Firmware client starts on the firmware's page table. */
	if (vm->powermac->boot.of_client && pmac_boot_install(&vm->mem, &vm->powermac->boot)) {
		pr_err("cannot set up the Open Firmware page table");
		return -1;
	}
	return 0;
}

/* The framebuffer: a memory slot of its own, above RAM. */
int powermac_setup(struct vm *vm)
{
	struct kvm_ppc_userspace_memory_region region;

	memset(&region, 0, sizeof(region));
	region.slot = FB_SLOT;
	region.guest_phys_addr = OSI_FB_BASE;
	region.memory_size = OSI_FB_SIZE;
	region.userspace_addr = (uint64_t)(uintptr_t)vm->osi->video.vram;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		pr_err("KVM_SET_USER_MEMORY_REGION (framebuffer at 0x%x): %s", OSI_FB_BASE,
		       strerror(errno));
		return -1;
	}
	return osi_video_start_vbl(vm);
}

/* With the event loop: ABLK's I/O thread, the network's frames start
 * arriving, the sound device gets its clock and back end. */
int powermac_start_io(struct vm *vm)
{
	return ablk_start(vm, &vm->osi->ablk) || enet2_start(vm) || osi_sound_start(vm) ? -1 : 0;
}

void powermac_cpu_entry(struct vm *vm, struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r)
{
	if (vm->powermac->boot.of_client)
		powermac_cpu_state_of(&vm->powermac->boot, s, r);
	else
		powermac_cpu_state(vm->mem.size, s, r);
}

int powermac_teardown(struct vm *vm)
{
	int r, i;

	osi_video_stop_vbl(vm);
	r = osi_devices_save(vm);

	osi_devices_free(vm);
	for (i = 0; i < PMAC_NR_DRIVERS; i++)
		free(vm->powermac->drivers[i].data);
	free(vm->powermac);
	vm->powermac = NULL;
	return r;
}
