// SPDX-License-Identifier: GPL-2.0
#include "pseries_io.h"

#include <event2/event.h>
#include <string.h>
#include <unistd.h>

#include "../devices/console.h"
#include "../devices/spapr_phb.h"
#include "../devices/simplefb.h"
#include "../devices/tap.h"
#include "../devices/virtio_blk.h"
#include "../devices/virtio_input.h"
#include "../devices/virtio_net.h"
#include "../devices/xics.h"
#include "../fdt/fdt_pseries.h"
#include "../ui/display.h"
#include "../ui/input.h"
#include "log.h"
#include "mmio.h"
#include "vm.h"

_Static_assert(MOLVM_MAX_DRIVES + MOLVM_MAX_NETDEVS + 1 <= SPAPR_PHB_SLOTS, "PHB slots");

static struct virtio_blk blks[MOLVM_MAX_DRIVES];
static struct virtio_net nets[MOLVM_MAX_NETDEVS];
static int nr_blks, nr_nets;
static struct virtio_input input;
static bool has_input;

struct slot_irq {
	struct vm *vm;
	uint32_t irq;
};
static struct slot_irq slot_irqs[SPAPR_PHB_SLOTS];

/* Keyboard and mouse events can come from somewhere: a window, the
 * VNC, the control socket or a script.  (Plain runs keep the bus as it was.) */
static bool wants_input(const struct vm_config *cfg)
{
	bool window = !cfg->nographic &&
		      (cfg->display ? strcmp(cfg->display, "none") != 0
				    : display_default() != &display_none);

	return window || cfg->vnc || cfg->qmp || cfg->script;
}

static int slot_ops(const struct vm_config *cfg, const struct virtio_dev_ops **ops)
{
	int i, n = 0;

	for (i = 0; i < cfg->nr_drives; i++)
		ops[n++] = &virtio_blk_ops;
	for (i = 0; i < cfg->nr_netdevs; i++)
		ops[n++] = &virtio_net_ops;
	if (wants_input(cfg))
		ops[n++] = &virtio_input_ops;
	return n;
}

int pseries_io_fdt(void *fdt, const void *arg)
{
	const struct virtio_dev_ops *ops[SPAPR_PHB_SLOTS];
	int n = slot_ops(arg, ops);

	return n ? spapr_phb_fdt(fdt, ops, n, PSERIES_XICS_PHANDLE) : 0;
}

static void set_slot_irq(void *opaque, int level)
{
	struct slot_irq *si = opaque;

	xics_set_level(si->vm, si->irq, level);
}

static void bar_access(struct vcpu *vcpu, void *opaque, uint64_t offset, uint8_t *data,
		       uint32_t len, bool is_write)
{
	(void)vcpu;
	virtio_pci_bar_access(opaque, offset, data, len, is_write);
}

static int add_slot(struct vm *vm, int slot, struct virtio_pci *vp,
		    const struct virtio_dev_ops *ops, void *dev)
{
	struct mmio_region r = {
		.name = ops->name,
		.base = spapr_phb_bar_cpu(slot),
		.size = VIRTIO_PCI_BAR_SIZE,
		.access = bar_access,
		.opaque = vp,
	};

	slot_irqs[slot].vm = vm;
	slot_irqs[slot].irq = SPAPR_PHB_IRQ_BASE + (uint32_t)slot;
	if (xics_set_lsi(vm, slot_irqs[slot].irq))
		return -1;
	virtio_pci_init(vp, ops, dev, &vm->mem, (uint32_t)spapr_phb_bar_pci(slot),
			set_slot_irq, &slot_irqs[slot]);
	if (mmio_register(&r)) {
		pr_err("%s: cannot map BAR0 at 0x%llx", ops->name, (unsigned long long)r.base);
		return -1;
	}
	spapr_phb_attach(slot, vp);
	return 0;
}

int pseries_io_setup(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	char err[256];
	int i, slot = 0;

	spapr_phb_reset();
	for (i = 0; i < cfg->nr_drives; i++, slot++) {
		if (virtio_blk_open(&blks[i], cfg->drives[i].file, cfg->drives[i].readonly,
				    err, sizeof(err))) {
			pr_err("%s", err);
			return -1;
		}
		nr_blks = i + 1;
		if (add_slot(vm, slot, &blks[i].vp, &virtio_blk_ops, &blks[i]))
			return -1;
		if (virtio_blk_start(&blks[i], err, sizeof(err))) {
			pr_err("%s", err);
			return -1;
		}
	}
	for (i = 0; i < cfg->nr_netdevs; i++, slot++) {
		int fd = tap_open(cfg->netdevs[i].ifname, err, sizeof(err));

		if (fd < 0) {
			pr_err("%s", err);
			return -1;
		}
		virtio_net_setup(&nets[i], fd, i);
		nr_nets = i + 1;
		if (add_slot(vm, slot, &nets[i].vp, &virtio_net_ops, &nets[i]))
			return -1;
	}
	if (wants_input(cfg)) {
		virtio_input_setup(&input, SIMPLEFB_WIDTH, SIMPLEFB_HEIGHT);
		if (add_slot(vm, slot, &input.vp, &virtio_input_ops, &input))
			return -1;
		has_input = true;
		input_set_sink(virtio_input_sink, &input);
	}
	return 0;
}

/* New console input: the vty's interrupt (hvc_vio then reads it all). */
static void vty_input(void *arg)
{
	xics_pulse(arg, XICS_IRQ_VTY);
}

int pseries_io_start(struct vm *vm)
{
	int i;

	console_set_notify(vm->con, vty_input, vm);

	for (i = 0; i < nr_nets; i++)
		if (virtio_net_start(&nets[i], vm->base)) {
			pr_err("virtio-net: cannot watch tap %s", vm->cfg->netdevs[i].ifname);
			return -1;
		}
	return 0;
}

void pseries_io_shutdown(struct vm *vm)
{
	int i;

	(void)vm;
	if (has_input) {
		input_set_sink(NULL, NULL);
		has_input = false;
	}
	for (i = 0; i < nr_blks; i++)
		virtio_blk_close(&blks[i]);
	for (i = 0; i < nr_nets; i++) {
		if (nets[i].rx_ev)
			event_free(nets[i].rx_ev);
		nets[i].rx_ev = NULL;
		close(nets[i].tap_fd);
	}
	nr_blks = nr_nets = 0;
}
