// SPDX-License-Identifier: GPL-2.0
/*
 * The Open Firmware client interface: one argument array per call,
 * IEEE 1275 6.3.1: { service, nargs, nret, args[nargs], rets[nret] },
 * 32-bit cells, big-endian, in the client's address space.  r3 = 0 when
 * the service ran (what it has to say is in its results), -1 when the
 * service does not exist or the array is malformed; an unknown service
 * never stops the VM.  The services and what they answer on bad input
 * follow IEEE 1275 (and MOL's OpenBIOS where the standard is silent).
 */
#include "of_client.h"

#include <libfdt.h>
#include <string.h>
#include <time.h>

#include "../devices/console.h"
#include "../fdt/fdt_powermac.h"
#include "../vmm/kvm.h"
#include "../vmm/log.h"
#include "../vmm/powermac_boot.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"
#include "of_fw.h"

#define OF_SERVICE_MAX	32	/* service names, bytes with the NUL */

void of_osi_stub(uint32_t selector, uint32_t w[OF_STUB_WORDS])
{
	w[0] = 0x7c661b78;				/* mr   r6,r3 */
	w[1] = 0x3c600000 | OSI_SC_MAGIC_R3 >> 16;	/* lis  r3,0x1137 */
	w[2] = 0x60630000 | (OSI_SC_MAGIC_R3 & 0xffff);	/* ori  r3,r3,0x24fa */
	w[3] = 0x3c800000 | OSI_SC_MAGIC_R4 >> 16;	/* lis  r4,0x7781 */
	w[4] = 0x60840000 | (OSI_SC_MAGIC_R4 & 0xffff);	/* ori  r4,r4,0x0f9b */
	w[5] = 0x38a00000 | (selector & 0x7fff);	/* li   r5,selector */
	w[6] = 0x44000002;				/* sc */
	w[7] = 0x4e800020;				/* blr */
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int of_fw_init(struct vm *vm, struct of_fw *fw, const struct pmac_boot *boot)
{
	static const struct {
		uint32_t ih;
		enum of_inst_type type;
		const char *path;
	} chosen[] = {
		{ OF_IH_STDOUT, OF_INST_CONSOLE, PMAC_CONSOLE_PATH },
		{ OF_IH_STDIN, OF_INST_CONSOLE, PMAC_CONSOLE_PATH },
		{ OF_IH_MMU, OF_INST_MMU, PMAC_CPU_PATH },
		{ OF_IH_MEMORY, OF_INST_MEMORY, "/memory" },
		{ OF_IH_NVRAM, OF_INST_NVRAM, PMAC_MACIO_PATH "/nvram@60000" },
	};
	void *fdt = vm->osi->prom;
	size_t i;

	memset(fw, 0, sizeof(*fw));
	fw->phys = boot->phys;
	fw->virt = boot->virt;
	fw->ram = boot->ram;
	fw->maps = boot->of_client;
	fw->start_ns = now_ns();
	for (i = 0; i < sizeof(chosen) / sizeof(chosen[0]); i++) {
		int off = prom_resolve(fdt, chosen[i].path, NULL, 0);

		if (off < 0) {
			pr_err("Open Firmware: no %s in the device tree", chosen[i].path);
			return -1;
		}
		/* slots 0-4 in order, generation 1: the OF_IH_* values */
		if (of_instance_new(fw, chosen[i].type, fdt_get_phandle(fdt, off), "") !=
		    chosen[i].ih)
			return -1;
		if (chosen[i].type == OF_INST_CONSOLE)
			fw->console_ph = fdt_get_phandle(fdt, off);
	}
	return 0;
}

/* ---- the device-tree services ---------------------------------------- */

static void svc_finddevice(struct of_call *c)
{
	c->r[0] = prom_find_device(&c->prom, c->a[0]);
}

static void svc_getprop(struct of_call *c)
{
	c->r[0] = prom_getprop(&c->prom, c->a[0], c->a[1], c->a[2], (int32_t)c->a[3]);
}

static void svc_getproplen(struct of_call *c)
{
	c->r[0] = prom_getproplen(&c->prom, c->a[0], c->a[1]);
}

static void svc_nextprop(struct of_call *c)
{
	/* -1 for a bad package, 0 after the last property, 1 otherwise */
	c->r[0] = prom_nextprop(&c->prom, c->a[0], c->a[1], c->a[2]);
}

static void svc_setprop(struct of_call *c)
{
	c->r[0] = prom_setprop(&c->prom, c->a[0], c->a[1], c->a[2], (int32_t)c->a[3]);
}

static void svc_peer(struct of_call *c)
{
	c->r[0] = prom_peer(&c->prom, c->a[0]);
}

static void svc_child(struct of_call *c)
{
	c->r[0] = prom_child(&c->prom, c->a[0]);
}

static void svc_parent(struct of_call *c)
{
	c->r[0] = prom_parent(&c->prom, c->a[0]);
}

static void svc_package_to_path(struct of_call *c)
{
	c->r[0] = prom_package_to_path(&c->prom, c->a[0], c->a[1], (int32_t)c->a[2]);
}

/* canon ( device-specifier buf buflen -- length ): the full path */
static void svc_canon(struct of_call *c)
{
	char spec[PROM_PATH_MAX], path[PROM_PATH_MAX], args[PROM_ARGS_MAX];
	int off, n;

	c->r[0] = OF_ERR;
	if (!gview_read_str(&c->prom.view, c->a[0], spec, sizeof(spec)))
		return;
	off = prom_resolve(c->prom.fdt, spec, args, sizeof(args));
	if (off < 0 || fdt_get_path(c->prom.fdt, off, path, sizeof(path)))
		return;
	n = (int)strlen(path);
	if (args[0] && (size_t)snprintf(path + n, sizeof(path) - (size_t)n, ":%s", args) >=
	    sizeof(path) - (size_t)n)
		return;
	c->r[0] = prom_copy_out(&c->prom, path, strlen(path), c->a[1], (int32_t)c->a[2]);
}

/* ---- time, control ---------------------------------------------------- */

static void svc_milliseconds(struct of_call *c)
{
	c->r[0] = (uint32_t)((now_ns() - c->fw->start_ns) / 1000000u);
}

/*
 * quiesce: the client takes over the machine.  molvm's firmware runs no
 * DMA and no timers of its own, so there is nothing to stop; it keeps
 * answering, since clients still print after it (Linux's prom_init:
 * "Booting Linux via __start() ...").  MOL's OpenBIOS closed its tree
 * and suspended the OSI keyboard (methods.c ciface_quiesce); molvm's
 * keyboard has no firmware user to suspend.
 */
static void svc_quiesce(struct of_call *c)
{
	c->fw->quiesced = true;
}

/* exit: back to the firmware's prompt -- molvm has none, so the machine
 * powers off, as MOL's OpenBIOS did (mol.c exit -> OSI_Exit). */
static void svc_exit(struct of_call *c)
{
	pr_info("the guest called Open Firmware's exit: powering off");
	vm_request_exit(c->vm, MOLVM_EXIT_POWEROFF);
}

static void svc_test(struct of_call *c);

struct of_service {
	const char *name;
	uint32_t min_args, max_args;
	void (*fn)(struct of_call *c);
};

static const struct of_service services[] = {
	{ "finddevice", 1, 1, svc_finddevice },
	{ "getprop", 4, 4, svc_getprop },
	{ "getproplen", 2, 2, svc_getproplen },
	{ "nextprop", 3, 3, svc_nextprop },
	{ "setprop", 4, 4, svc_setprop },
	{ "peer", 1, 1, svc_peer },
	{ "child", 1, 1, svc_child },
	{ "parent", 1, 1, svc_parent },
	{ "package-to-path", 3, 3, svc_package_to_path },
	{ "canon", 3, 3, svc_canon },
	{ "instance-to-package", 1, 1, of_svc_instance_to_package },
	{ "instance-to-path", 3, 3, of_svc_instance_to_path },
	{ "instance-to-interposed-path", 3, 3, of_svc_instance_to_path },
	{ "open", 1, 1, of_svc_open },
	{ "close", 1, 1, of_svc_close },
	{ "read", 3, 3, of_svc_read },
	{ "write", 3, 3, of_svc_write },
	{ "seek", 3, 3, of_svc_seek },
	{ "claim", 3, 3, of_svc_claim },
	{ "release", 2, 2, of_svc_release },
	{ "call-method", 2, OF_MAX_CELLS, of_svc_call_method },
	{ "interpret", 1, OF_MAX_CELLS, of_svc_interpret },
	{ "milliseconds", 0, 0, svc_milliseconds },
	{ "quiesce", 0, 0, svc_quiesce },
	{ "exit", 0, 0, svc_exit },
	{ "test", 1, 1, svc_test },
};

static const struct of_service *service(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (!strcmp(name, services[i].name))
			return &services[i];
	return NULL;
}

/* test ( name -- missing? ): 0 if the service exists, -1 if not */
static void svc_test(struct of_call *c)
{
	char name[OF_SERVICE_MAX];

	c->r[0] = gview_read_str(&c->prom.view, c->a[0], name, sizeof(name)) && service(name) ?
		  0 : OF_ERR;
}

/* OF_INTERFACE(args): the client's call as the stub passes it.  The
 * client's MMU comes from KVM (the MSR exit_osi read, SDR1, segment
 * registers and BATs); without a vCPU fd (unit tests) addresses are
 * physical. */
uint32_t osi_of_interface(struct vcpu *vcpu, uint64_t *gpr)
{
	struct ppc32_mmu mmu;
	bool flush;
	uint32_t r;

	if (vcpu->fd >= 0 && kvm_vcpu_get_mmu32(vcpu, (uint32_t)vcpu->osi_msr, &mmu))
		return OSI_ERR;
	r = of_client_call(vcpu->vm, vcpu->fd >= 0 ? &mmu : NULL, osi_arg(gpr, 0), &flush);
	if (flush && vcpu->fd >= 0)
		kvm_vcpu_flush_tlb(vcpu);
	return r;
}

uint32_t of_client_call(struct vm *vm, const struct ppc32_mmu *mmu, uint32_t args, bool *flush)
{
	struct of_call c = { .vm = vm, .fw = &vm->osi->of, .mmu = mmu };
	const struct of_service *s;
	char name[OF_SERVICE_MAX];
	uint32_t svc, i;

	*flush = false;
	c.prom.fdt = vm->osi->prom;
	c.prom.view = (struct guest_view){ &vm->mem, mmu };
	if (!gview_read_be32(&c.prom.view, args, &svc) ||
	    !gview_read_be32(&c.prom.view, args + 4, &c.nargs) ||
	    !gview_read_be32(&c.prom.view, args + 8, &c.nret) ||
	    !gview_read_str(&c.prom.view, svc, name, sizeof(name)))
		return OF_ERR;
	s = service(name);
	if (!s || c.nargs < s->min_args || c.nargs > s->max_args || c.nret > OF_MAX_CELLS)
		return OF_ERR;
	for (i = 0; i < c.nargs; i++)
		if (!gview_read_be32(&c.prom.view, args + 12 + 4 * i, &c.a[i]))
			return OF_ERR;
	/* the results must be writable before anything is done */
	for (i = 0; i < c.nret; i++)
		if (!gview_write_be32(&c.prom.view, args + 12 + 4 * (c.nargs + i), 0))
			return OF_ERR;
	s->fn(&c);
	for (i = 0; i < c.nret; i++)
		gview_write_be32(&c.prom.view, args + 12 + 4 * (c.nargs + i), c.r[i]);
	*flush = c.flush;
	return 0;
}
