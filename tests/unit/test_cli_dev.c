// SPDX-License-Identifier: GPL-2.0
/* -drive and -netdev on the command line. */
#include <stdio.h>
#include <string.h>

#include "../../vmm/cli.h"
#include "unit.h"

static struct vm_config cfg;
static char err[256];

static enum cli_result run(int argc, const char **args)
{
	char *argv[16];
	FILE *out = fopen("/dev/null", "w");
	enum cli_result r;
	int i;

	argv[0] = (char *)"molvm";
	for (i = 0; i < argc; i++)
		argv[i + 1] = (char *)args[i];
	argv[argc + 1] = NULL;
	err[0] = 0;
	r = cli_parse(argc + 1, argv, &cfg, out, err, sizeof(err));
	fclose(out);
	return r;
}

#define RUN(...) run(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *), \
		     (const char *[]){ __VA_ARGS__ })

START_TEST(drives_and_nics)
{
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=a.img,format=raw",
			     "-drive", "readonly=on,file=/x/b.img", "-netdev", "tap,ifname=tap0",
			     "-netdev", "tap,id=n1,ifname=mtap1"), CLI_RUN);
	ck_assert_int_eq(cfg.nr_drives, 2);
	ck_assert_str_eq(cfg.drives[0].file, "a.img");
	ck_assert(!cfg.drives[0].readonly);
	ck_assert_str_eq(cfg.drives[1].file, "/x/b.img");
	ck_assert(cfg.drives[1].readonly);
	/* A comma ends the value (QEMU's ",," escape is not supported). */
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=/x/b,c.img"), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=/x/b.img,readonly=on,if=virtio"),
			 CLI_RUN);
	ck_assert(cfg.drives[0].readonly);
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "tap,ifname=tap0",
			     "-netdev", "tap,id=n1,ifname=mtap1"), CLI_RUN);
	ck_assert_int_eq(cfg.nr_netdevs, 2);
	ck_assert_str_eq(cfg.netdevs[0].ifname, "tap0");
	ck_assert_str_eq(cfg.netdevs[1].ifname, "mtap1");
}
END_TEST

START_TEST(bad_drives_and_nics)
{
	static char longname[5000];

	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "format=raw"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "file=IMG"));
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=a,format=qcow2"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "only raw"));
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=a,readonly=maybe"), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=a,cache=none"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "cache=none"));
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", ""), CLI_ERROR);
	memset(longname, 'x', sizeof(longname) - 1);
	memcpy(longname, "file=", 5);
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", longname), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "too long"));
	ck_assert_int_eq(RUN("-kernel", "k", "-drive", "file=1", "-drive", "file=2",
			     "-drive", "file=3", "-drive", "file=4", "-drive", "file=5"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "at most"));

	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "socket"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "(tap or user)"));
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "tap"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "ifname"));
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "tap,ifname=a-name-of-16-chars"), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "tap,ifname="), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "tap,ifname=../x"), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", "tap,ifname=t0,vhost=on"), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-netdev", ""), CLI_ERROR);
	/* powermac: drives on the OSI block device, one OSI Ethernet */
	ck_assert_int_eq(RUN("-M", "powermac", "-kernel", "k", "-drive", "file=a"), CLI_RUN);
	ck_assert_int_eq(RUN("-M", "powermac", "-kernel", "k", "-netdev", "tap,ifname=a",
			     "-netdev", "tap,ifname=b"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "one network device"));
}
END_TEST

/* -cdrom and -boot: which unit gets MOL's boot hint */
START_TEST(cdroms_and_boot)
{
	ck_assert_int_eq(RUN("-M", "powermac", "-cdrom", "cd.iso", "-drive", "file=hd.img"),
			 CLI_RUN);
	ck_assert_int_eq(cfg.nr_drives, 2);
	ck_assert(cfg.drives[0].cdrom && cfg.drives[0].readonly);
	ck_assert(!cfg.drives[1].cdrom && !cfg.drives[1].readonly);
	ck_assert(!cfg.drives[0].boot && cfg.drives[1].boot);	/* default: the disk */
	ck_assert_int_eq(RUN("-M", "powermac", "-drive", "file=hd.img", "-cdrom", "cd.iso",
			     "-boot", "d"), CLI_RUN);
	ck_assert(!cfg.drives[0].boot && cfg.drives[1].boot);
	ck_assert_int_eq(RUN("-M", "powermac", "-cdrom", "a.iso", "-cdrom", "b.iso",
			     "-boot", "order=dc"), CLI_RUN);
	ck_assert(cfg.drives[0].boot && !cfg.drives[1].boot);
	/* only CD-ROMs and -boot c: the first drive anyway */
	ck_assert_int_eq(RUN("-M", "powermac", "-cdrom", "a.iso", "-boot", "c"), CLI_RUN);
	ck_assert(cfg.drives[0].boot);
	/* no -kernel and no -rom: the ROM is searched for on the drives */
	ck_assert_int_eq(RUN("-M", "powermac", "-drive", "file=a"), CLI_RUN);
	ck_assert_int_eq(RUN("-M", "powermac"), CLI_ERROR);
	ck_assert_int_eq(RUN("-M", "powermac", "-drive", "file=a", "-boot", "d"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "no -cdrom"));
	ck_assert_int_eq(RUN("-M", "powermac", "-cdrom", "a", "-boot", "n"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "-boot"));
	ck_assert_int_eq(RUN("-M", "powermac", "-cdrom", ""), CLI_ERROR);
	ck_assert_int_eq(RUN("-kernel", "k", "-cdrom", "a.iso"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "no CD-ROM"));
	ck_assert_int_eq(RUN("-kernel", "k", "-mol-drivers", "/x"), CLI_ERROR);
	ck_assert_int_eq(RUN("-M", "powermac", "-drive", "file=1", "-cdrom", "2", "-cdrom", "3",
			     "-drive", "file=4", "-cdrom", "5"), CLI_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "at most"));
}
END_TEST

Suite *cli_dev_suite(void)
{
	Suite *s = suite_create("cli-devices");
	TCase *tc = tcase_create("cli-devices");

	tcase_add_test(tc, drives_and_nics);
	tcase_add_test(tc, bad_drives_and_nics);
	tcase_add_test(tc, cdroms_and_boot);
	suite_add_tcase(s, tc);
	return s;
}
