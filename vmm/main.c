// SPDX-License-Identifier: GPL-2.0
/*
 * molvm: parse the command line, load the image, create the VM and its
 * vCPUs, then run the libevent loop (console, timeout, signals) on the
 * main thread while each vCPU runs KVM_RUN on its own thread.
 */
#include <errno.h>
#include <event2/event.h>
#include <event2/thread.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../devices/console.h"
#include "../ui/audio.h"
#include "cli.h"
#include "frontend.h"
#include "kvm.h"
#include "loader.h"
#include "log.h"
#include "machine.h"
#include "vcpu.h"
#include "vm.h"

static void on_stop(evutil_socket_t fd, short what, void *arg)
{
	struct vm *vm = arg;

	(void)fd;
	(void)what;
	event_base_loopbreak(vm->base);
}

/* The event loop's priorities.  libevent runs the callbacks of a lower
 * priority only while none of a higher one is active, so the signals,
 * --timeout and the stop itself never queue behind what a guest or a -qmp
 * client keeps busy (a -qmp flood, a device's event storm).  Every other
 * event keeps libevent's default, PRIO_LEVELS / 2: PRIO_OTHERS. */
enum { PRIO_CONTROL, PRIO_OTHERS, PRIO_LEVELS };

static void on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct vm *vm = arg;

	(void)fd;
	(void)what;
	pr_err("timeout: the guest ran for %u s without powering off", vm->cfg->timeout);
	vm_request_exit(vm, MOLVM_EXIT_TIMEOUT);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)what;
	pr_err("stopped by signal %d", (int)sig);
	vm_request_exit(arg, 128 + (int)sig);
}

static void on_user_quit(void *arg)
{
	pr_info("quit (Ctrl-a x)");
	vm_request_exit(arg, MOLVM_EXIT_POWEROFF);
}

static int load_kernel(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	struct load_result res;
	char err[256];
	uint8_t *buf;
	size_t len;
	int r;

	buf = read_file(cfg->kernel, vm->mem.size, &len, err, sizeof(err));
	if (!buf) {
		pr_err("-kernel %s", err);
		return -1;
	}
	if (is_elf(buf, len)) {
		r = load_elf(&vm->mem, buf, len, &res, err, sizeof(err));
		if (!r && res.elf_class == 64 && !cfg->machine->is64) {
			snprintf(err, sizeof(err), "64-bit ELF image on 32-bit machine '%s'",
				 cfg->machine->name);
			r = -1;
		} else if (!r && res.little_endian && !cfg->machine->little_endian_ok) {
			snprintf(err, sizeof(err), "little-endian ELF image on machine '%s'",
				 cfg->machine->name);
			r = -1;
		} else if (!r && res.elf_class == 32 && cfg->machine->is64) {
			snprintf(err, sizeof(err), "32-bit ELF image on 64-bit machine '%s'",
				 cfg->machine->name);
			r = -1;
		}
	} else if (cfg->kernel_addr_set) {
		r = load_raw(&vm->mem, buf, len, cfg->kernel_addr, &res, err, sizeof(err));
	} else {
		snprintf(err, sizeof(err),
			 "not an ELF image (give -kernel-addr ADDR to load a raw binary)");
		r = -1;
	}
	free(buf);
	if (r) {
		pr_err("-kernel %s: %s", cfg->kernel, err);
		return -1;
	}
	vm->entry = res.entry;
	vm->kernel_start = res.low;
	vm->kernel_end = res.high;
	vm->kernel_virtual = res.linked_virtual;
	vm->kernel_little_endian = res.little_endian;
	return 0;
}

static int open_serial(const char *spec, int *in_fd, int *out_fd)
{
	*in_fd = -1;
	*out_fd = -1;
	if (!strcmp(spec, "stdio")) {
		*in_fd = STDIN_FILENO;
		*out_fd = STDOUT_FILENO;
	} else if (!strncmp(spec, "file:", 5)) {
		*out_fd = open(spec + 5, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (*out_fd < 0) {
			pr_err("-serial %s: %s", spec, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* --dump-dtb: the tree the guest would get, without KVM. */
static int dump_dtb(struct vm *vm)
{
	const size_t size = 8 << 20;	/* with -mol-drivers' files */
	uint8_t *buf = malloc(size);
	FILE *f;
	int len;

	vm->nr_vcpus = (int)vm->cfg->smp;
	len = buf ? vm->cfg->machine->fdt(vm, buf, size) : -1;
	if (len < 0) {
		pr_err("--dump-dtb: cannot build the device tree");
		free(buf);
		return MOLVM_EXIT_ERROR;
	}
	f = fopen(vm->cfg->dump_dtb, "wb");
	if (!f || fwrite(buf, 1, (size_t)len, f) != (size_t)len || fclose(f)) {
		pr_err("--dump-dtb %s: %s", vm->cfg->dump_dtb, strerror(errno));
		free(buf);
		return MOLVM_EXIT_ERROR;
	}
	free(buf);
	return 0;
}

/*
 * Wait for a vCPU thread, kicking it again every 50 ms: a kick that lands
 * just before a blocking write() (a stalled console reader) is lost, the
 * next one is not.
 */
static void join_vcpu(struct vcpu *vcpu)
{
	struct timespec ts;

	for (;;) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		if (pthread_timedjoin_np(vcpu->thread, NULL, &ts) != ETIMEDOUT)
			return;
		vcpu_kick(vcpu);
		vcpu_wake_parked(vcpu);
	}
}

static int run_vm(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	struct event *tmo = NULL, *sigs[3] = { NULL };
	static const int sig_nums[3] = { SIGINT, SIGTERM, SIGHUP };
	int in_fd, out_fd, i;

	if (guest_mem_alloc(&vm->mem, cfg->ram_size)) {
		pr_err("cannot allocate %llu MiB of guest RAM: %s",
		       (unsigned long long)(cfg->ram_size >> 20), strerror(errno));
		return MOLVM_EXIT_ERROR;
	}
	if (cfg->kernel && load_kernel(vm))
		return MOLVM_EXIT_ERROR;
	if (cfg->machine->prepare && cfg->machine->prepare(vm))
		return MOLVM_EXIT_ERROR;
	if (cfg->dump_dtb)
		return dump_dtb(vm);
	if (cfg->debug_log && debug_log_open(cfg->debug_log)) {
		pr_err("-D %s: %s", cfg->debug_log, strerror(errno));
		return MOLVM_EXIT_ERROR;
	}
	if (cfg->audiodev) {
		struct audio_spec spec;
		char err[256];

		if (audio_parse_spec(cfg->audiodev, &spec, err, sizeof(err))) {
			pr_err("%s", err);
			return MOLVM_EXIT_ERROR;
		}
		vm->audio = audio_open(&spec);
		if (!vm->audio)
			return MOLVM_EXIT_ERROR;
	}

	if (kvm_vm_create(vm, "/dev/kvm"))
		return MOLVM_EXIT_ERROR;
	for (i = 0; i < (int)cfg->smp; i++) {
		vm->nr_vcpus = i + 1;
		if (kvm_vcpu_create(vm, &vm->vcpus[i], i))
			return MOLVM_EXIT_ERROR;
	}
	if (cfg->machine->setup && cfg->machine->setup(vm))
		return MOLVM_EXIT_ERROR;
	/* vCPU 0 enters the image; the others wait for the guest to start
	 * them, in the reset state, as firmware leaves them. */
	for (i = 0; i < vm->nr_vcpus; i++)
		if (kvm_vcpu_reset(&vm->vcpus[i], i ? 0 : vm->entry, cfg->machine->msr,
				   i ? 0 : vm->boot_r3))
			return MOLVM_EXIT_ERROR;
	vm->vcpus[0].running = true;

	evthread_use_pthreads();
	vm->base = event_base_new();
	if (!vm->base || event_base_priority_init(vm->base, PRIO_LEVELS)) {
		pr_err("cannot create the event loop");
		return MOLVM_EXIT_ERROR;
	}
	if (open_serial(cfg->serial, &in_fd, &out_fd))
		return MOLVM_EXIT_ERROR;
	vm->con = console_create(vm->base, in_fd, out_fd, on_user_quit, vm);
	if (!vm->con) {
		pr_err("cannot set up the console");
		return MOLVM_EXIT_ERROR;
	}
	vm->stop_ev = event_new(vm->base, -1, 0, on_stop, vm);
	event_priority_set(vm->stop_ev, PRIO_CONTROL);
	if (cfg->timeout) {
		struct timeval tv = { .tv_sec = cfg->timeout };

		tmo = evtimer_new(vm->base, on_timeout, vm);
		event_priority_set(tmo, PRIO_CONTROL);
		evtimer_add(tmo, &tv);
	}
	if (cfg->machine->start_io && cfg->machine->start_io(vm))
		return MOLVM_EXIT_ERROR;
	for (i = 0; i < 3; i++) {
		sigs[i] = evsignal_new(vm->base, sig_nums[i], on_signal, vm);
		event_priority_set(sigs[i], PRIO_CONTROL);
		evsignal_add(sigs[i], NULL);
	}

	if (frontend_start(vm)) {
		vm->exit_code = MOLVM_EXIT_ERROR;
		atomic_store(&vm->stopping, true);
	}

	vcpu_signals_init();
	for (i = 0; i < vm->nr_vcpus && !vm_stopping(vm); i++)
		if (vcpu_start(&vm->vcpus[i])) {
			vm_request_exit(vm, MOLVM_EXIT_ERROR);
			break;
		}
	/* The stop event is activated, never added, so an empty loop must
	 * not end by itself. */
	if (!vm_stopping(vm))
		event_base_loop(vm->base, EVLOOP_NO_EXIT_ON_EMPTY);

	for (i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i].thread_started)
			join_vcpu(&vm->vcpus[i]);
	if (cfg->machine->shutdown)
		cfg->machine->shutdown(vm);
	/* The display stops first: it reads the framebuffer, which the
	 * machine's teardown frees. */
	vm->exit_code = frontend_stop(vm, vm->exit_code);
	if (cfg->machine->teardown && cfg->machine->teardown(vm) && !vm->exit_code)
		vm->exit_code = MOLVM_EXIT_ERROR;
	/* After the devices: the WAV file's header gets its final sizes. */
	if (audio_close(vm->audio) && !vm->exit_code)
		vm->exit_code = MOLVM_EXIT_ERROR;
	vm->audio = NULL;
	vm_report_summary(vm);
	for (i = 0; i < 3; i++)
		if (sigs[i])
			event_free(sigs[i]);
	if (tmo)
		event_free(tmo);
	console_destroy(vm->con);
	if (out_fd > STDERR_FILENO)
		close(out_fd);
	event_free(vm->stop_ev);
	event_base_free(vm->base);
	return vm->exit_code;
}

int main(int argc, char **argv)
{
	static struct vm vm;		/* this process's one VM (large: not on the stack) */
	struct vm_config cfg;
	char err[256];
	int code;

	signal(SIGPIPE, SIG_IGN);
	switch (cli_parse(argc, argv, &cfg, stdout, err, sizeof(err))) {
	case CLI_DONE:
		return 0;
	case CLI_ERROR:
		pr_err("%s", err);
		return MOLVM_EXIT_ERROR;
	case CLI_RUN:
		break;
	}
	vm_init(&vm, &cfg);
	code = run_vm(&vm);
	console_restore_terminal();
	kvm_vm_destroy(&vm);
	guest_mem_free(&vm.mem);
	return code;
}
