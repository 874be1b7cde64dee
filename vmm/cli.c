// SPDX-License-Identifier: GPL-2.0
/* The command line, in QEMU's spelling where QEMU has one. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../ui/display.h"
#include "../ui/qmp_server.h"
#include "cpu_models.h"
#include "machine.h"

#define MOLVM_VERSION "0.1"

void cli_usage(FILE *out)
{
	fprintf(out,
"Usage: molvm [options] -kernel FILE\n"
"\n"
"molvm runs a PowerPC guest on KVM PR (Book3S hosts: PowerMac G3/G4/G5,\n"
"POWER7/8/9 with the hash MMU).\n"
"\n"
"Machine:\n"
"  -M, -machine NAME[,kernel-irqchip=on|off]\n"
"                       machine model: pseries, powermac (\"-M help\" lists them);\n"
"                       pseries, kernel-irqchip=off: molvm emulates the XICS\n"
"  -cpu NAME            CPU model (\"-cpu help\" lists them); default: the machine's\n"
"  -m SIZE              guest RAM; suffix K, M, G, T (default unit M)\n"
"  -smp N              N vCPUs (pseries: 1..8; secondaries start through RTAS)\n"
"Guest image:\n"
"  -kernel FILE         big-endian PowerPC ELF (32- or 64-bit), loaded at its\n"
"                       physical addresses and entered in real mode\n"
"  -kernel-addr ADDR    load FILE as a raw binary at ADDR and enter it there\n"
"  -append STRING       kernel command line (pseries: /chosen/bootargs)\n"
"  -initrd FILE         initial ramdisk (pseries: /chosen/linux,initrd-*)\n"
"Devices (pseries: virtio-pci behind an sPAPR PCI host bridge;\n"
"         powermac: MOL's OSI block device ABLK and Ethernet ENET2):\n"
"  -drive file=IMG[,format=raw][,readonly=on]\n"
"                       a disk on raw image IMG (readonly: writes fail); repeatable\n"
"  -netdev tap,ifname=NAME\n"
"                       a NIC on tap NAME (created if missing); powermac: one\n"
"  -no-pv               pseries: no /hypervisor node, so no paravirtual magic page\n"
"  -nvram FILE          powermac: 8 KiB NVRAM image, read at start, written at exit\n"
"  -rom FILE            powermac: boot a NewWorld \"Mac OS ROM\" file as MOL did\n"
"                       (its ELF image entered, its toolbox image at 0x1100000)\n"
"  --dump-dtb FILE      write the device tree the guest would boot with, and exit\n"
"                       (works without /dev/kvm; -kernel is optional then)\n"
"Console and display:\n"
"  -serial DEV          guest console: stdio (default), none, file:PATH\n"
"  -nographic           no display window (same as -display none)\n"
"  -display NAME[,OPT]  sdl (a window; the default when $DISPLAY or\n"
"                       $WAYLAND_DISPLAY is set) or none; OPT: scale=fit|integer,\n"
"                       full-screen=on.  In the window: Ctrl-Alt-F full screen,\n"
"                       Ctrl-Alt-G grab/release the mouse\n"
"  -name NAME           the VM's name (window title)\n"
"                       On a terminal, Ctrl-a x quits and Ctrl-a Ctrl-a sends Ctrl-a.\n"
"Control:\n"
"  -qmp unix:PATH,server[,wait]  JSON control socket (QMP-style; see README)\n"
"  --script FILE        run a test scenario against the VM (see README)\n"
"  --report FMT:FILE    the script's results: tap:FILE or junit:FILE\n"
"                       (default: TAP on stderr)\n"
"  --timeout SEC        stop the guest after SEC seconds (exit code 124)\n"
"  -D FILE              write a debug log of every vCPU exit to FILE\n"
"  -h, --help           this text\n"
"  --version            molvm's version\n"
"\n"
"Exit codes:\n"
"  0    the guest powered off (OSI EXIT, or the user quit with Ctrl-a x)\n"
"  1    error: bad option or image, KVM failure, or a fatal guest exit\n"
"  2    a --script step failed\n"
"  124  --timeout expired\n"
"  128+N  molvm was stopped by signal N (SIGINT, SIGTERM, SIGHUP)\n");
}

static int fmt_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fmt_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return CLI_ERROR;
}

int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned int shift = 20;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end) {
		switch (toupper((unsigned char)*end)) {
		case 'B': shift = 0; break;
		case 'K': shift = 10; break;
		case 'M': shift = 20; break;
		case 'G': shift = 30; break;
		case 'T': shift = 40; break;
		default: return -1;
		}
		if (end[1] && !(toupper((unsigned char)end[1]) == 'B' && !end[2] && shift))
			return -1;
	}
	if (v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/* -display NAME[,scale=fit|integer][,full-screen=on|off] */
static int parse_display(const char *val, struct vm_config *cfg, char *err, size_t errlen)
{
	const struct display_backend *be;
	char name[32];
	const char *opt;
	size_t len = strcspn(val, ",");
	char list[64];

	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, val, len);
	name[len] = 0;
	be = display_find(name);
	if (!be) {
		display_list(list, sizeof(list));
		return fmt_err(err, errlen, "-display: '%s' is not available here (this molvm has: %s)",
			       name, list);
	}
	cfg->display = be->name;
	for (opt = val + strcspn(val, ","); *opt == ','; opt += len) {
		opt++;
		len = strcspn(opt, ",");
		if (len == 9 && !strncmp(opt, "scale=fit", 9))
			cfg->display_scale = DISPLAY_SCALE_FIT;
		else if (len == 13 && !strncmp(opt, "scale=integer", 13))
			cfg->display_scale = DISPLAY_SCALE_INTEGER;
		else if (len == 14 && !strncmp(opt, "full-screen=on", 14))
			cfg->fullscreen = true;
		else if (len == 15 && !strncmp(opt, "full-screen=off", 15))
			cfg->fullscreen = false;
		else
			return fmt_err(err, errlen, "-display: unknown option '%.*s' "
				       "(scale=fit|integer, full-screen=on|off)", (int)len, opt);
	}
	return CLI_RUN;
}

/* "-opt" and "--opt" are the same option, as in QEMU. */
static const char *opt_name(const char *arg)
{
	if (arg[0] != '-')
		return NULL;
	return arg[1] == '-' ? arg + 2 : arg + 1;
}

enum cli_result cli_parse(int argc, char **argv, struct vm_config *cfg,
			  FILE *out, char *err, size_t errlen)
{
	const char *machine = "pseries", *cpu = NULL, *mem = NULL, *smp = NULL;
	int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->serial = "stdio";

	for (i = 1; i < argc; i++) {
		const char *o = opt_name(argv[i]);
		const char *val = NULL;
		bool takes_arg;

		if (!o)
			return fmt_err(err, errlen, "unexpected argument '%s' (see --help)", argv[i]);
		if (!strcmp(o, "h") || !strcmp(o, "help")) {
			cli_usage(out);
			return CLI_DONE;
		}
		if (!strcmp(o, "version")) {
			fprintf(out, "molvm %s\n", MOLVM_VERSION);
			return CLI_DONE;
		}
		if (!strcmp(o, "nographic")) {
			cfg->nographic = true;
			continue;
		}
		if (!strcmp(o, "no-pv")) {
			cfg->no_pv = true;
			continue;
		}
		takes_arg = !strcmp(o, "M") || !strcmp(o, "machine") || !strcmp(o, "cpu") ||
			    !strcmp(o, "m") || !strcmp(o, "kernel") || !strcmp(o, "kernel-addr") ||
			    !strcmp(o, "append") || !strcmp(o, "serial") || !strcmp(o, "timeout") ||
			    !strcmp(o, "D") || !strcmp(o, "initrd") || !strcmp(o, "dump-dtb") ||
			    !strcmp(o, "smp") || !strcmp(o, "nvram") || !strcmp(o, "rom") ||
			    !strcmp(o, "drive") || !strcmp(o, "netdev") ||
			    !strcmp(o, "display") || !strcmp(o, "name") || !strcmp(o, "qmp") ||
			    !strcmp(o, "script") || !strcmp(o, "report");
		if (!takes_arg)
			return fmt_err(err, errlen, "unknown option '%s' (see --help)", argv[i]);
		if (i + 1 >= argc)
			return fmt_err(err, errlen, "option '%s' needs an argument", argv[i]);
		val = argv[++i];

		if (!strcmp(o, "M") || !strcmp(o, "machine")) {
			machine = val;
		} else if (!strcmp(o, "cpu")) {
			cpu = val;
		} else if (!strcmp(o, "m")) {
			mem = val;
		} else if (!strcmp(o, "kernel")) {
			cfg->kernel = val;
		} else if (!strcmp(o, "kernel-addr")) {
			if (parse_u64(val, &cfg->kernel_addr))
				return fmt_err(err, errlen, "-kernel-addr: '%s' is not an address", val);
			cfg->kernel_addr_set = true;
		} else if (!strcmp(o, "append")) {
			cfg->append = val;
		} else if (!strcmp(o, "serial")) {
			if (strcmp(val, "stdio") && strcmp(val, "none") &&
			    (strncmp(val, "file:", 5) || !val[5]))
				return fmt_err(err, errlen,
					       "-serial: '%s' is not stdio, none or file:PATH", val);
			cfg->serial = val;
		} else if (!strcmp(o, "timeout")) {
			uint64_t t;

			if (parse_u64(val, &t) || t > 86400 * 365)
				return fmt_err(err, errlen, "--timeout: '%s' is not a number of seconds", val);
			cfg->timeout = (unsigned int)t;
		} else if (!strcmp(o, "D")) {
			cfg->debug_log = val;
		} else if (!strcmp(o, "initrd")) {
			cfg->initrd = val;
		} else if (!strcmp(o, "dump-dtb")) {
			cfg->dump_dtb = val;
		} else if (!strcmp(o, "smp")) {
			smp = val;
		} else if (!strcmp(o, "drive")) {
			if (cli_parse_drive(val, cfg, err, errlen))
				return CLI_ERROR;
		} else if (!strcmp(o, "netdev")) {
			if (cli_parse_netdev(val, cfg, err, errlen))
				return CLI_ERROR;
		} else if (!strcmp(o, "nvram")) {
			cfg->nvram = val;
		} else if (!strcmp(o, "rom")) {
			cfg->rom = val;
		} else if (!strcmp(o, "display")) {
			if (parse_display(val, cfg, err, errlen))
				return CLI_ERROR;
		} else if (!strcmp(o, "name")) {
			cfg->name = val;
		} else if (!strcmp(o, "qmp")) {
			struct qmp_spec spec;

			if (qmp_parse_spec(val, &spec, err, errlen))
				return CLI_ERROR;
			cfg->qmp = val;
		} else if (!strcmp(o, "script")) {
			cfg->script = val;
		} else if (!strcmp(o, "report")) {
			if ((strncmp(val, "tap:", 4) || !val[4]) &&
			    (strncmp(val, "junit:", 6) || !val[6]))
				return fmt_err(err, errlen,
					       "--report: '%s' is not tap:FILE or junit:FILE", val);
			cfg->report = val;
		}
	}

	if (!strcmp(machine, "help")) {
		machines_list(out);
		return CLI_DONE;
	}
	{
		/* QEMU's "-M NAME,OPT=VAL,...": kernel-irqchip=on|off */
		char name[64], opts[256], *opt, *save = NULL;
		const char *comma = strchr(machine, ',');
		size_t n = comma ? (size_t)(comma - machine) : strlen(machine);

		if (n >= sizeof(name) || (comma && strlen(comma + 1) >= sizeof(opts)))
			return fmt_err(err, errlen, "-M: '%s' is too long", machine);
		memcpy(name, machine, n);
		name[n] = 0;
		cfg->machine = machine_find(name);
		if (!cfg->machine)
			return fmt_err(err, errlen, "unknown machine '%s' (-M help lists them)", name);
		snprintf(opts, sizeof(opts), "%s", comma ? comma + 1 : "");
		for (opt = strtok_r(opts, ",", &save); opt; opt = strtok_r(NULL, ",", &save)) {
			if (!strcmp(opt, "kernel-irqchip=off") && cfg->machine->papr)
				cfg->kernel_irqchip_off = true;
			else if (!strcmp(opt, "kernel-irqchip=on") && cfg->machine->papr)
				cfg->kernel_irqchip_off = false;
			else
				return fmt_err(err, errlen, "-M %s: unknown option '%s'", name, opt);
		}
	}
	if (cpu && !strcmp(cpu, "help")) {
		cpu_models_list(out);
		return CLI_DONE;
	}
	cfg->cpu = cpu_model_find(cpu ? cpu : cfg->machine->default_cpu);
	if (!cfg->cpu)
		return fmt_err(err, errlen, "unknown CPU '%s' (-cpu help lists them)", cpu);
	if (cfg->cpu->is64 != cfg->machine->is64)
		return fmt_err(err, errlen, "machine '%s' needs a %s CPU; '%s' is %s",
			       cfg->machine->name, cfg->machine->is64 ? "64-bit" : "32-bit",
			       cfg->cpu->name, cfg->cpu->is64 ? "64-bit" : "32-bit");

	cfg->ram_size = cfg->machine->default_ram;
	if (mem) {
		if (parse_size(mem, &cfg->ram_size))
			return fmt_err(err, errlen, "-m: '%s' is not a size", mem);
		if (cfg->ram_size == 0)
			return fmt_err(err, errlen, "-m: guest RAM cannot be 0");
		if (cfg->ram_size & 0xfff)
			return fmt_err(err, errlen, "-m: guest RAM must be a multiple of 4 KiB");
		if (cfg->ram_size > cfg->machine->max_ram)
			return fmt_err(err, errlen, "-m: machine '%s' takes at most %llu MiB",
				       cfg->machine->name,
				       (unsigned long long)(cfg->machine->max_ram >> 20));
	}
	cfg->smp = 1;
	if (smp) {
		uint64_t n;

		/* QEMU spells it "-smp 2" or "-smp cpus=2". */
		if (!strncmp(smp, "cpus=", 5))
			smp += 5;
		if (parse_u64(smp, &n) || n == 0)
			return fmt_err(err, errlen, "-smp: '%s' is not a number of CPUs", smp);
		if (n > cfg->machine->max_cpus)
			return fmt_err(err, errlen, "-smp: machine '%s' takes at most %u CPU%s",
				       cfg->machine->name, cfg->machine->max_cpus,
				       cfg->machine->max_cpus == 1 ? "" : "s");
		cfg->smp = (unsigned int)n;
	}
	if (cfg->rom && strcmp(cfg->machine->name, "powermac"))
		return fmt_err(err, errlen, "-rom: machine '%s' boots no Mac OS ROM", cfg->machine->name);
	if (cfg->rom && cfg->kernel)
		return fmt_err(err, errlen, "-rom and -kernel: give one of them");
	if (cfg->nvram && strcmp(cfg->machine->name, "powermac"))
		return fmt_err(err, errlen, "-nvram: machine '%s' has no OSI NVRAM", cfg->machine->name);
	if (cfg->initrd && strcmp(cfg->machine->name, "pseries"))
		return fmt_err(err, errlen, "-initrd: machine '%s' has no initrd", cfg->machine->name);
	if (cfg->nr_netdevs > 1 && !cfg->machine->papr)
		return fmt_err(err, errlen, "-netdev: machine '%s' has one network device",
			       cfg->machine->name);
	if (cfg->dump_dtb && !cfg->machine->fdt)
		return fmt_err(err, errlen, "--dump-dtb: machine '%s' has no device tree yet",
			       cfg->machine->name);
	if (cfg->report && !cfg->script)
		return fmt_err(err, errlen, "--report needs --script FILE");
	if (cfg->nographic && cfg->display && strcmp(cfg->display, "none"))
		return fmt_err(err, errlen, "-nographic and -display %s contradict each other",
			       cfg->display);
	if (!cfg->kernel && !cfg->dump_dtb && !cfg->rom)
		return fmt_err(err, errlen, "no guest image: give -kernel FILE (see --help)");
	return CLI_RUN;
}
