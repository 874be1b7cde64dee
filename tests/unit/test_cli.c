// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../../vmm/cli.h"
#include "../../vmm/cpu_models.h"
#include "../../vmm/host.h"
#include "../../vmm/machine.h"
#include "../../ui/display.h"
#include "../../ui/vnc_spec.h"
#include "unit.h"

static enum cli_result parse(struct vm_config *cfg, char *err, const char *a0, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	const char *a;
	FILE *out = fopen("/dev/null", "w");
	enum cli_result r;

	argv[argc++] = (char *)"molvm";
	va_start(ap, a0);
	for (a = a0; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	err[0] = 0;
	r = cli_parse(argc, argv, cfg, out, err, 256);
	fclose(out);
	return r;
}

START_TEST(sizes)
{
	uint64_t v;

	ck_assert_int_eq(parse_size("512", &v), 0);
	ck_assert(v == 512ULL << 20);
	ck_assert_int_eq(parse_size("1G", &v), 0);
	ck_assert(v == 1ULL << 30);
	ck_assert_int_eq(parse_size("64k", &v), 0);
	ck_assert(v == 64ULL << 10);
	ck_assert_int_eq(parse_size("2GB", &v), 0);
	ck_assert(v == 2ULL << 30);
	ck_assert_int_eq(parse_size("12x", &v), -1);
	ck_assert_int_eq(parse_size("-1", &v), -1);
	ck_assert_int_eq(parse_size("", &v), -1);
	ck_assert_int_eq(parse_size("1Gx", &v), -1);
	ck_assert_int_eq(parse_size("99999999999999999999", &v), -1);
	ck_assert_int_eq(parse_size("17179869184T", &v), -1);	/* overflows */
	ck_assert_int_eq(parse_u64("0x10000", &v), 0);
	ck_assert(v == 0x10000);
	ck_assert_int_eq(parse_u64("0x", &v), -1);
	ck_assert_int_eq(parse_u64("-5", &v), -1);
	ck_assert_int_eq(parse_u64("12 ", &v), -1);
}
END_TEST

START_TEST(good_command_lines)
{
	struct vm_config cfg;
	char err[256];

	ck_assert_int_eq(parse(&cfg, err, "-kernel", "k", NULL), CLI_RUN);
	ck_assert_str_eq(cfg.machine->name, "pseries");
	ck_assert_str_eq(cfg.cpu->name, "POWER8");
	ck_assert(cfg.ram_size == cfg.machine->default_ram);
	ck_assert_str_eq(cfg.serial, "stdio");

	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac", "-m", "128", "-kernel", "k",
			       "--timeout", "30", "-nographic", "-append", "console=hvc0",
			       "-serial", "file:/tmp/x", NULL), CLI_RUN);
	ck_assert_str_eq(cfg.machine->name, "powermac");
	ck_assert_str_eq(cfg.cpu->name, "7447a");
	ck_assert_uint_eq(cfg.cpu->pvr, 0x80030102);
	ck_assert(cfg.ram_size == 128ULL << 20);
	ck_assert_uint_eq(cfg.timeout, 30);
	ck_assert(cfg.nographic);
	ck_assert_str_eq(cfg.append, "console=hvc0");

	ck_assert_int_eq(parse(&cfg, err, "--machine", "powermac", "-cpu", "G3",
			       "-kernel", "k", "-kernel-addr", "0x4000", NULL), CLI_RUN);
	ck_assert_str_eq(cfg.cpu->name, "750");
	ck_assert(cfg.kernel_addr_set && cfg.kernel_addr == 0x4000);

	ck_assert_int_eq(parse(&cfg, err, "-cpu", "970", "-kernel", "k", NULL), CLI_RUN);
	ck_assert_uint_eq(cfg.cpu->pvr, 0x00390202);
	ck_assert_int_eq(parse(&cfg, err, "--help", NULL), CLI_DONE);
	ck_assert_int_eq(parse(&cfg, err, "-M", "help", NULL), CLI_DONE);
	ck_assert_int_eq(parse(&cfg, err, "-cpu", "help", NULL), CLI_DONE);
}
END_TEST

START_TEST(bad_command_lines)
{
	struct vm_config cfg;
	char err[256];

	ck_assert_int_eq(parse(&cfg, err, NULL), CLI_ERROR);
	ck_assert(strstr(err, "-kernel") != NULL);
	ck_assert_int_eq(parse(&cfg, err, "-m", "0", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_str_eq(err, "-m: guest RAM cannot be 0");
	ck_assert_int_eq(parse(&cfg, err, "-m", "lots", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-m", "1000k1", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-m", "4097b", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert(strstr(err, "4 KiB") != NULL);
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac", "-m", "3G", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert(strstr(err, "at most 2048 MiB") != NULL);
	ck_assert_int_eq(parse(&cfg, err, "-M", "amiga", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_str_eq(err, "unknown machine 'amiga' (-M help lists them)");
	ck_assert_int_eq(parse(&cfg, err, "-cpu", "pentium", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_str_eq(err, "unknown CPU 'pentium' (-cpu help lists them)");
	ck_assert_int_eq(parse(&cfg, err, "-M", "pseries", "-cpu", "7447a", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert(strstr(err, "needs a 64-bit CPU") != NULL);
	ck_assert_int_eq(parse(&cfg, err, "-kernel", NULL), CLI_ERROR);
	ck_assert(strstr(err, "needs an argument") != NULL);
	ck_assert_int_eq(parse(&cfg, err, "-frobnicate", NULL), CLI_ERROR);
	ck_assert(strstr(err, "unknown option") != NULL);
	ck_assert_int_eq(parse(&cfg, err, "stray", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-serial", "tcp:1", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "--timeout", "soon", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-kernel-addr", "zz", "-kernel", "k", NULL), CLI_ERROR);
}
END_TEST

START_TEST(display_and_control_options)
{
	struct vm_config cfg;
	char err[256];

	ck_assert_int_eq(parse(&cfg, err, "-display", "none,scale=integer", "-name", "vm1",
			       "-qmp", "unix:/tmp/q.sock,server,wait", "--script", "s.txt",
			       "--report", "junit:r.xml", "-kernel", "k", NULL), CLI_RUN);
	ck_assert_str_eq(cfg.display, "none");
	ck_assert_int_eq(cfg.display_scale, DISPLAY_SCALE_INTEGER);
	ck_assert_str_eq(cfg.name, "vm1");
	ck_assert_str_eq(cfg.qmp, "unix:/tmp/q.sock,server,wait");
	ck_assert_str_eq(cfg.script, "s.txt");
	ck_assert_str_eq(cfg.report, "junit:r.xml");
	ck_assert_int_eq(parse(&cfg, err, "-display", "none,full-screen=on", "-kernel", "k", NULL),
			 CLI_RUN);
	ck_assert(cfg.fullscreen);

	/* The unit tests link no SDL back end. */
	ck_assert_int_eq(parse(&cfg, err, "-display", "gtk", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "'gtk' is not available"));
	ck_assert_int_eq(parse(&cfg, err, "-display", "none,zoom=2", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-qmp", "unix:/tmp/q.sock", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "server"));
	ck_assert_int_eq(parse(&cfg, err, "--report", "xml:r", "--script", "s", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "--report", "tap:r", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_str_eq(err, "--report needs --script FILE");
	ck_assert_int_eq(parse(&cfg, err, "-nographic", "-display", "sdl", "-kernel", "k", NULL),
			 CLI_ERROR);
}
END_TEST

START_TEST(smp_and_machine_options)
{
	static struct vm_config cfg;
	char err[256];

	ck_assert_int_eq(parse(&cfg, err, "-kernel", "k", NULL), CLI_RUN);
	ck_assert_uint_eq(cfg.smp, 1);
	ck_assert(!cfg.kernel_irqchip_off);
	ck_assert_int_eq(parse(&cfg, err, "-smp", "4", "-kernel", "k", NULL), CLI_RUN);
	ck_assert_uint_eq(cfg.smp, 4);
	ck_assert_int_eq(parse(&cfg, err, "-smp", "cpus=8", "-kernel", "k", NULL), CLI_RUN);
	ck_assert_uint_eq(cfg.smp, 8);
	ck_assert_int_eq(parse(&cfg, err, "-smp", "9", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "at most 8 CPUs"));
	ck_assert_int_eq(parse(&cfg, err, "-smp", "0", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-smp", "cpus=", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac", "-smp", "2", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "at most 1 CPU"));
	ck_assert_int_eq(parse(&cfg, err, "-M", "pseries,kernel-irqchip=off", "-kernel", "k", NULL),
			 CLI_RUN);
	ck_assert(cfg.kernel_irqchip_off);
	ck_assert_str_eq(cfg.machine->name, "pseries");
	ck_assert_int_eq(parse(&cfg, err, "-M", "pseries,kernel-irqchip=maybe", "-kernel", "k",
			       NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac,kernel-irqchip=off", "-kernel", "k",
			       NULL), CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-M", "pseries,", "-kernel", "k", NULL), CLI_RUN);
	/* powermac's firmware: auto by default, or as asked; not on pseries */
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac", "-kernel", "k", NULL), CLI_RUN);
	ck_assert_int_eq(cfg.pmac_firmware, PMAC_FW_AUTO);
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac,firmware=of", "-kernel", "k", NULL),
			 CLI_RUN);
	ck_assert_int_eq(cfg.pmac_firmware, PMAC_FW_OF);
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac,firmware=elf", "-kernel", "k", NULL),
			 CLI_RUN);
	ck_assert_int_eq(cfg.pmac_firmware, PMAC_FW_ELF);
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac,firmware=bios", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "firmware=bios"));
	ck_assert_int_eq(parse(&cfg, err, "-M", "pseries,firmware=of", "-kernel", "k", NULL),
			 CLI_ERROR);
	/* powermac takes an initrd (the layout says whether it fits) */
	ck_assert_int_eq(parse(&cfg, err, "-M", "powermac", "-kernel", "k", "-initrd", "i",
			       NULL), CLI_RUN);
	ck_assert_str_eq(cfg.initrd, "i");
}
END_TEST

START_TEST(vnc_options)
{
	struct vm_config cfg;
	struct vnc_spec vs;
	char err[256];

	ck_assert_int_eq(vnc_parse_spec(":1", &vs, err, sizeof(err)), 0);
	ck_assert(!vs.unix_socket);
	ck_assert_str_eq(vs.host, "");		/* localhost only */
	ck_assert_uint_eq(vs.port, 5901);
	ck_assert_int_eq(vnc_parse_spec("0.0.0.0:0,password-file=/etc/pw", &vs, err, sizeof(err)), 0);
	ck_assert_str_eq(vs.host, "0.0.0.0");
	ck_assert_uint_eq(vs.port, 5900);
	ck_assert_str_eq(vs.password_file, "/etc/pw");
	ck_assert_int_eq(vnc_parse_spec("[::1]:2", &vs, err, sizeof(err)), 0);
	ck_assert_str_eq(vs.host, "::1");
	ck_assert_uint_eq(vs.port, 5902);
	ck_assert_int_eq(vnc_parse_spec("unix:/run/vm.sock", &vs, err, sizeof(err)), 0);
	ck_assert(vs.unix_socket);
	ck_assert_str_eq(vs.path, "/run/vm.sock");
	ck_assert_int_eq(vnc_parse_spec("localhost", &vs, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no display number"));
	ck_assert_int_eq(vnc_parse_spec(":x", &vs, err, sizeof(err)), -1);
	ck_assert_int_eq(vnc_parse_spec(":-1", &vs, err, sizeof(err)), -1);
	ck_assert_int_eq(vnc_parse_spec(":59636", &vs, err, sizeof(err)), -1);
	ck_assert_int_eq(vnc_parse_spec(":", &vs, err, sizeof(err)), -1);
	ck_assert_int_eq(vnc_parse_spec("unix:", &vs, err, sizeof(err)), -1);
	ck_assert_int_eq(vnc_parse_spec(":1,share=on", &vs, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown option"));

	/* alone: no window; next to -display none or sdl */
	ck_assert_int_eq(parse(&cfg, err, "-display", "vnc=:3", "-kernel", "k", NULL), CLI_RUN);
	ck_assert_str_eq(cfg.vnc, ":3");
	ck_assert_ptr_null(cfg.display);
	ck_assert_int_eq(parse(&cfg, err, "-vnc", "unix:/tmp/s", "-display", "none", "-kernel", "k",
			       NULL), CLI_RUN);
	ck_assert_str_eq(cfg.vnc, "unix:/tmp/s");
	ck_assert_str_eq(cfg.display, "none");
	ck_assert_int_eq(parse(&cfg, err, "-display", "vnc=:3", "-vnc", ":4", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert_int_eq(parse(&cfg, err, "-display", "vnc", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "vnc=[HOST]:N"));
	ck_assert_int_eq(parse(&cfg, err, "-display", "vnc=:1,hostfwd", "-kernel", "k", NULL),
			 CLI_ERROR);
	ck_assert_ptr_null(strchr(err, '\n'));
}
END_TEST

START_TEST(audiodev_option)
{
	struct vm_config cfg;
	char err[256];

	ck_assert_int_eq(parse(&cfg, err, "-audiodev", "wav,id=a,path=/tmp/x.wav", "-kernel", "k",
			       NULL), CLI_RUN);
	ck_assert_str_eq(cfg.audiodev, "wav,id=a,path=/tmp/x.wav");
	ck_assert_int_eq(parse(&cfg, err, "-audiodev", "none", "-audiodev", "none", "-kernel", "k",
			       NULL), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "give one"));
	ck_assert_int_eq(parse(&cfg, err, "-audiodev", "oss", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "driver 'oss' is not available here"));
	ck_assert_int_eq(parse(&cfg, err, "-audiodev", "wav", "-kernel", "k", NULL), CLI_ERROR);
	ck_assert_str_eq(err, "-audiodev wav: give path=FILE");
	ck_assert_int_eq(parse(&cfg, err, "-kernel", "k", NULL), CLI_RUN);
	ck_assert_ptr_null(cfg.audiodev);
}
END_TEST

/* /proc/cpuinfo as Linux prints it on each kind of host. */
static struct host_cpu host_of(const char *cpuinfo, const char *machine)
{
	struct host_cpu h;
	FILE *f = fmemopen((void *)cpuinfo, strlen(cpuinfo), "r");

	ck_assert_ptr_nonnull(f);
	host_cpu_parse(&h, f, machine);
	fclose(f);
	return h;
}

static const char power8_host[] =
	"processor\t: 0\ncpu\t\t: POWER8 (raw), altivec supported\n"
	"clock\t\t: 1000.000000MHz\nrevision\t: 2.0 (pvr 004d 0200)\n\n"
	"timebase\t: 512000000\nplatform\t: PowerNV\n";
static const char g5_host[] =
	"processor\t: 0\ncpu\t\t: PPC970FX, altivec supported\n"
	"clock\t\t: 900.000000MHz\nrevision\t: 3.1 (pvr 003c 0301)\n";
static const char g4_host[] =
	"processor\t: 0\ncpu\t\t: 7400, altivec supported\n"
	"clock\t\t: 300.000000MHz\nrevision\t: 2.9 (pvr 000c 0209)\nbogomips\t: 33.20\n";
static const char x86_host[] = "processor\t: 0\nvendor_id\t: GenuineIntel\n";

START_TEST(host_cpuinfo)
{
	struct host_cpu h;

	h = host_of(power8_host, "ppc64le");
	ck_assert_uint_eq(h.pvr, 0x004d0200);
	ck_assert(h.kernel64);
	h = host_of(g5_host, "ppc64");
	ck_assert_uint_eq(h.pvr, 0x003c0301);
	ck_assert(h.kernel64);
	h = host_of(g4_host, "ppc");
	ck_assert_uint_eq(h.pvr, 0x000c0209);
	ck_assert(!h.kernel64);
	h = host_of(x86_host, "x86_64");
	ck_assert_uint_eq(h.pvr, 0);
	host_cpu_parse(&h, NULL, "ppc64");
	ck_assert_uint_eq(h.pvr, 0);
}
END_TEST

static int choose(struct vm_config *cfg, const char *machine, const char *cpu,
		  const char *cpuinfo, const char *uname_m, char *err)
{
	struct host_cpu h = host_of(cpuinfo, uname_m);

	memset(cfg, 0, sizeof(*cfg));
	cfg->machine = machine_find(machine);
	err[0] = 0;
	return cli_choose_cpu(cfg, cpu, &h, err, 256);
}

START_TEST(cpu_follows_the_host)
{
	struct vm_config cfg;
	char err[256];

	/* The default is the host's own CPU, with its own PVR ... */
	ck_assert_int_eq(choose(&cfg, "pseries", NULL, g5_host, "ppc64", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "970fx");
	ck_assert_uint_eq(cfg.cpu->pvr, 0x003c0301);
	ck_assert(!cfg.cpu->vsx && !cfg.cpu->segments_1t);
	ck_assert_int_eq(choose(&cfg, "pseries", NULL, power8_host, "ppc64le", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "POWER8");
	ck_assert_int_eq(choose(&cfg, "powermac", NULL, g4_host, "ppc", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "7400");
	ck_assert_uint_eq(cfg.cpu->pvr, 0x000c0209);
	/* ... where the machine can run it: a G5 or POWER8 host's powermac
	 * guest is the machine's G4, and off PowerPC the machine's default. */
	ck_assert_int_eq(choose(&cfg, "powermac", NULL, g5_host, "ppc64", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "7447a");
	ck_assert_int_eq(choose(&cfg, "pseries", NULL, x86_host, "x86_64", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "POWER8");

	/* -cpu host names the model and keeps the real PVR's revision. */
	ck_assert_int_eq(choose(&cfg, "powermac", "host", "revision\t: 1.1 (pvr 8003 0101)\n",
				"ppc", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "7447a");
	ck_assert_uint_eq(cfg.cpu->pvr, 0x80030101);
	ck_assert_int_eq(choose(&cfg, "pseries", "HOST", power8_host, "ppc64le", err), 0);
	ck_assert_uint_eq(cfg.cpu->pvr, 0x004d0200);
	ck_assert_int_eq(choose(&cfg, "pseries", "host", x86_host, "x86_64", err), -1);
	ck_assert_str_eq(err, "-cpu host: no PowerPC PVR in /proc/cpuinfo (not a PowerPC host)");
	ck_assert_int_eq(choose(&cfg, "pseries", "host", "revision\t: 2.2 (pvr 004e 1202)\n",
				"ppc64le", err), -1);
	ck_assert_str_eq(err, "-cpu host: the host's PVR 0x004e1202 is no CPU molvm knows "
			 "(-cpu help lists them)");
	/* A G5's own CPU cannot be the powermac machine's. */
	ck_assert_int_eq(choose(&cfg, "powermac", "host", g5_host, "ppc64", err), -1);
	ck_assert(strstr(err, "needs a 32-bit CPU") != NULL);

	/* A 32-bit host refuses 64-bit guests, in one line each. */
	ck_assert_int_eq(choose(&cfg, "pseries", NULL, g4_host, "ppc", err), -1);
	ck_assert_str_eq(err, "machine 'pseries' needs a 64-bit host; this host's kernel is 32-bit");
	ck_assert_int_eq(choose(&cfg, "powermac", "970", g4_host, "ppc", err), -1);
	ck_assert_str_eq(err, "-cpu 970: a 64-bit CPU needs a 64-bit host; this host's kernel "
			 "is 32-bit");
	ck_assert_int_eq(choose(&cfg, "powermac", "750", g4_host, "ppc", err), 0);
	ck_assert_str_eq(cfg.cpu->name, "750");
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, sizes);
	tcase_add_test(tc, good_command_lines);
	tcase_add_test(tc, smp_and_machine_options);
	tcase_add_test(tc, bad_command_lines);
	tcase_add_test(tc, display_and_control_options);
	tcase_add_test(tc, vnc_options);
	tcase_add_test(tc, audiodev_option);
	tcase_add_test(tc, host_cpuinfo);
	tcase_add_test(tc, cpu_follows_the_host);
	suite_add_tcase(s, tc);
	return s;
}
