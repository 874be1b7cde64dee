/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_CLI_H
#define MOLVM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vm.h"

enum cli_result {
	CLI_RUN,	/* cfg is complete: start the VM */
	CLI_DONE,	/* --help, --version, "-M help": exit 0 */
	CLI_ERROR,	/* err holds a one-line message: exit 1 */
};

/* Parse argv into cfg.  Informational output goes to out. */
enum cli_result cli_parse(int argc, char **argv, struct vm_config *cfg,
			  FILE *out, char *err, size_t errlen);

/* "512", "512M", "1G", "64k": QEMU's -m syntax, MiB without a suffix. */
int parse_size(const char *s, uint64_t *out);
/* Decimal or 0x-prefixed hex, the whole string. */
int parse_u64(const char *s, uint64_t *out);

void cli_usage(FILE *out);

struct host_cpu;
/* -cpu NAME (NULL: the default) for cfg->machine on this host: sets
 * cfg->cpu.  0, or -1 with err set.  (cli_parse probes the real host.) */
int cli_choose_cpu(struct vm_config *cfg, const char *name, const struct host_cpu *host,
		   char *err, size_t errlen);

/* -drive and -netdev values (cli_dev.c).  0, or -1 with err set. */
int cli_parse_drive(const char *val, struct vm_config *cfg, char *err, size_t errlen);
int cli_parse_netdev(const char *val, struct vm_config *cfg, char *err, size_t errlen);
/* powermac: -cdrom IMG (a read-only ABLK unit with MOL's CD-ROM flags),
 * -boot c|d, and the drive that gets the boot hint */
int cli_parse_cdrom(const char *val, struct vm_config *cfg, char *err, size_t errlen);
int cli_parse_boot(const char *val, struct vm_config *cfg, char *err, size_t errlen);
void cli_boot_hint(struct vm_config *cfg);

#endif
