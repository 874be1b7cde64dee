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

#include "../fdt/fdt_powermac.h"
#include "../osi/osi_devices.h"
#include "host.h"
#include "loader.h"
#include "log.h"
#include "nwrom.h"
#include "powermac_cpu.h"

#define FDT_MAX	0x10000
#define FB_SLOT	1	/* KVM memory slot (RAM is slot 0, vmm/kvm.c) */

int powermac_fdt(struct vm *vm, void *buf, size_t size)
{
	struct powermac_fdt_params p = {
		.cpu = vm->cfg->cpu,
		.ram_size = vm->mem.size,
		.timebase_freq = host_timebase_freq(),
		.bootargs = vm->cfg->append,
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
		.nr_drives = (unsigned int)vm->cfg->nr_drives,
		.toolbox_base = vm->powermac->rom.toolbox_base,
		.toolbox_size = vm->powermac->rom.toolbox_size,
	};

	osi_video_default_mode(&p.fb_width, &p.fb_height, &p.fb_depth, &p.fb_linebytes);

	if (fdt_powermac_build(buf, size, &p))
		return -1;
	return (int)fdt_totalsize(buf);
}

/* -rom FILE: the ELF image at its addresses, the toolbox image after. */
static int load_rom(struct vm *vm)
{
	struct nwrom_info *rom_info = &vm->powermac->rom;
	const char *path = vm->cfg->rom;
	char err[256];
	uint8_t *buf;
	size_t len;
	int r;

	if (!path)
		return 0;
	buf = read_file(path, NWROM_MAX_SIZE, &len, err, sizeof(err));
	if (!buf) {
		pr_err("-rom %s", err);
		return -1;
	}
	r = nwrom_load(&vm->mem, buf, len, rom_info, err, sizeof(err));
	free(buf);
	if (r) {
		pr_err("-rom %s: %s", path, err);
		return -1;
	}
	vm->entry = rom_info->entry;
	vm->kernel_end = rom_info->image_end;
	return 0;
}

int powermac_prepare(struct vm *vm)
{
	void *fdt = malloc(FDT_MAX);
	const struct vm_config *cfg = vm->cfg;
	int r;

	vm->powermac = calloc(1, sizeof(*vm->powermac));
	if (!vm->powermac || load_rom(vm)) {
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
			     cfg->nr_drives, cfg->nr_netdevs ? cfg->netdevs[0].ifname : NULL);
	free(fdt);
	if (!r)
		vm->fb = &vm->osi->video.fb;
	return r;
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

/* With the event loop: ABLK's I/O thread. */
int powermac_start_io(struct vm *vm)
{
	return ablk_start(vm, &vm->osi->ablk);
}

void powermac_cpu_entry(struct vm *vm, struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r)
{
	powermac_cpu_state(vm->mem.size, s, r);
}

int powermac_teardown(struct vm *vm)
{
	int r;

	osi_video_stop_vbl(vm);
	r = osi_devices_save(vm);

	osi_devices_free(vm);
	free(vm->powermac);
	vm->powermac = NULL;
	return r;
}
