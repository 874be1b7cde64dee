// SPDX-License-Identifier: GPL-2.0
#include "frontend.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../devices/console.h"
#include "../ui/control.h"
#include "../ui/display.h"
#include "../ui/qmp_server.h"
#include "../ui/script.h"
#include "log.h"
#include "machine.h"
#include "vm.h"

/* vm->fe */
struct frontend {
	struct control *ctl;
	struct qmp_server *qmp;
	const struct display_backend *be;
	struct display *disp;
	struct display *vnc;		/* -display vnc=: next to be/disp */
	struct script *script;
	bool closed_once;
};

static void quit(void *arg)
{
	vm_request_exit(arg, MOLVM_EXIT_POWEROFF);
}

/* The machine's power-off request; without one, quit. */
static void powerdown(void *arg)
{
	struct vm *vm = arg;

	if (vm->cfg->machine->powerdown)
		vm->cfg->machine->powerdown(vm);
	else
		quit(vm);
}

/* Window closed: the first time ask the guest, the second time quit. */
static void window_closed(void *arg)
{
	struct vm *vm = arg;

	if (vm->fe->closed_once) {
		pr_info("window closed again: quitting");
		quit(vm);
		return;
	}
	vm->fe->closed_once = true;
	pr_info("window closed: asking the guest to power off (close it again to quit)");
	powerdown(vm);
}

static void type_on_console(void *arg, const void *buf, size_t len)
{
	struct vm *vm = arg;

	console_input(vm->con, buf, len);
}

static const struct control_ops ctl_ops = {
	.powerdown = powerdown,
	.quit = quit,
	.console_input = type_on_console,
};

static void console_tap(void *arg, const void *buf, size_t len)
{
	control_console_output(arg, buf, len);
}

static void error_tap(void *arg, const char *line)
{
	control_error(arg, line);
}

static void script_done(void *arg, bool ok)
{
	vm_request_exit(arg, ok ? MOLVM_EXIT_POWEROFF : MOLVM_EXIT_SCRIPT);
}

int frontend_start(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	struct display_host host = {
		.fb = vm->fb,
		.input = &vm->input,
		.base = vm->base,
		.vm_name = cfg->name,
		.scale = (enum display_scale)cfg->display_scale,
		.fullscreen = cfg->fullscreen,
		.powerdown = window_closed,
		.quit = quit,
		.arg = vm,
	};
	struct frontend *fe = calloc(1, sizeof(*fe));
	char err[256];

	if (!fe) {
		pr_err("out of memory");
		return -1;
	}
	vm->fe = fe;
	fe->ctl = control_create(vm->base, vm->fb, &vm->input, &ctl_ops, vm);
	if (!fe->ctl) {
		pr_err("cannot set up the control layer");
		return -1;
	}
	console_set_tap(vm->con, console_tap, fe->ctl);
	log_set_err_hook(error_tap, fe->ctl);

	if (cfg->script) {
		fe->script = script_load(cfg->script, err, sizeof(err));
		if (!fe->script) {
			pr_err("%s", err);
			return -1;
		}
	}
	if (cfg->qmp) {
		struct qmp_spec spec;

		if (qmp_parse_spec(cfg->qmp, &spec, err, sizeof(err))) {
			pr_err("%s", err);
			return -1;
		}
		fe->qmp = qmp_server_start(vm->base, fe->ctl, &spec);
		if (!fe->qmp)
			return -1;
	}

	/* -display vnc= alone means no window. */
	if (cfg->nographic || (cfg->vnc && !cfg->display))
		fe->be = &display_none;
	else if (cfg->display)
		fe->be = display_find(cfg->display);
	else
		fe->be = display_default();
	fe->disp = fe->be->open(&host);
	if (!fe->disp && !cfg->display && fe->be != &display_none) {
		pr_info("no window (the %s display failed); running headless", fe->be->name);
		fe->be = &display_none;
		fe->disp = fe->be->open(&host);
	}
	if (!fe->disp)
		return -1;
	if (cfg->vnc) {
		host.spec = cfg->vnc;
		fe->vnc = display_find("vnc")->open(&host);
		if (!fe->vnc)
			return -1;
	}

	if (fe->script && script_start(fe->script, vm->base, fe->ctl, script_done, vm)) {
		pr_err("--script: cannot start");
		return -1;
	}
	return 0;
}

static const char *stop_reason(int code)
{
	switch (code) {
	case MOLVM_EXIT_POWEROFF: return "poweroff";
	case MOLVM_EXIT_ERROR: return "error";
	case MOLVM_EXIT_SCRIPT: return "script-failed";
	case MOLVM_EXIT_TIMEOUT: return "timeout";
	default: return "signal";
	}
}

int frontend_stop(struct vm *vm, int code)
{
	const char *rep = vm->cfg->report;
	struct frontend *fe = vm->fe;

	if (!fe)
		return code;
	log_set_err_hook(NULL, NULL);
	if (fe->ctl)
		control_stopped(fe->ctl, stop_reason(code));
	if (fe->script) {
		script_abort(fe->script, "not run: the VM stopped first");
		if (rep && !strncmp(rep, "junit:", 6))
			script_report(fe->script, REPORT_JUNIT, rep + 6);
		else
			script_report(fe->script, REPORT_TAP, rep ? rep + 4 : NULL);
		if (!script_passed(fe->script) && code == MOLVM_EXIT_POWEROFF)
			code = MOLVM_EXIT_SCRIPT;
		script_free(fe->script);
	}
	qmp_server_stop(fe->qmp);
	if (fe->disp)
		fe->be->close(fe->disp);
	if (fe->vnc)
		display_find("vnc")->close(fe->vnc);
	control_destroy(fe->ctl);
	free(fe);
	vm->fe = NULL;
	return code;
}
