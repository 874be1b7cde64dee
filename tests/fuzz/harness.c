// SPDX-License-Identifier: GPL-2.0
/* The harnesses' shared fake machines and input reader (harness.h). */
#include "harness.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../devices/console.h"
#include "../../devices/net.h"
#include "../../devices/virtio_pci.h"
#include "../../fdt/fdt_powermac.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/cpu_models.h"
#include "../../vmm/machine.h"
#include "../../vmm/powermac_boot.h"
#include "../../vmm/vcpu.h"

#define TB_FREQ	512000000U

const uint8_t *in_bytes(struct fuzz_in *in, size_t len, size_t *got)
{
	const uint8_t *p = in->p;

	if (len > in->n)
		len = in->n;
	in->p += len;
	in->n -= len;
	*got = len;
	return p;
}

void fuzz_poke(struct fuzz_in *in, struct guest_mem *mem)
{
	uint64_t gpa = in_u32(in) % mem->size;
	size_t len = in_u8(in), got;
	const uint8_t *p = in_bytes(in, len, &got);

	if (got > mem->size - gpa)
		got = (size_t)(mem->size - gpa);
	memcpy(mem->host + gpa, p, got);
}

static void die(const char *what)
{
	perror(what);
	abort();
}

void fuzz_vm_init(struct fuzz_vm *f, const char *machine, uint64_t ram, int nr_vcpus)
{
	int i;

	memset(f, 0, sizeof(*f));
	f->cfg.machine = machine_find(machine);
	f->cfg.smp = (unsigned int)nr_vcpus;
	f->cfg.ram_size = ram;
	vm_init(&f->vm, &f->cfg);
	if (!f->cfg.machine || guest_mem_alloc(&f->vm.mem, ram))
		die("fuzz_vm_init");
	f->vm.con = console_create(NULL, -1, -1, NULL, NULL);
	if (!f->vm.con)
		die("console_create");
	for (i = 0; i < MOLVM_MAX_VCPUS; i++) {
		f->vm.vcpus[i].vm = &f->vm;
		f->vm.vcpus[i].id = i;
	}
	f->vm.nr_vcpus = nr_vcpus;
	f->vm.vcpus[0].running = true;
}

void fuzz_vm_free(struct fuzz_vm *f)
{
	int i;

	console_destroy(f->vm.con);
	guest_mem_free(&f->vm.mem);
	for (i = 0; i < MOLVM_MAX_VCPUS; i++) {
		pthread_mutex_destroy(&f->vm.vcpus[i].lock);
		pthread_cond_destroy(&f->vm.vcpus[i].cond);
	}
}

void fuzz_socketpair(int sv[2])
{
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv))
		die("socketpair");
}

/* Made once per process: the tree, the image, the "tap". */
static uint8_t pm_fdt[0x8000];
static int image_fd = -1;
static char image_path[64];
static int net_sv[2] = { -1, -1 };
static uint8_t pattern[FUZZ_IMAGE_SIZE];
/* RAM laid out for an Open Firmware client (as -rom and Linux's vmlinux
 * boot): its HTAB, the client-interface stub, the firmware's claims */
static struct pmac_boot pm_boot;

const char *fuzz_image(void)
{
	size_t i;

	if (image_fd < 0) {
		image_fd = memfd_create("fuzz-image", MFD_CLOEXEC);
		if (image_fd < 0)
			die("memfd_create");
		for (i = 0; i < sizeof(pattern); i++)
			pattern[i] = (uint8_t)(i / 512 + i * 7);
		snprintf(image_path, sizeof(image_path), "/proc/self/fd/%d", image_fd);
	}
	/* The image starts the same for every input. */
	if (pwrite(image_fd, pattern, sizeof(pattern), 0) != (ssize_t)sizeof(pattern) ||
	    ftruncate(image_fd, sizeof(pattern)))
		die("image");
	return image_path;
}

static void powermac_once(void)
{
	char err[128];
	struct powermac_fdt_params p = {
		.cpu = cpu_model_find("7447a"), .ram_size = FUZZ_PMAC_RAM,
		.timebase_freq = TB_FREQ, .nvram_size = OSI_NVRAM_BYTES,
		.fb_base = OSI_FB_BASE, .fb_size = OSI_FB_SIZE,
		.irq_tty = OSI_IRQ_TTY, .irq_video = OSI_IRQ_VIDEO, .irq_ablk = OSI_IRQ_ABLK,
		.irq_kbd = OSI_IRQ_KBD, .irq_mouse = OSI_IRQ_MOUSE, .irq_enet = OSI_IRQ_ENET,
		.enet = true, .nr_drives = 1, .claimed = &pm_boot.phys,
	};

	if (net_sv[0] >= 0)
		return;
	if (pmac_boot_layout(&pm_boot, FUZZ_PMAC_RAM, true, 0, 0, 0, 0, 0, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	if (fdt_powermac_build(pm_fdt, sizeof(pm_fdt), &p))
		die("fdt_powermac_build");
	fuzz_socketpair(net_sv);
}

int fuzz_net_peer(void)
{
	return net_sv[1];
}

/* What pmac_boot_install writes (the HTAB with RAM and the I/O windows
 * mapped, the stub below it), once: mapping the framebuffer's pages is
 * most of an input's time otherwise.  Later inputs get a copy. */
static void install_boot(struct guest_mem *mem)
{
	static uint8_t *img;
	uint32_t len = pm_boot.htab_size + PMAC_OF_FW_SIZE;

	if (!img) {
		if (pmac_boot_install(mem, &pm_boot) || !(img = malloc(len)))
			die("pmac_boot_install");
		memcpy(img, mem->host + pm_boot.fw, len);
		return;
	}
	memcpy(mem->host + pm_boot.fw, img, len);
}

const struct pmac_boot *fuzz_pmac_boot(void)
{
	return &pm_boot;
}

void fuzz_powermac_init(struct fuzz_vm *f, bool net)
{
	static struct drive_config drive;
	uint8_t junk[256];

	powermac_once();
	snprintf(drive.file, sizeof(drive.file), "%s", fuzz_image());
	fuzz_vm_init(f, "powermac", FUZZ_PMAC_RAM, 1);
	if (osi_devices_init(&f->vm, TB_FREQ, pm_fdt, NULL, &drive, 1, NULL, &pm_boot))
		die("osi_devices_init");
	install_boot(&f->vm.mem);
	/* Nothing of the last input's traffic stays in the "tap". */
	while (recv(net_sv[0], junk, sizeof(junk), 0) > 0)
		;
	while (recv(net_sv[1], junk, sizeof(junk), 0) > 0)
		;
	if (net) {
		/* the tap back end on a copy of the shared socket (closed
		 * with the VM); no event loop: netdev_pump delivers */
		f->vm.osi->enet2.nd = netdev_tap_fd(dup(net_sv[0]));
		if (!f->vm.osi->enet2.nd || enet2_start(&f->vm))
			die("enet2");
	}
}

void fuzz_powermac_free(struct fuzz_vm *f)
{
	osi_devices_free(&f->vm);
	fuzz_vm_free(f);
}

uint32_t fuzz_osi_call(struct fuzz_vm *f, uint32_t sel, const uint32_t args[6])
{
	uint64_t gpr[32] = { 0 };
	int i;

	gpr[3] = OSI_SC_MAGIC_R3;
	gpr[4] = OSI_SC_MAGIC_R4;
	gpr[5] = sel;
	for (i = 0; i < 6; i++)
		gpr[6 + i] = args[i];
	osi_dispatch(&f->vm.vcpus[0], gpr);
	return (uint32_t)gpr[3];
}

/* ---- a virtio-pci driver made of input ---------------------------------- */

static void bar_write(struct fuzz_virtio *d, uint64_t off, uint64_t v, uint32_t len)
{
	uint8_t b[8];
	uint32_t i;

	for (i = 0; i < len; i++)
		b[i] = (uint8_t)(v >> (8 * i));		/* virtio registers are LE */
	virtio_pci_bar_access(d->vp, off, b, len, true);
}

/* An address mostly inside RAM, sometimes past it or straddling its end. */
static uint64_t some_gpa(struct fuzz_in *in, uint64_t ram)
{
	uint32_t v = in_u32(in);

	switch (v >> 30) {
	case 0:
	case 1:
		return v % ram;
	case 2:
		return ram - (v & 0xfff);
	default:
		return (uint64_t)v << 3;
	}
}

static void setup_queue(struct fuzz_virtio *d, struct fuzz_in *in)
{
	uint16_t qi = in_u8(in) % 4, size = (uint16_t)(1u << (in_u8(in) % 9));
	uint64_t desc = some_gpa(in, d->mem->size), avail = some_gpa(in, d->mem->size);
	uint64_t used = some_gpa(in, d->mem->size);

	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x14, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER, 1);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x08, 1, 4);			/* gfselect */
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x0c, 1 | in_u8(in), 4);		/* VERSION_1 */
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x08, 0, 4);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x0c, in_u32(in), 4);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x14, VIRTIO_STATUS_ACKNOWLEDGE |
		  VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK, 1);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x16, qi, 2);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x18, size, 2);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x20, desc, 8);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x28, avail, 8);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x30, used, 8);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x1c, 1, 2);
	bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x14, VIRTIO_STATUS_ACKNOWLEDGE |
		  VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK, 1);
	d->q[qi].desc = desc;
	d->q[qi].avail = avail;
	d->q[qi].size = size;
	d->q[qi].avail_idx = 0;
}

/* A chain of up to 8 descriptors from a head, published and kicked. */
static void submit(struct fuzz_virtio *d, struct fuzz_in *in)
{
	uint16_t qi = in_u8(in) % 4, size = d->q[qi].size ? d->q[qi].size : 1;
	uint16_t head = in_u8(in) % size, idx = head;
	unsigned int n = in_u8(in) % 9, i;

	for (i = 0; i < n; i++) {
		uint64_t at = d->q[qi].desc + 16 * (uint64_t)idx;
		uint8_t flags = in_u8(in);
		uint16_t next = flags & 0x80 ? in_u16(in) : (uint16_t)((idx + 1) % size);
		uint32_t len = flags & 0x40 ? in_u32(in) : in_u16(in);
		uint64_t gpa = some_gpa(in, d->mem->size);

		guest_write_le32(d->mem, at, (uint32_t)gpa);
		guest_write_le32(d->mem, at + 4, (uint32_t)(gpa >> 32));
		guest_write_le32(d->mem, at + 8, len);
		guest_write_le16(d->mem, at + 12, (uint16_t)(flags & 7));
		guest_write_le16(d->mem, at + 14, next);
		idx = next % size;
	}
	guest_write_le16(d->mem, d->q[qi].avail + 4 + 2 * (uint64_t)(d->q[qi].avail_idx % size),
			 head);
	d->q[qi].avail_idx = (uint16_t)(d->q[qi].avail_idx + (in_u8(in) & 0x10 ? in_u16(in) : 1));
	guest_write_le16(d->mem, d->q[qi].avail + 2, d->q[qi].avail_idx);
	bar_write(d, VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT * (uint64_t)qi, qi, 2);
}

void fuzz_virtio_op(struct fuzz_virtio *d, struct fuzz_in *in)
{
	static const uint32_t lens[4] = { 1, 2, 4, 8 };
	uint8_t b[8] = { 0 };
	uint32_t len, v;
	uint64_t off;

	switch (in_u8(in) % 8) {
	case 0:
		fuzz_poke(in, d->mem);
		break;
	case 1:		/* a raw BAR0 access */
		off = in_u16(in) % VIRTIO_PCI_BAR_SIZE;
		len = lens[in_u8(in) % 4];
		if (in_u8(in) & 1) {
			bar_write(d, off, in_u64(in), len);
		} else {
			virtio_pci_bar_access(d->vp, off, b, len, false);
		}
		break;
	case 2:		/* config space */
		off = in_u8(in);
		len = lens[in_u8(in) % 3];
		if (in_u8(in) & 1)
			virtio_pci_cfg_write(d->vp, (uint32_t)off, len, in_u32(in));
		else
			virtio_pci_cfg_read(d->vp, (uint32_t)off, len, &v);
		break;
	case 3:
		setup_queue(d, in);
		break;
	case 4:
	case 5:
		submit(d, in);
		break;
	case 6:		/* reset, or read the ISR (acknowledge) */
		if (in_u8(in) & 1)
			bar_write(d, VIRTIO_PCI_COMMON_OFF + 0x14, 0, 1);
		else
			virtio_pci_bar_access(d->vp, VIRTIO_PCI_ISR_OFF, b, 1, false);
		break;
	default:	/* device configuration (virtio-input's select) */
		off = VIRTIO_PCI_DEVCFG_OFF + in_u8(in);
		len = lens[in_u8(in) % 4];
		bar_write(d, off, in_u64(in), len);
		virtio_pci_bar_access(d->vp, off, b, len, false);
		break;
	}
}
