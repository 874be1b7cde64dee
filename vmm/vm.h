/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_VM_H
#define MOLVM_VM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "guest_mem.h"
#include "kvm_abi.h"

struct machine;
struct osi_devices;
struct cpu_model;
struct console;
struct event_base;
struct event;
struct framebuffer;

#define MOLVM_MAX_VCPUS 8

/* What the command line asked for. */
struct vm_config {
	const struct machine *machine;
	const struct cpu_model *cpu;
	uint64_t ram_size;
	const char *kernel;
	uint64_t kernel_addr;
	bool kernel_addr_set;
	const char *append;
	const char *initrd;
	const char *nvram;		/* powermac: -nvram FILE */
	const char *drives[8];		/* powermac: -drive SPEC, in order */
	int nr_drives;
	const char *netdev;		/* powermac: -netdev tap,ifname=NAME */
	const char *rom;		/* powermac: -rom FILE (NewWorld Mac OS ROM) */
	const char *dump_dtb;		/* --dump-dtb FILE */
	const char *serial;		/* "stdio", "none" or "file:PATH" */
	const char *debug_log;		/* -D FILE */
	unsigned int timeout;		/* seconds, 0 = none */
	bool nographic;
	bool no_pv;			/* -no-pv: no /hypervisor node */
};

struct vcpu {
	struct vm *vm;
	int id;
	int fd;
	struct kvm_ppc_run *run;
	pthread_t thread;
	bool thread_started;
};

struct vm {
	const struct vm_config *cfg;
	int kvm_fd;
	int vm_fd;
	int xics_fd;
	struct guest_mem mem;
	uint64_t entry;
	uint64_t kernel_end;		/* end of the loaded image */
	uint64_t boot_r3;		/* r3 at entry: device tree address */
	uint64_t sdr1;			/* PAPR: HPT host address | size */
	void *hpt;
	uint64_t hpt_size;
	_Atomic int64_t rtc_offset;	/* guest clock - host clock, seconds */
	struct vcpu vcpus[MOLVM_MAX_VCPUS];
	int nr_vcpus;
	size_t run_size;

	struct framebuffer *fb;		/* the machine's display, or NULL */

	struct event_base *base;
	struct console *con;
	struct event *stop_ev;

	struct osi_devices *osi;	/* powermac: OSI device state, else NULL */

	atomic_bool stopping;
	int exit_code;			/* valid once stopping */
};

/* Exit codes (documented in README and --help) */
#define MOLVM_EXIT_POWEROFF 0
#define MOLVM_EXIT_ERROR    1
#define MOLVM_EXIT_TIMEOUT  124

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
