// SPDX-License-Identifier: GPL-2.0
/*
 * OSI dispatch: one table indexed by selector, with every one of MOL
 * 0.9.72's 100 numbers accounted for (src/include/osi.h).  An entry is
 *   - implemented: a handler;
 *   - not available: MOL defines it, molvm does not provide the device
 *     (sound, SCSI, OF_TRAP, PSEUDO_FS, MOL's kernel accelerations);
 *   - obsolete/unused: no name in 0.9.72.
 * The last two behave as MOL's osip_bad_vector: r3 = 0 and CALL_AVAILABLE
 * answers 0; molvm also reports each such selector once.  Handlers that
 * need the powermac devices are "not available" on a VM without them.
 */
#include "osi.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"

static uint32_t osi_call_available(struct vcpu *vcpu, uint64_t *gpr);

/* CMOUNT_DRV_VOL: MOL mounted its driver disk here for OS X only
 * (osi_driver.c osip_mount_drv_vol); molvm has none.  MOL's Mac OS video
 * driver calls it. */
static uint32_t osi_cmount_drv_vol(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu, (void)gpr;
	return 0;
}

bool osi_user_allowed(const struct vm *vm, uint32_t selector)
{
	if (!vm->osi_from_user)
		return false;
	switch (selector) {
	case OSI_OF_INTERFACE:
	case OSI_OF_TRAP:
	case OSI_OF_RTAS:
	case OSI_PROM_IFACE:
	case OSI_PROM_PATH_IFACE:
	case OSI_BOOT_HELPER:
	case OSI_EMUACCEL:
	case OSI_MAPIN_MREGS:
		return false;
	default:
		return true;
	}
}

struct osi_call {
	const char *name;	/* MOL's, without OSI_; NULL: unused number */
	osi_fn fn;		/* NULL: not available */
	bool dev;		/* needs vm->osi (the powermac devices) */
	bool (*present)(const struct vm *vm);	/* NULL: always, with dev */
};

#define CORE(n, f)	{ n, f, false, NULL }
#define DEV(n, f)	{ n, f, true, NULL }
#define NET(n, f)	{ n, f, true, osi_enet2_present }	/* with -netdev only */
#define SND(n, f)	{ n, f, true, osi_sound_present }	/* with -audiodev only */
#define NONE(n)		{ n, NULL, false, NULL }

static const struct osi_call osi_calls[OSI_NR_SELECTORS] = {
	[OSI_CALL_AVAILABLE]	= CORE("CALL_AVAILABLE", osi_call_available),
	[OSI_DEBUGGER]		= CORE("DEBUGGER", osi_debugger),
	[OSI_CMOUNT_DRV_VOL]	= CORE("CMOUNT_DRV_VOL", osi_cmount_drv_vol),
	[OSI_GET_GMT_TIME]	= CORE("GET_GMT_TIME", osi_get_gmt_time),
	[OSI_MOUSE_CNTRL]	= DEV("MOUSE_CNTRL", osi_mouse_cntrl),
	[OSI_GET_LOCALTIME]	= CORE("GET_LOCALTIME", osi_get_localtime),
	[OSI_ENET_OPEN]		= NET("ENET_OPEN", osi_enet_open),
	[OSI_ENET_CLOSE]	= NET("ENET_CLOSE", osi_enet_close),
	[OSI_ENET_GET_ADDR]	= NET("ENET_GET_ADDR", osi_enet_get_addr),
	[OSI_ENET_GET_STATUS]	= NET("ENET_GET_STATUS", osi_enet_get_status),
	[OSI_ENET_CONTROL]	= NET("ENET_CONTROL", osi_enet_control),
	[OSI_ENET_ADD_MULTI]	= NET("ENET_ADD_MULTI", osi_enet_multicast),
	[OSI_ENET_DEL_MULTI]	= NET("ENET_DEL_MULTI", osi_enet_multicast),
	[OSI_ENET_GET_PACKET]	= NET("ENET_GET_PACKET", osi_enet_get_packet),
	[OSI_ENET_SEND_PACKET]	= NET("ENET_SEND_PACKET", osi_enet_send_packet),
	[OSI_OF_INTERFACE]	= DEV("OF_INTERFACE", osi_of_interface),
	[OSI_OF_TRAP]		= NONE("OF_TRAP"),
	[OSI_OF_RTAS]		= DEV("OF_RTAS", osi_of_rtas),
	[OSI_SCSI_CNTRL]	= NONE("SCSI_CNTRL"),
	[OSI_SCSI_SUBMIT]	= NONE("SCSI_SUBMIT"),
	[OSI_SCSI_ACK]		= NONE("SCSI_ACK"),
	[OSI_GET_MOUSE]		= DEV("GET_MOUSE", osi_get_mouse),
	[OSI_ACK_MOUSE_IRQ]	= DEV("ACK_MOUSE_IRQ", osi_ack_mouse_irq),
	[OSI_SET_VMODE]		= DEV("SET_VMODE", osi_set_vmode),
	[OSI_GET_VMODE_INFO]	= DEV("GET_VMODE_INFO", osi_get_vmode_info),
	[OSI_GET_MOUSE_DPI]	= DEV("GET_MOUSE_DPI", osi_get_mouse_dpi),
	[OSI_SET_VIDEO_POWER]	= DEV("SET_VIDEO_POWER", osi_set_video_power),
	[OSI_GET_FB_INFO]	= DEV("GET_FB_INFO", osi_get_fb_info),
	[OSI_SOUND_WRITE]	= SND("SOUND_WRITE", osi_sound_write_call),
	[OSI_SOUND_SET_VOLUME]	= SND("SOUND_SET_VOLUME", osi_sound_set_volume),
	[OSI_SOUND_CNTL]	= SND("SOUND_CNTL", osi_sound_cntl_call),
	[OSI_VIDEO_ACK_IRQ]	= DEV("VIDEO_ACK_IRQ", osi_video_ack_irq),
	[OSI_VIDEO_CNTRL]	= DEV("VIDEO_CNTRL", osi_video_cntrl),
	[OSI_SOUND_IRQ_ACK]	= SND("SOUND_IRQ_ACK", osi_sound_irq_ack_call),
	[OSI_SOUND_START_STOP]	= NONE("SOUND_START_STOP"),
	[OSI_REGISTER_IRQ]	= DEV("REGISTER_IRQ", osi_register_irq),
	[OSI_LOG_PUTC]		= CORE("LOG_PUTC", osi_log_putc),
	[OSI_KBD_CNTRL]		= DEV("KBD_CNTRL", osi_kbd_cntrl),
	[OSI_GET_ADB_KEY]	= DEV("GET_ADB_KEY", osi_get_adb_key),
	[OSI_WRITE_NVRAM_BYTE]	= DEV("WRITE_NVRAM_BYTE", osi_write_nvram_byte),
	[OSI_READ_NVRAM_BYTE]	= DEV("READ_NVRAM_BYTE", osi_read_nvram_byte),
	[OSI_EXIT]		= CORE("EXIT", osi_exit),
	[OSI_KEYCODE_TO_ADB]	= DEV("KEYCODE_TO_ADB", osi_keycode_to_adb),
	[OSI_MAP_ADB_KEY]	= DEV("MAP_ADB_KEY", osi_map_adb_key),
	[OSI_SAVE_KEYMAPPING]	= DEV("SAVE_KEYMAPPING", osi_save_keymapping),
	[OSI_USLEEP]		= CORE("USLEEP", osi_usleep),
	[OSI_SET_COLOR]		= DEV("SET_COLOR", osi_set_color),
	[OSI_PIC_MASK_IRQ]	= DEV("PIC_MASK_IRQ", osi_pic_mask_irq),
	[OSI_PIC_UNMASK_IRQ]	= DEV("PIC_UNMASK_IRQ", osi_pic_unmask_irq),
	[OSI_PIC_ACK_IRQ]	= DEV("PIC_ACK_IRQ", osi_pic_ack_irq),
	[OSI_PIC_GET_ACTIVE_IRQ] = DEV("PIC_GET_ACTIVE_IRQ", osi_pic_get_active_irq),
	[OSI_GET_COLOR]		= DEV("GET_COLOR", osi_get_color),
	[OSI_IRQTEST]		= NONE("IRQTEST"),
	[OSI_ENET2_OPEN]	= NET("ENET2_OPEN", osi_enet2_open),
	[OSI_ENET2_CLOSE]	= NET("ENET2_CLOSE", osi_enet2_close),
	[OSI_ENET2_CNTRL]	= NET("ENET2_CNTRL", osi_enet2_cntrl),
	[OSI_ENET2_RING_SETUP]	= NET("ENET2_RING_SETUP", osi_enet2_ring_setup),
	[OSI_ENET2_KICK]	= NET("ENET2_KICK", osi_enet2_kick),
	[OSI_ENET2_GET_HWADDR]	= NET("ENET2_GET_HWADDR", osi_enet2_get_hwaddr),
	[OSI_ENET2_IRQ_ACK]	= NET("ENET2_IRQ_ACK", osi_enet2_irq_ack),
	[OSI_PROM_IFACE]	= DEV("PROM_IFACE", osi_prom_iface),
	[OSI_PROM_PATH_IFACE]	= DEV("PROM_PATH_IFACE", osi_prom_path_iface),
	[OSI_BOOT_HELPER]	= CORE("BOOT_HELPER", osi_boot_helper),
	[OSI_ABLK_RING_SETUP]	= DEV("ABLK_RING_SETUP", osi_ablk_ring_setup),
	[OSI_ABLK_CNTRL]	= DEV("ABLK_CNTRL", osi_ablk_cntrl),
	[OSI_ABLK_DISK_INFO]	= DEV("ABLK_DISK_INFO", osi_ablk_disk_info),
	[OSI_ABLK_KICK]		= DEV("ABLK_KICK", osi_ablk_kick),
	[OSI_ABLK_IRQ_ACK]	= DEV("ABLK_IRQ_ACK", osi_ablk_irq_ack),
	[OSI_ABLK_SYNC_READ]	= DEV("ABLK_SYNC_READ", osi_ablk_sync_read),
	[OSI_ABLK_SYNC_WRITE]	= DEV("ABLK_SYNC_WRITE", osi_ablk_sync_write),
	[OSI_ABLK_BLESS_DISK]	= DEV("ABLK_BLESS_DISK", osi_ablk_bless_disk),
	/* MOL's in-kernel accelerations: nothing to map under KVM. */
	[OSI_EMUACCEL]		= NONE("EMUACCEL"),
	[OSI_MAPIN_MREGS]	= NONE("MAPIN_MREGS"),
	[OSI_NVRAM_SIZE]	= DEV("NVRAM_SIZE", osi_nvram_size),
	[OSI_MTICKS_TO_USECS]	= DEV("MTICKS_TO_USECS", osi_mticks_to_usecs),
	[OSI_USECS_TO_MTICKS]	= DEV("USECS_TO_MTICKS", osi_usecs_to_mticks),
	[OSI_PSEUDO_FS]		= NONE("PSEUDO_FS"),
	[OSI_TTY_PUTC]		= CORE("TTY_PUTC", osi_tty_putc),
	[OSI_TTY_GETC]		= CORE("TTY_GETC", osi_tty_getc),
	[OSI_TTY_IRQ_ACK]	= CORE("TTY_IRQ_ACK", osi_tty_irq_ack),
	/* 2, 3, 5, 6, 15, 34, 37, 43-46, 48, 49, 66, 67, 75, 87, 88, 94,
	 * 95: obsolete or unused in 0.9.72 (no name, no handler). */
};

const char *osi_name(uint32_t selector)
{
	return selector < OSI_NR_SELECTORS ? osi_calls[selector].name : NULL;
}

/* The handler this VM has for a selector, or NULL. */
static osi_fn osi_handler(const struct vm *vm, uint64_t selector)
{
	const struct osi_call *c;

	if (selector >= OSI_NR_SELECTORS)
		return NULL;
	c = &osi_calls[selector];
	if (c->dev && (!vm || !vm->osi))
		return NULL;
	if (c->present && !c->present(vm))
		return NULL;
	return c->fn;
}

int osi_available(uint32_t selector)
{
	return selector < OSI_NR_SELECTORS && osi_calls[selector].fn != NULL;
}

static uint32_t osi_call_available(struct vcpu *vcpu, uint64_t *gpr)
{
	return osi_handler(vcpu->vm, osi_arg(gpr, 0)) != NULL;
}

/* One bit per selector, one more for every out-of-range number: each is
 * reported once per VM. */
_Static_assert(VM_OSI_REPORT_WORDS * 64 >= OSI_NR_SELECTORS + 1, "vm_reports.osi_reported");

static void report_unknown(struct vm *vm, uint64_t selector)
{
	atomic_uint_least64_t *reported = vm->reports.osi_reported;
	unsigned int bit = selector < OSI_NR_SELECTORS ? (unsigned int)selector : OSI_NR_SELECTORS;
	uint64_t mask = 1ULL << (bit % 64);

	if (atomic_fetch_or(&reported[bit / 64], mask) & mask)
		return;
	if (bit == OSI_NR_SELECTORS)
		pr_info("OSI selector %llu is out of range: returning 0 (reported once)",
			(unsigned long long)selector);
	else if (osi_calls[bit].name)
		pr_info("OSI selector %u (%s) is not available: returning 0 (reported once)",
			bit, osi_calls[bit].name);
	else
		pr_info("OSI selector %u is not implemented: returning 0 (reported once)", bit);
}

void osi_dispatch(struct vcpu *vcpu, uint64_t *gpr)
{
	/* MOL's ABI is 32-bit (KVM compares the magic as 32-bit words too):
	 * upper register halves are not part of the selector. */
	uint64_t sel = (uint32_t)gpr[5];
	osi_fn fn = osi_handler(vcpu->vm, sel);

	if (fn) {
		/* Sign-extended so a 64-bit guest sees -1 as -1. */
		gpr[3] = (uint64_t)(int64_t)(int32_t)fn(vcpu, gpr);
		return;
	}
	report_unknown(vcpu->vm, sel);
	gpr[3] = 0;
}
