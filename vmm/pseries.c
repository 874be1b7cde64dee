// SPDX-License-Identifier: GPL-2.0
/*
 * The pseries machine: a PAPR guest as QEMU -M pseries and kvmtool run
 * it.  Memory map (all inside the first GiB, Linux's RMA limit with
 * 256 MiB segments, arch/powerpc/mm/book3s64/hash_utils.c):
 *
 *   0            kernel image
 *   ...          initrd (below the tree)
 *   top - 128K   device tree (64 KiB)
 *   top - 64K    RTAS blob
 *   top          min(RAM, 1 GiB)
 *
 * Devices: a PHB (devices/spapr_phb.c) holding, from device number 0, a
 * virtio-blk per -drive, a virtio-net per -netdev, in command-line order,
 * then a virtio-input keyboard+mouse when input is expected (a window, a
 * control socket or a script).
 */
#include "pseries.h"

#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "../devices/console.h"
#include "../devices/papr.h"
#include "../devices/rtas.h"
#include "../devices/papr_epow.h"
#include "../devices/simplefb.h"
#include "../devices/virtio_blk.h"
#include "../devices/virtio_input.h"
#include "../devices/virtio_net.h"
#include "../devices/virtio_snd.h"
#include "../devices/xics.h"
#include "../fdt/fdt_pseries.h"
#include "be.h"
#include "host.h"
#include "loader.h"
#include "log.h"
#include "machine.h"
#include "pci_devices.h"

#define RMA_LIMIT	(1ULL << 30)
#define RTAS_AREA	0x10000ULL
#define FDT_MAX		0x10000ULL
#define PAGE_ALIGN_DOWN(x) ((x) & ~0xfffULL)

/* The PHB's devices, in device-number order (vmm/pci_devices.h). */
static const struct pci_device_kind *const pci_kinds[] = {
	&virtio_blk_kind, &virtio_net_kind, &virtio_input_kind, &virtio_snd_kind,
};
_Static_assert(MOLVM_MAX_DRIVES + MOLVM_MAX_NETDEVS + 2 <= SPAPR_PHB_SLOTS, "PHB slots");

static uint64_t boot_top(const struct vm *vm)
{
	return vm->mem.size < RMA_LIMIT ? vm->mem.size : RMA_LIMIT;
}

static uint64_t rtas_base(const struct vm *vm)
{
	return boot_top(vm) - RTAS_AREA;
}

static uint64_t fdt_base(const struct vm *vm)
{
	return rtas_base(vm) - FDT_MAX;
}

/*
 * HPT size as QEMU sizes it (hw/ppc/spapr.c, spapr_hpt_shift_for_ramsize):
 * one 128-byte PTEG per 64 KiB... i.e. RAM/128, a power of two, at least
 * 256 KiB (the architecture's minimum, SDR1's HTABSIZE = 0).
 */
static unsigned int hpt_shift_for(uint64_t ram)
{
	unsigned int shift = 18;

	while (shift < 46 && (1ULL << shift) < ram / 128)
		shift++;
	return shift;
}

static int alloc_hpt(struct vm *vm)
{
	unsigned int shift = hpt_shift_for(vm->mem.size);
	uint64_t size = 1ULL << shift;
	uint8_t *p, *aligned;

	/* KVM PR finds the HPT through SDR1 = host address | (shift - 18),
	 * so it must be aligned to its size (book3s_pr_papr.c). */
	p = mmap(NULL, size * 2, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		pr_err("cannot allocate the %llu KiB hashed page table: %s",
		       (unsigned long long)(size >> 10), strerror(errno));
		return -1;
	}
	/* (in uintptr_t: size is 64-bit, pointers may be 32) */
	aligned = (uint8_t *)(((uintptr_t)p + (uintptr_t)(size - 1)) & ~(uintptr_t)(size - 1));
	if (aligned > p)
		munmap(p, (size_t)(aligned - p));
	munmap(aligned + size, (size_t)(p + size * 2 - (aligned + size)));
	vm->hpt = aligned;
	vm->hpt_size = size;
	vm->sdr1 = (uint64_t)(uintptr_t)aligned | (shift - 18);
	return 0;
}

/*
 * A KVM that keeps the HPT itself (HV; it reports KVM_CAP_PPC_ALLOC_HTAB)
 * gets the size asked through KVM_PPC_ALLOCATE_HTAB and ours is dropped.
 * KVM PR answers 0 and reads ours through SDR1.
 */
static int kvm_alloc_hpt(struct vm *vm)
{
	uint32_t order = hpt_shift_for(vm->mem.size);

	if (ioctl(vm->vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_PPC_ALLOC_HTAB) <= 0)
		return 0;
	if (ioctl(vm->vm_fd, KVM_PPC_ALLOCATE_HTAB, &order) < 0) {
		pr_err("KVM_PPC_ALLOCATE_HTAB (order %u): %s", order, strerror(errno));
		return -1;
	}
	munmap(vm->hpt, vm->hpt_size);
	vm->hpt = NULL;
	vm->sdr1 = 0;
	return 0;
}

/* What the host knows about its CPU's speculation behaviour, for
 * H_GET_CPU_CHARACTERISTICS (devices/papr_cpu_char.c); left all zero
 * (unknown) when KVM cannot say. */
static void query_cpu_char(struct vm *vm)
{
	memset(&vm->host_cpu_char, 0, sizeof(vm->host_cpu_char));
	if (vm->vm_fd < 0 || ioctl(vm->vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_PPC_GET_CPU_CHAR) <= 0)
		return;
	if (ioctl(vm->vm_fd, KVM_PPC_GET_CPU_CHAR, &vm->host_cpu_char) < 0)
		memset(&vm->host_cpu_char, 0, sizeof(vm->host_cpu_char));
}

static int load_initrd(struct vm *vm)
{
	struct pseries *ps = vm->pseries;
	const char *path = vm->cfg->initrd;
	uint64_t limit = fdt_base(vm);
	char err[256];
	uint8_t *buf;
	size_t len;

	if (!path)
		return 0;
	buf = read_file(path, vm->mem.size, &len, err, sizeof(err));
	if (!buf) {
		pr_err("-initrd %s", err);
		return -1;
	}
	if (len > limit || PAGE_ALIGN_DOWN(limit - len) < vm->kernel_end) {
		pr_err("-initrd %s: %zu bytes do not fit between the kernel and the "
		       "device tree in %llu MiB of RAM", path, len,
		       (unsigned long long)(vm->mem.size >> 20));
		free(buf);
		return -1;
	}
	ps->initrd_start = PAGE_ALIGN_DOWN(limit - len);
	ps->initrd_end = ps->initrd_start + len;
	guest_write(&vm->mem, ps->initrd_start, buf, len);
	free(buf);
	return 0;
}

int pseries_prepare(struct vm *vm)
{
	if (vm->mem.size < 4 * RTAS_AREA + FDT_MAX) {
		pr_err("-m: machine 'pseries' needs at least 1 MiB of RAM");
		return -1;
	}
	if (vm->kernel_end > fdt_base(vm)) {
		pr_err("-kernel %s: the image reaches into the device tree area; give more RAM",
		       vm->cfg->kernel);
		return -1;
	}
	vm->pseries = calloc(1, sizeof(*vm->pseries));
	if (!vm->pseries) {
		pr_err("out of memory");
		return -1;
	}
	if (load_initrd(vm))
		return -1;
	if (simplefb_create(vm, &vm->pseries->fb))
		return -1;
	spapr_phb_init(&vm->pseries->phb, PSERIES_XICS_PHANDLE);
	vm->pci = &vm->pseries->phb.host;
	if (pci_devices_create(vm, pci_kinds, sizeof(pci_kinds) / sizeof(pci_kinds[0]), 0))
		return -1;
	return alloc_hpt(vm);
}

/*
 * The MMU page sizes the guest may use: KVM's, cut down to the CPU
 * model's.  KVM answers for vCPU 0 as it is now, with the host's PVR
 * (molvm sets the model's later, in kvm_vcpu_reset): on a POWER8 host a
 * 970 guest would otherwise be offered 64 KiB pages and 1 TiB segments.
 */
static void page_sizes(struct vm *vm, struct pseries_fdt_params *p)
{
	struct kvm_ppc_smmu_info info;

	memset(&info, 0, sizeof(info));
	if (vm->vm_fd < 0 || ioctl(vm->vm_fd, KVM_PPC_GET_SMMU_INFO, &info) < 0 ||
	    !info.sps[0].page_shift)
		fdt_pseries_mmu(p, NULL);
	else
		fdt_pseries_mmu(p, &info);
}

int pseries_fdt(struct vm *vm, void *buf, size_t size)
{
	static const uint8_t pv_default[16] = KVM_PV_HCALL_DEFAULT;
	const struct pseries *ps = vm->pseries;
	const struct simplefb *fb = &ps->fb;
	struct kvm_ppc_pvinfo pvinfo;
	struct pseries_fdt_params p = {
		.cpu = vm->cfg->cpu,
		.nr_cpus = vm->nr_vcpus > 0 ? vm->nr_vcpus : 1,
		.ram_size = vm->mem.size,
		.htab_shift = hpt_shift_for(vm->mem.size),
		.timebase_freq = host_timebase_freq(),
		.clock_freq = host_clock_freq(),
		.bootargs = vm->cfg->append,
		.initrd_start = ps->initrd_start,
		.initrd_end = ps->initrd_end,
		.rtas_base = rtas_base(vm),
		.rtas_size = RTAS_BLOB_WORDS * 4,
		.pv_idle = true,
		.hypervisor_node = !vm->cfg->no_pv,
		.vty_reg = PAPR_VTERM_NO,
		.vty_irq = XICS_IRQ_VTY,
		.pci = vm->pci,
		.fb_base = fb->gpa,
		.fb_size = fb->size,
		.fb_width = fb->width,
		.fb_height = fb->height,
		.fb_stride = fb->stride,
		.fb_format = fb->format,
		.epow_irq = EPOW_IRQ,
		.nvram_size = SPAPR_NVRAM_BYTES,
	};

	memcpy(p.hcall_insns, pv_default, sizeof(p.hcall_insns));
	page_sizes(vm, &p);
	memset(&pvinfo, 0, sizeof(pvinfo));
	if (vm->vm_fd >= 0 && ioctl(vm->vm_fd, KVM_PPC_GET_PVINFO, &pvinfo) == 0) {
		memcpy(p.hcall_insns, pvinfo.hcall, sizeof(p.hcall_insns));
		p.pv_idle = pvinfo.flags & 1;	/* KVM_PPC_PVINFO_FLAGS_EV_IDLE */
	}
	if (fdt_pseries_build(buf, size, &p))
		return -1;
	return (int)fdt_totalsize(buf);
}

int pseries_setup(struct vm *vm)
{
	uint8_t *fdt = guest_ptr(&vm->mem, fdt_base(vm), FDT_MAX);
	uint8_t *rtas = guest_ptr(&vm->mem, rtas_base(vm), RTAS_BLOB_WORDS * 4);
	int i;

	if (!fdt || !rtas || pseries_fdt(vm, fdt, FDT_MAX) < 0) {
		pr_err("cannot build the device tree");
		return -1;
	}
	for (i = 0; i < RTAS_BLOB_WORDS; i++)
		be32_store(rtas + 4 * i, rtas_blob[i]);
	if (kvm_alloc_hpt(vm) || xics_init(vm) ||
	    xics_connect(vm, XICS_IRQ_VTY, false, &vm->pseries->vty_irq) ||
	    pci_host_realize(vm->pci, vm) || pci_devices_open(vm))
		return -1;
	if (simplefb_map(vm, &vm->pseries->fb) || papr_epow_init(vm) ||
	    spapr_nvram_open(&vm->pseries->nvram, vm->cfg->nvram))
		return -1;
	query_cpu_char(vm);
	vm->boot_r3 = fdt_base(vm);
	return 0;
}

/* New console input: the vty's interrupt (hvc_vio then reads it all). */
static void vty_input(void *arg)
{
	struct vm *vm = arg;

	irq_pulse(&vm->pseries->vty_irq);
}

int pseries_start_io(struct vm *vm)
{
	console_set_notify(vm->con, vty_input, vm);
	return pci_devices_start(vm);
}

void pseries_shutdown(struct vm *vm)
{
	pci_devices_destroy(vm);
}

/* Window closed, system_powerdown: an EPOW event the guest answers with
 * an orderly power-off (devices/papr_epow.h). */
void pseries_powerdown(struct vm *vm)
{
	papr_epow_request(vm);
}

/* The NVRAM goes back to its file (-nvram FILE) before the state goes. */
int pseries_teardown(struct vm *vm)
{
	int r = vm->pseries ? spapr_nvram_close(&vm->pseries->nvram) : 0;

	vm->fb = NULL;
	vm->pci = NULL;
	free(vm->pseries);
	vm->pseries = NULL;
	return r;
}
