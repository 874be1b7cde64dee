// SPDX-License-Identifier: GPL-2.0
/* Life cycle of the powermac machine's OSI device state. */
#include "osi_devices.h"

#include <event2/event.h>
#include <libfdt.h>
#include <stdlib.h>

#include "../devices/console.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "of_client.h"

/* Room the guest's setprop/create-node calls may add to the tree. */
#define PROM_GROWTH	0x10000

int osi_devices_init(struct vm *vm, uint32_t tb_freq, const void *fdt,
		     const char *nvram_path, const struct drive_config *drives, int nr_drives,
		     const struct netdev_config *net, const struct pmac_boot *boot)
{
	struct osi_devices *d = calloc(1, sizeof(*d));

	if (!d) {
		pr_err("out of memory");
		return -1;
	}
	d->tb_freq = tb_freq;
	osi_pic_init(vm, &d->pic);
	mac_enet_init(&d->menet);
	d->prom_size = fdt_totalsize(fdt) + PROM_GROWTH;
	d->prom = malloc(d->prom_size);
	if (!d->prom || fdt_open_into(fdt, d->prom, (int)d->prom_size)) {
		pr_err("cannot set up the device tree for Open Firmware calls");
		free(d->prom);
		free(d);
		return -1;
	}
	if (osi_nvram_load(d, nvram_path) || osi_video_init(&d->video) ||
	    ablk_open(vm, &d->ablk, drives, nr_drives) || enet2_open(&d->enet2, net)) {
		enet2_close(&d->enet2);
		ablk_close(&d->ablk);
		osi_video_free(&d->video);
		free(d->prom);
		free(d);
		return -1;
	}
	/* Each device's line to its osi-pic source (the tree's "interrupts") */
	osi_pic_connect(&d->pic, OSI_IRQ_VIDEO, &d->video.irq);
	osi_pic_connect(&d->pic, OSI_IRQ_TTY, &d->tty_irq);
	osi_pic_connect(&d->pic, OSI_IRQ_MOUSE, &d->input.mouse_irq);
	osi_pic_connect(&d->pic, OSI_IRQ_KBD, &d->input.kbd_irq);
	osi_pic_connect(&d->pic, OSI_IRQ_ABLK, &d->ablk.irq);
	osi_pic_connect(&d->pic, OSI_IRQ_ENET, &d->enet2.irq);
	osi_pic_connect(&d->pic, OSI_IRQ_SOUND, &d->sound_irq);
	osi_sound_init(&d->sound, &vm->mem, NULL, osi_sound_line, &d->sound_irq);
	d->sound_present = vm->cfg && vm->cfg->audiodev;
	vm->osi = d;
	if (of_fw_init(vm, &d->of, boot)) {
		osi_devices_free(vm);
		return -1;
	}
	osi_input_init(vm);
	return 0;
}

int osi_devices_save(struct vm *vm)
{
	return vm->osi ? osi_nvram_save(vm->osi) : 0;
}

void osi_devices_free(struct vm *vm)
{
	if (!vm->osi)
		return;
	if (vm->osi->tty_attached && vm->con)
		console_set_notify(vm->con, NULL, NULL);
	osi_input_stop(vm);
	if (vm->osi->sound_tick)
		event_free(vm->osi->sound_tick);
	osi_sound_destroy(&vm->osi->sound);
	enet2_close(&vm->osi->enet2);
	ablk_close(&vm->osi->ablk);
	osi_video_free(&vm->osi->video);
	free(vm->osi->prom);
	free(vm->osi);
	vm->osi = NULL;
}
