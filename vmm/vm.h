/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_VM_H
#define MOLVM_VM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "../ui/input.h"
#include "cpu_models.h"
#include "guest_mem.h"
#include "kvm_abi.h"
#include "mmio.h"
#include "pci_devices.h"
#include "powermac_boot.h"
#include "ratelimit.h"

struct machine;
struct osi_devices;
struct console;
struct event_base;
struct event;
struct xics_user;
struct framebuffer;
struct audio;
struct frontend;
struct pseries;
struct powermac;

#define MOLVM_MAX_VCPUS 8

#define MOLVM_MAX_DRIVES  4
#define MOLVM_MAX_NETDEVS 4

struct drive_config {			/* -drive file=IMG[,readonly=on], -cdrom IMG */
	char file[4096];		/* PATH_MAX */
	bool readonly;
	bool cdrom;			/* -cdrom: read-only, removable, a CD-ROM */
	bool boot;			/* the boot hint (-boot; the first disk) */
};

enum netdev_type {
	NETDEV_TAP,			/* -netdev tap,ifname=NAME */
	NETDEV_USER,			/* -netdev user[,net=CIDR][,hostfwd=...] (libslirp) */
};

#define MOLVM_MAX_HOSTFWD 8

struct hostfwd {			/* hostfwd=[tcp|udp]:[HOSTADDR]:PORT-[GUESTADDR]:PORT */
	bool udp;
	uint32_t host_addr;		/* IPv4, host byte order; 0: every address */
	uint16_t host_port;
	uint32_t guest_addr;		/* 0: the first DHCP address */
	uint16_t guest_port;
};

struct netdev_config {
	enum netdev_type type;
	char ifname[16];		/* tap: IFNAMSIZ */
	uint32_t net, mask;		/* user: the guest network, host byte order */
	struct hostfwd fwd[MOLVM_MAX_HOSTFWD];
	int nr_fwd;
};

/* What the command line asked for. */
struct vm_config {
	const struct machine *machine;
	const struct cpu_model *cpu;	/* a table entry, or &host_cpu */
	struct cpu_model host_cpu;	/* the host's own model and PVR (-cpu host,
					 * and the default where it fits) */
	uint64_t ram_size;
	const char *kernel;
	uint64_t kernel_addr;
	bool kernel_addr_set;
	const char *append;
	const char *initrd;
	const char *nvram;		/* -nvram FILE */
	const char *rom;		/* powermac: -rom FILE (NewWorld Mac OS ROM) */
	const char *mol_drivers;	/* powermac: -mol-drivers DIR (MOL's .nw files) */
	char boot;			/* -boot c (first disk), d (first CD-ROM); 0: c */
	const char *dump_dtb;		/* --dump-dtb FILE */
	const char *serial;		/* "stdio", "none" or "file:PATH" */
	const char *debug_log;		/* -D FILE */
	unsigned int timeout;		/* seconds, 0 = none */
	bool nographic;
	bool no_pv;			/* -no-pv: no /hypervisor node */
	bool kernel_irqchip_off;	/* -M pseries,kernel-irqchip=off */
	enum pmac_firmware pmac_firmware;	/* -M powermac,firmware=auto|of|elf */
	unsigned int smp;		/* -smp N: vCPUs */
	struct drive_config drives[MOLVM_MAX_DRIVES];
	int nr_drives;
	struct netdev_config netdevs[MOLVM_MAX_NETDEVS];
	int nr_netdevs;
	/* Display and headless control (ui/) */
	const char *display;		/* -display NAME; NULL: the default */
	const char *vnc;		/* -display vnc=SPEC / -vnc SPEC, or NULL */
	int display_scale;		/* enum display_scale */
	bool fullscreen;
	const char *name;		/* -name, the window title */
	const char *qmp;		/* -qmp unix:PATH,server[,wait] */
	const char *script;		/* --script FILE */
	const char *report;		/* --report tap:FILE | junit:FILE */
	const char *audiodev;		/* -audiodev DRIVER[,...] (ui/audio.h), or NULL */
};

struct vcpu {
	struct vm *vm;
	int id;
	int fd;
	struct kvm_ppc_run *run;
	pthread_t thread;
	bool thread_started;

	/*
	 * Run state.  vCPU 0 starts running; the others are parked until the
	 * guest starts them (pseries: RTAS start-cpu) and park again on
	 * stop-self.  A start request is applied by the vCPU's own thread.
	 */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool running;
	bool start_pending;
	uint64_t start_pc, start_r3;

	/* The guest's MSR at the OSI call being served (exit_osi reads it) */
	uint64_t osi_msr;

	/* Interrupt endianness last written to this vCPU's LPCR (own thread) */
	bool le_applied;

	/* PAPR H_REGISTER_VPA areas (guest addresses, 0 = none), under lock */
	uint64_t vpa_addr, dtl_addr, slb_shadow_addr;
};

#define VM_UNKNOWN_HCALLS	32	/* hypercall numbers reported (papr.c) */
#define VM_OSI_REPORT_WORDS	2	/* a bit per OSI selector, one more (osi.c) */

/* What was already said about the guest's doings: unknown hypercall
 * numbers and OSI selectors (each once), and the limits of the messages a
 * guest can provoke (vcpu.c, irq.c, xics_kvm.c, osi_system.c, rtas.c; set
 * up by vm_init).  Per VM, so each VM's stderr tells its own story. */
struct vm_reports {
	_Atomic uint64_t unknown_hcall[VM_UNKNOWN_HCALLS];
	atomic_int nr_unknown_hcalls;
	atomic_uint_least64_t osi_reported[VM_OSI_REPORT_WORDS];
	struct ratelimit osi_user, mmio, dcr, debugger, kvm_irq_line, kvm_interrupt, os_term;
};

struct vm {
	const struct vm_config *cfg;
	int kvm_fd;
	int vm_fd;
	int xics_fd;
	struct xics_user *xics_user;	/* molvm's XICS, or NULL: KVM's */
	struct guest_mem mem;
	uint64_t entry;
	uint64_t kernel_start;		/* the loaded image: [start, end) */
	uint64_t kernel_end;		/* end of the loaded image */
	bool kernel_virtual;		/* its entry is a virtual address (vmlinux) */
	bool kernel_little_endian;	/* a ppc64le ELF image */
	uint64_t boot_r3;		/* r3 at entry: device tree address */
	uint64_t sdr1;			/* PAPR: HPT host address | size */
	void *hpt;
	uint64_t hpt_size;
	/* PAPR: the host's KVM_PPC_GET_CPU_CHAR answer (all zero: unknown) */
	struct kvm_ppc_cpu_char host_cpu_char;
	atomic_bool interrupts_le;	/* PAPR H_SET_MODE: exceptions in little-endian */
	_Atomic int64_t rtc_offset;	/* guest clock - host clock, seconds */
	struct vcpu vcpus[MOLVM_MAX_VCPUS];
	int nr_vcpus;
	size_t run_size;

	struct framebuffer *fb;		/* the machine's display, or NULL */
	struct audio *audio;		/* -audiodev's output, or NULL: no sound device */

	struct event_base *base;
	struct console *con;
	struct event *stop_ev;

	struct mmio_bus mmio;		/* guest-physical ranges served by devices */
	struct pci_host *pci;		/* the machine's PCI host bridge, or NULL */
	struct pci_devices devices;	/* the command line's PCI devices on it */
	struct input_sink input;	/* where keyboard and mouse events go */
	struct pseries *pseries;	/* pseries: machine state, else NULL */
	struct powermac *powermac;	/* powermac: machine state, else NULL */
	struct osi_devices *osi;	/* powermac: OSI device state, else NULL */
	struct frontend *fe;		/* display, control socket, script */
	uint32_t next_mem_slot;		/* KVM memory slots taken (RAM is 0) */

	struct vm_reports reports;
	bool osi_from_user;		/* guest user mode may make OSI calls
					 * (osi_user_allowed: a Mac OS boot) */

	atomic_bool stopping;
	int exit_code;			/* valid once stopping */
};

/* Exit codes (documented in README and --help) */
#define MOLVM_EXIT_POWEROFF 0
#define MOLVM_EXIT_ERROR    1
#define MOLVM_EXIT_SCRIPT   2	/* a --script step failed */
#define MOLVM_EXIT_TIMEOUT  124

/* A VM with no KVM yet: file descriptors -1, vCPUs parked, no devices. */
void vm_init(struct vm *vm, const struct vm_config *cfg);
/* When it is over: how many of each limited message were not shown. */
void vm_report_summary(struct vm *vm);

/*
 * Ask molvm to stop with this exit code: the first request wins.  Callable
 * from any thread; kicks every vCPU out of KVM_RUN and ends the main loop.
 */
void vm_request_exit(struct vm *vm, int code);

static inline bool vm_stopping(struct vm *vm)
{
	return atomic_load_explicit(&vm->stopping, memory_order_relaxed);
}

#endif
