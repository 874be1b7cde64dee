/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mac-on-Linux's OSI hypercalls: `sc` with r3/r4 = the magic pair, r5 =
 * selector, arguments in r6..r11, result in r3 and r4..r9 (MOL 0.9.72,
 * src/include/osi.h; ../shared/OSI.md).  KVM PR exits with all 32 GPRs in
 * run->osi.gprs and copies them back on the next KVM_RUN.
 */
#ifndef MOLVM_OSI_H
#define MOLVM_OSI_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct vm;

#define OSI_SC_MAGIC_R3		0x113724FA
#define OSI_SC_MAGIC_R4		0x77810F9B
#define OSI_NR_SELECTORS	100	/* MOL's NUM_OSI_SELECTORS */

/*
 * MOL's two "failure" answers (src/main/os_interface.c, promif.c): a
 * selector nobody registered returns 0 (osip_bad_vector), and a registered
 * handler that rejects its arguments returns -1.
 */
#define OSI_ERR			((uint32_t)-1)

/* Selectors (MOL 0.9.72 src/include/osi.h) */
#define OSI_CALL_AVAILABLE	0
#define OSI_DEBUGGER		1
#define OSI_CMOUNT_DRV_VOL	4
#define OSI_GET_GMT_TIME	7
#define OSI_MOUSE_CNTRL		8
#define OSI_GET_LOCALTIME	9
#define OSI_ENET_OPEN		10
#define OSI_ENET_CLOSE		11
#define OSI_ENET_GET_ADDR	12
#define OSI_ENET_GET_STATUS	13
#define OSI_ENET_CONTROL	14
#define OSI_ENET_ADD_MULTI	16
#define OSI_ENET_DEL_MULTI	17
#define OSI_ENET_GET_PACKET	18
#define OSI_ENET_SEND_PACKET	19
#define OSI_OF_INTERFACE	20
#define OSI_OF_TRAP		21
#define OSI_OF_RTAS		22
#define OSI_SCSI_CNTRL		23
#define OSI_SCSI_SUBMIT		24
#define OSI_SCSI_ACK		25
#define OSI_GET_MOUSE		26
#define OSI_ACK_MOUSE_IRQ	27
#define OSI_SET_VMODE		28
#define OSI_GET_VMODE_INFO	29
#define OSI_GET_MOUSE_DPI	30
#define OSI_SET_VIDEO_POWER	31
#define OSI_GET_FB_INFO		32
#define OSI_SOUND_WRITE		33
#define OSI_SOUND_SET_VOLUME	35
#define OSI_SOUND_CNTL		36
#define OSI_VIDEO_ACK_IRQ	38
#define OSI_VIDEO_CNTRL		39
#define OSI_SOUND_IRQ_ACK	40
#define OSI_SOUND_START_STOP	41
#define OSI_REGISTER_IRQ	42
#define OSI_LOG_PUTC		47
#define OSI_KBD_CNTRL		50
#define OSI_GET_ADB_KEY		51
#define OSI_WRITE_NVRAM_BYTE	52
#define OSI_READ_NVRAM_BYTE	53
#define OSI_EXIT		54
#define OSI_KEYCODE_TO_ADB	55
#define OSI_MAP_ADB_KEY		56
#define OSI_SAVE_KEYMAPPING	57
#define OSI_USLEEP		58
#define OSI_SET_COLOR		59
#define OSI_PIC_MASK_IRQ	60
#define OSI_PIC_UNMASK_IRQ	61
#define OSI_PIC_ACK_IRQ		62
#define OSI_PIC_GET_ACTIVE_IRQ	63
#define OSI_GET_COLOR		64
#define OSI_IRQTEST		65
#define OSI_ENET2_OPEN		68
#define OSI_ENET2_CLOSE		69
#define OSI_ENET2_CNTRL		70
#define OSI_ENET2_RING_SETUP	71
#define OSI_ENET2_KICK		72
#define OSI_ENET2_GET_HWADDR	73
#define OSI_ENET2_IRQ_ACK	74
#define OSI_PROM_IFACE		76
#define OSI_PROM_PATH_IFACE	77
#define OSI_BOOT_HELPER		78
#define OSI_ABLK_RING_SETUP	79
#define OSI_ABLK_CNTRL		80
#define OSI_ABLK_DISK_INFO	81
#define OSI_ABLK_KICK		82
#define OSI_ABLK_IRQ_ACK	83
#define OSI_ABLK_SYNC_READ	84
#define OSI_ABLK_SYNC_WRITE	85
#define OSI_ABLK_BLESS_DISK	86
#define OSI_EMUACCEL		89
#define OSI_MAPIN_MREGS		90
#define OSI_NVRAM_SIZE		91
#define OSI_MTICKS_TO_USECS	92
#define OSI_USECS_TO_MTICKS	93
#define OSI_PSEUDO_FS		96
#define OSI_TTY_PUTC		97
#define OSI_TTY_GETC		98
#define OSI_TTY_IRQ_ACK		99

/* PROM_IFACE "what" codes (osi.h kPromXxx) */
#define OSI_PROM_CLOSE		0
#define OSI_PROM_PEER		1
#define OSI_PROM_CHILD		2
#define OSI_PROM_PARENT		3
#define OSI_PROM_PACKAGE_TO_PATH 4
#define OSI_PROM_GETPROPLEN	5
#define OSI_PROM_GETPROP	6
#define OSI_PROM_NEXTPROP	7
#define OSI_PROM_SETPROP	8
#define OSI_PROM_CHANGE_PHANDLE	9
/* PROM_PATH_IFACE */
#define OSI_PROM_CREATE_NODE	16
#define OSI_PROM_FIND_DEVICE	17
/* BOOT_HELPER (osi.h kBootHXxx) */
#define OSI_BOOTH_ASCII2UNICODE	32
#define OSI_BOOTH_UNICODE2ASCII	33
#define OSI_BOOTH_GET_STR_RES	34
#define OSI_BOOTH_GET_RAM_SIZE	35

/*
 * A handler gets the guest's GPRs and returns the value for r3; it may
 * also write r4..r9.  Arguments are 32-bit: MOL's ABI is a 32-bit one.
 */
typedef uint32_t (*osi_fn)(struct vcpu *vcpu, uint64_t *gpr);

static inline uint32_t osi_arg(const uint64_t *gpr, int n)
{
	return (uint32_t)gpr[6 + n];
}

/* Extra result n (0 = r4 ... 5 = r9). */
static inline void osi_set_ret(uint64_t *gpr, int n, uint32_t v)
{
	gpr[4 + n] = v;
}

void osi_dispatch(struct vcpu *vcpu, uint64_t *gpr);

/*
 * Whether a call from guest user mode (MSR[PR]) is served.  KVM PR exits
 * for an OSI `sc` at any privilege.  Where the machine does not allow it
 * (vm->osi_from_user: pseries, and powermac with a -kernel), no call from
 * user mode is served: OSI is the guest kernel's interface there, and a
 * guest process must not power the VM off or reach the disks.  A Mac OS
 * boot allows it, as MOL did, because Mac OS 9 runs its drivers (and
 * everything but its nanokernel) in user mode; the firmware's interfaces
 * -- the client interface, RTAS, the PROM tree calls, the boot helper --
 * and MOL's kernel accelerations stay supervisor-only.
 */
bool osi_user_allowed(const struct vm *vm, uint32_t selector);
int osi_available(uint32_t selector);
/* MOL's name for a selector ("LOG_PUTC"), or NULL for an unused number. */
const char *osi_name(uint32_t selector);

/* osi_system.c */
uint32_t osi_log_putc(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_exit(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_debugger(struct vcpu *vcpu, uint64_t *gpr);
/* osi_time.c */
uint32_t osi_get_gmt_time(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_get_localtime(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_usleep(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_mticks_to_usecs(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_usecs_to_mticks(struct vcpu *vcpu, uint64_t *gpr);
/* osi_tty.c */
uint32_t osi_tty_putc(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_tty_getc(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_tty_irq_ack(struct vcpu *vcpu, uint64_t *gpr);
/* osi_nvram.c */
uint32_t osi_nvram_size(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_read_nvram_byte(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_write_nvram_byte(struct vcpu *vcpu, uint64_t *gpr);
/* osi_boot.c */
uint32_t osi_boot_helper(struct vcpu *vcpu, uint64_t *gpr);
/* osi_prom.c */
uint32_t osi_prom_iface(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_prom_path_iface(struct vcpu *vcpu, uint64_t *gpr);
/* of_client.c, of_rtas.c */
uint32_t osi_of_interface(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_of_rtas(struct vcpu *vcpu, uint64_t *gpr);
/* osi_pic.c */
uint32_t osi_pic_mask_irq(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_pic_unmask_irq(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_pic_ack_irq(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_pic_get_active_irq(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_register_irq(struct vcpu *vcpu, uint64_t *gpr);
/* osi_ablk.c */
uint32_t osi_ablk_ring_setup(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_cntrl(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_disk_info(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_kick(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_irq_ack(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_sync_read(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_sync_write(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ablk_bless_disk(struct vcpu *vcpu, uint64_t *gpr);
/* osi_input.c */
uint32_t osi_get_adb_key(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_kbd_cntrl(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_keycode_to_adb(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_map_adb_key(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_save_keymapping(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_get_mouse(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_ack_mouse_irq(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_get_mouse_dpi(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_mouse_cntrl(struct vcpu *vcpu, uint64_t *gpr);
/* osi_enet.c: the old interface */
uint32_t osi_enet_open(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_close(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_get_addr(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_get_status(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_control(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_get_packet(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_send_packet(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet_multicast(struct vcpu *vcpu, uint64_t *gpr);
/* osi_enet2.c */
bool osi_enet2_present(const struct vm *vm);
uint32_t osi_enet2_open(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet2_close(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet2_cntrl(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet2_ring_setup(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet2_kick(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet2_get_hwaddr(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_enet2_irq_ack(struct vcpu *vcpu, uint64_t *gpr);
/* osi_sound.c */
bool osi_sound_present(const struct vm *vm);
uint32_t osi_sound_write_call(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_sound_set_volume(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_sound_cntl_call(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_sound_irq_ack_call(struct vcpu *vcpu, uint64_t *gpr);
/* osi_video.c */
uint32_t osi_set_vmode(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_get_vmode_info(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_get_fb_info(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_set_color(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_get_color(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_video_ack_irq(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_video_cntrl(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_set_video_power(struct vcpu *vcpu, uint64_t *gpr);

#endif
