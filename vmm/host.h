/* SPDX-License-Identifier: GPL-2.0 */
/* Facts about the host the guest's device tree repeats. */
#ifndef MOLVM_HOST_H
#define MOLVM_HOST_H

#include <stdint.h>

/* From /proc/cpuinfo ("timebase", "clock"); fallbacks when absent. */
uint32_t host_timebase_freq(void);
uint32_t host_clock_freq(void);
/* The bus frequency of the host's first CPU node (/proc/device-tree/cpus/
 * NODE/bus-frequency), or fallback when the host tree has none. */
uint32_t host_bus_freq(uint32_t fallback);
/* The same below another device-tree root (tests). */
uint32_t host_bus_freq_at(const char *tree, uint32_t fallback);

#endif
