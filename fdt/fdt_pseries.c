// SPDX-License-Identifier: GPL-2.0
/*
 * The pseries device tree, written with libfdt's sequential API.  Which
 * nodes and properties Linux reads: arch/powerpc/platforms/pseries/
 * (setup.c wants a "chrp" root; firmware.c reads ibm,hypertas-functions),
 * arch/powerpc/kernel/prom.c and rtas.c, drivers/tty/hvc/hvc_vio.c,
 * arch/powerpc/kernel/epapr_paravirt.c (hcall-instructions).
 */
#include "fdt_pseries.h"
#include "fdt_util.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "../devices/rtas.h"
#include "../vmm/cpu_models.h"
#include "../vmm/pci.h"

static int prop_u64(void *fdt, const char *name, uint64_t v)
{
	return fdt_property_u64(fdt, name, v);
}

/* Hypercall families molvm (with KVM PR) provides: PAPR's
 * "ibm,hypertas-functions" names, as Linux's pseries/firmware.c maps them. */
static const char hypertas[] =
	"hcall-pft\0hcall-term\0hcall-interrupt\0hcall-bulk\0hcall-set-mode";

static int add_cpus(void *fdt, const struct pseries_fdt_params *p)
{
	const struct cpu_model *cpu = p->cpu;
	int i;

	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 0));
	for (i = 0; i < p->nr_cpus; i++) {
		char name[64];
		uint32_t pft[2] = { 0, p->htab_shift };

		/* The node name and the cache geometry follow the model; the
		 * guest sizes cache flushes from the latter.  128-byte lines
		 * on every 64-bit model. */
		snprintf(name, sizeof(name), "PowerPC,%s@%x", cpu->name, i);
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_cell(fdt, "reg", (uint32_t)i));
		TRY(fdt_property_cell(fdt, "ibm,ppc-interrupt-server#s", (uint32_t)i));
		TRY(fdt_property_cell(fdt, "cpu-version", cpu->pvr));
		TRY(fdt_property_cell(fdt, "timebase-frequency", p->timebase_freq));
		TRY(fdt_property_cell(fdt, "clock-frequency", p->clock_freq));
		TRY(fdt_property_cell(fdt, "d-cache-size", cpu->dcache));
		TRY(fdt_property_cell(fdt, "i-cache-size", cpu->icache));
		TRY(fdt_property_cell(fdt, "d-cache-line-size", 128));
		TRY(fdt_property_cell(fdt, "i-cache-line-size", 128));
		TRY(fdt_property_cell(fdt, "d-cache-block-size", 128));
		TRY(fdt_property_cell(fdt, "i-cache-block-size", 128));
		/* KVM PR gives a 64-bit guest 64 SLB entries (book3s_64_mmu.c). */
		TRY(fdt_property_cell(fdt, "ibm,slb-size", 64));
		TRY(fdt_prop_cells(fdt, "ibm,pft-size", pft, 2));
		/* PAPR "ibm,segment-page-sizes": per segment base page size
		 * {shift, SLB encoding, n, n x {page shift, HPTE LP encoding}} */
		TRY(fdt_prop_cells(fdt, "ibm,segment-page-sizes", p->page_sizes,
			       p->nr_page_size_cells));
		/* Always present: Linux then takes 1 TiB segments from here
		 * only, not from its own table of the PVR (hash_utils.c,
		 * htab_dt_scan_seg_sizes). */
		TRY(fdt_prop_cells(fdt, "ibm,processor-segment-sizes",
			       (uint32_t[]){ 28, 40 }, p->segments_1t ? 2 : 1));
		TRY(fdt_property_cell(fdt, "ibm,vmx", cpu->vsx ? 2 : 1));
		TRY(fdt_property_string(fdt, "status", "okay"));
		TRY(fdt_property(fdt, "64-bit", NULL, 0));
		TRY(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

/* What KVM PR offers every vCPU (book3s_pr.c, kvm_vm_ioctl_get_smmu_info_pr):
 * 4 KiB pages in 4 KiB segments, 16 MiB pages in 16 MiB segments (SLB
 * L=1: 0x100).  64 KiB pages and 1 TiB segments only for a vCPU whose PVR
 * is a POWER7 or later, so they are not assumed without KVM. */
static const struct kvm_ppc_smmu_info pr_mmu = {
	.slb_size = 64,
	.sps = {
		{ .page_shift = 12, .slb_enc = 0x000, .enc = { { 12, 0 } } },
		{ .page_shift = 24, .slb_enc = 0x100, .enc = { { 24, 0 } } },
	},
};

void fdt_pseries_mmu(struct pseries_fdt_params *p, const struct kvm_ppc_smmu_info *info)
{
	const size_t max = sizeof(p->page_sizes) / sizeof(p->page_sizes[0]);
	const uint32_t have = p->cpu->page_shifts;
	size_t n = 0;
	int i, j;

	if (!info)
		info = &pr_mmu;
	/* PAPR "ibm,segment-page-sizes": per segment base page size
	 * {shift, SLB encoding, n, n x {page shift, HPTE LP encoding}}; only
	 * the sizes the model has, in base pages and actual pages alike. */
	for (i = 0; i < KVM_PPC_PAGE_SIZES_MAX_SZ && info->sps[i].page_shift; i++) {
		const struct kvm_ppc_one_seg_page_size *s = &info->sps[i];
		uint32_t cells[3 + 2 * KVM_PPC_PAGE_SIZES_MAX_SZ];
		size_t k = 3;

		if (s->page_shift >= 32 || !(have & 1u << s->page_shift))
			continue;
		for (j = 0; j < KVM_PPC_PAGE_SIZES_MAX_SZ && s->enc[j].page_shift; j++) {
			if (s->enc[j].page_shift >= 32 || !(have & 1u << s->enc[j].page_shift))
				continue;
			cells[k++] = s->enc[j].page_shift;
			cells[k++] = s->enc[j].pte_enc;
		}
		if (k == 3 || n + k > max)
			continue;
		cells[0] = s->page_shift;
		cells[1] = s->slb_enc;
		cells[2] = (uint32_t)(k - 3) / 2;
		memcpy(&p->page_sizes[n], cells, k * sizeof(cells[0]));
		n += k;
	}
	p->nr_page_size_cells = (int)n;
	p->segments_1t = (info->flags & KVM_PPC_1T_SEGMENTS) && p->cpu->segments_1t;
}

static int add_rtas(void *fdt, const struct pseries_fdt_params *p)
{
	size_t i;

	TRY(fdt_begin_node(fdt, "rtas"));
	TRY(fdt_property(fdt, "ibm,hypertas-functions", hypertas, sizeof(hypertas)));
	TRY(fdt_property_cell(fdt, "linux,rtas-base", (uint32_t)p->rtas_base));
	TRY(fdt_property_cell(fdt, "linux,rtas-entry", (uint32_t)p->rtas_base));
	TRY(fdt_property_cell(fdt, "rtas-size", p->rtas_size));
	TRY(fdt_property_cell(fdt, "rtas-version", 1));
	TRY(fdt_property_cell(fdt, "rtas-event-scan-rate", 1));
	for (i = 0; i < rtas_nr_calls(); i++)
		TRY(fdt_property_cell(fdt, rtas_call_name(i), rtas_call_token(i)));
	return fdt_end_node(fdt);
}

static int add_vdevice(void *fdt, const struct pseries_fdt_params *p)
{
	char name[32];

	TRY(fdt_begin_node(fdt, "vdevice"));
	TRY(fdt_property_string(fdt, "device_type", "vdevice"));
	TRY(fdt_property_string(fdt, "compatible", "IBM,vdevice"));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 0));
	snprintf(name, sizeof(name), "vty@%x", p->vty_reg);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "name", "vty"));
	TRY(fdt_property_string(fdt, "device_type", "serial"));
	TRY(fdt_property_string(fdt, "compatible", "hvterm1"));
	TRY(fdt_property_cell(fdt, "reg", p->vty_reg));
	/* Console input interrupt: edge (second cell 0, Linux xics_host_xlate);
	 * with it, hvc_vio stops polling for input. */
	if (p->vty_irq)
		TRY(fdt_prop_cells(fdt, "interrupts", (uint32_t[]){ p->vty_irq, 0 }, 2));
	TRY(fdt_end_node(fdt));
	return fdt_end_node(fdt);
}

/* One XICS node serves as presentation controller (hcalls) and source
 * controller (RTAS), as QEMU's spapr_dt_xics writes it. */
static int add_xics(void *fdt, const struct pseries_fdt_params *p)
{
	uint32_t servers[2] = { 0, (uint32_t)p->nr_cpus };

	TRY(fdt_begin_node(fdt, "interrupt-controller"));
	TRY(fdt_property_string(fdt, "device_type", "PowerPC-External-Interrupt-Presentation"));
	TRY(fdt_property_string(fdt, "compatible", "IBM,ppc-xicp"));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_prop_cells(fdt, "ibm,interrupt-server-ranges", servers, 2));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 2));
	TRY(fdt_property_cell(fdt, "linux,phandle", PSERIES_XICS_PHANDLE));
	TRY(fdt_property_cell(fdt, "phandle", PSERIES_XICS_PHANDLE));
	return fdt_end_node(fdt);
}

static int add_hypervisor(void *fdt, const struct pseries_fdt_params *p)
{
	TRY(fdt_begin_node(fdt, "hypervisor"));
	TRY(fdt_property_string(fdt, "compatible", "linux,kvm"));
	/* KVM hands out big-endian words: copied as they are. */
	TRY(fdt_property(fdt, "hcall-instructions", p->hcall_insns, sizeof(p->hcall_insns)));
	if (p->pv_idle)
		TRY(fdt_property(fdt, "has-idle", NULL, 0));
	return fdt_end_node(fdt);
}

/*
 * The framebuffer.  On PowerPC, Linux 6.1 makes platform devices from the
 * device tree only for nodes of device_type "display" that carry
 * "linux,opened" and "linux,boot-display" (drivers/of/platform.c,
 * of_platform_default_populate_init; the generic simple-bus population is
 * skipped under CONFIG_PPC).  That device ("of-display") then binds the
 * simplefb driver through its OF match on compatible "simple-framebuffer"
 * (drivers/video/fbdev/simplefb.c), which reads width, height, stride,
 * format and the first reg range.
 */
static int add_framebuffer(void *fdt, const struct pseries_fdt_params *p)
{
	char name[48];

	snprintf(name, sizeof(name), "framebuffer@%llx", (unsigned long long)p->fb_base);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "compatible", "simple-framebuffer"));
	TRY(fdt_property_string(fdt, "device_type", "display"));
	TRY(fdt_property(fdt, "reg", (fdt64_t[]){ cpu_to_fdt64(p->fb_base),
						  cpu_to_fdt64(p->fb_size) }, 16));
	TRY(fdt_property_cell(fdt, "width", p->fb_width));
	TRY(fdt_property_cell(fdt, "height", p->fb_height));
	TRY(fdt_property_cell(fdt, "stride", p->fb_stride));
	TRY(fdt_property_string(fdt, "format", p->fb_format));
	TRY(fdt_property(fdt, "linux,opened", NULL, 0));
	TRY(fdt_property(fdt, "linux,boot-display", NULL, 0));
	TRY(fdt_property_string(fdt, "status", "okay"));
	TRY(fdt_end_node(fdt));
	return 0;
}

/*
 * The EPOW event source (power-off requests): Linux's ras.c requests the
 * interrupts of /event-sources/epow-events and calls check-exception on
 * each (QEMU's spapr_events.c builds the same node).  Two cells: the XICS
 * source and its sense, bit 0 = level (arch/powerpc/sysdev/xics).
 */
static int add_event_sources(void *fdt, const struct pseries_fdt_params *p)
{
	uint32_t irq[2] = { p->epow_irq, 1 };

	TRY(fdt_begin_node(fdt, "event-sources"));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 2));
	TRY(fdt_begin_node(fdt, "epow-events"));
	TRY(fdt_prop_cells(fdt, "interrupts", irq, 2));
	TRY(fdt_end_node(fdt));
	return fdt_end_node(fdt);
}

/*
 * The NVRAM: Linux's pseries code looks for a node of device_type "nvram"
 * and reads its size from "#bytes" (platforms/pseries/nvram.c); the data
 * moves through RTAS nvram-fetch / nvram-store.
 */
static int add_nvram(void *fdt, const struct pseries_fdt_params *p)
{
	TRY(fdt_begin_node(fdt, "nvram"));
	TRY(fdt_property_string(fdt, "device_type", "nvram"));
	TRY(fdt_property_cell(fdt, "#bytes", p->nvram_size));
	return fdt_end_node(fdt);
}

int fdt_pseries_build(void *buf, size_t size, const struct pseries_fdt_params *p)
{
	void *fdt = buf;
	char stdout_path[64];
	uint64_t mem_reg[2] = { 0, p->ram_size };

	snprintf(stdout_path, sizeof(stdout_path), "/vdevice/vty@%x", p->vty_reg);
	TRY(fdt_create(fdt, (int)size));
	/* RTAS code must survive the kernel's early allocations. */
	TRY(fdt_add_reservemap_entry(fdt, p->rtas_base, p->rtas_size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_string(fdt, "device_type", "chrp"));
	TRY(fdt_property_string(fdt, "model", "IBM pSeries (emulated by molvm)"));
	TRY(fdt_property_string(fdt, "compatible", "molvm,pseries"));
	TRY(fdt_property_cell(fdt, "#address-cells", 2));
	TRY(fdt_property_cell(fdt, "#size-cells", 2));
	TRY(fdt_property_cell(fdt, "interrupt-parent", PSERIES_XICS_PHANDLE));

	TRY(fdt_begin_node(fdt, "chosen"));
	TRY(fdt_property_string(fdt, "bootargs", p->bootargs ? p->bootargs : ""));
	TRY(fdt_property_string(fdt, "linux,stdout-path", stdout_path));
	TRY(fdt_property_string(fdt, "stdout-path", stdout_path));
	if (p->initrd_end > p->initrd_start) {
		TRY(prop_u64(fdt, "linux,initrd-start", p->initrd_start));
		TRY(prop_u64(fdt, "linux,initrd-end", p->initrd_end));
	}
	TRY(fdt_end_node(fdt));

	TRY(fdt_begin_node(fdt, "memory@0"));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(fdt_property(fdt, "reg", (fdt64_t[]){ cpu_to_fdt64(mem_reg[0]),
						  cpu_to_fdt64(mem_reg[1]) }, 16));
	TRY(fdt_end_node(fdt));

	TRY(add_cpus(fdt, p));
	TRY(add_rtas(fdt, p));
	TRY(add_xics(fdt, p));
	TRY(add_vdevice(fdt, p));
	if (p->hypervisor_node)
		TRY(add_hypervisor(fdt, p));
	if (p->pci)
		TRY(pci_host_fdt(p->pci, fdt));
	if (p->fb_size)
		TRY(add_framebuffer(fdt, p));
	if (p->epow_irq)
		TRY(add_event_sources(fdt, p));
	if (p->nvram_size)
		TRY(add_nvram(fdt, p));

	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	return 0;
}
