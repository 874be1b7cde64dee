/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Facts about the host: what the guest's device tree repeats, and what the
 * command line's defaults and checks depend on.  Every difference between
 * hosts (PowerMac G3/G4, G5, POWER; 32- or 64-bit kernel) is read here,
 * once, at run time.
 */
#ifndef MOLVM_HOST_H
#define MOLVM_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* From /proc/cpuinfo ("timebase", "clock"); fallbacks when absent. */
uint32_t host_timebase_freq(void);
uint32_t host_clock_freq(void);
/* The bus frequency of the host's first CPU node (/proc/device-tree/cpus/
 * NODE/bus-frequency), or fallback when the host tree has none. */
uint32_t host_bus_freq(uint32_t fallback);
/* The same below another device-tree root (tests). */
uint32_t host_bus_freq_at(const char *tree, uint32_t fallback);

/* The host's CPU and kernel. */
struct host_cpu {
	uint32_t pvr;		/* 0: not a PowerPC host (a build machine,
				 * qemu-user): molvm assumes nothing about it */
	bool kernel64;		/* a 64-bit kernel (uname: ppc64, ppc64le) */
};

/* The running host: /proc/cpuinfo's "revision : ... (pvr VVVV RRRR)" line
 * (Linux's show_cpuinfo prints it on every PowerPC) and uname's machine. */
void host_cpu_probe(struct host_cpu *h);
/* The same from given text (cpuinfo may be NULL) and machine name. */
void host_cpu_parse(struct host_cpu *h, FILE *cpuinfo, const char *machine);

#endif
