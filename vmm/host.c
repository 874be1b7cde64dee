// SPDX-License-Identifier: GPL-2.0
#include "host.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

/* Value of the first "key : value" line of /proc/cpuinfo, as a double. */
static double cpuinfo_value(const char *key, double fallback)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];
	double v = fallback;
	size_t n = strlen(key);

	if (!f)
		return fallback;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon || strncmp(line, key, n) || (line[n] != ' ' && line[n] != '\t'))
			continue;
		v = strtod(colon + 1, NULL);
		if (v <= 0)
			v = fallback;
		break;
	}
	fclose(f);
	return v;
}

uint32_t host_timebase_freq(void)
{
	/* 512 MHz: every POWER8/9's timebase */
	return (uint32_t)cpuinfo_value("timebase", 512000000.0);
}

uint32_t host_clock_freq(void)
{
	/* "clock : 3425.000000MHz" */
	double mhz = cpuinfo_value("clock", 1000.0);

	if (mhz > 4294.0)
		mhz = 4294.0;
	return (uint32_t)(mhz * 1e6);
}

void host_cpu_parse(struct host_cpu *h, FILE *cpuinfo, const char *machine)
{
	char line[256];

	h->pvr = 0;
	h->kernel64 = !strncmp(machine, "ppc64", 5);
	while (cpuinfo && fgets(line, sizeof(line), cpuinfo)) {
		const char *p = strstr(line, "(pvr ");
		unsigned int ver, rev;

		if (strncmp(line, "revision", 8) || !p)
			continue;
		if (sscanf(p, "(pvr %4x %4x)", &ver, &rev) == 2 && ver)
			h->pvr = ver << 16 | rev;
		break;
	}
}

void host_cpu_probe(struct host_cpu *h)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	struct utsname u;

	if (uname(&u))
		u.machine[0] = 0;
	host_cpu_parse(h, f, u.machine);
	if (f)
		fclose(f);
}

uint32_t host_bus_freq(uint32_t fallback)
{
	return host_bus_freq_at("/proc/device-tree", fallback);
}

uint32_t host_bus_freq_at(const char *tree, uint32_t fallback)
{
	char dir[256];
	DIR *d;
	struct dirent *e;
	uint32_t v = fallback;

	snprintf(dir, sizeof(dir), "%s/cpus", tree);
	d = opendir(dir);
	while (d && (e = readdir(d))) {
		char path[512];
		unsigned char b[8];
		size_t n;
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s/bus-frequency", dir, e->d_name) >=
		    sizeof(path))
			continue;
		f = fopen(path, "rb");
		if (!f)
			continue;
		n = fread(b, 1, sizeof(b), f);
		fclose(f);
		/* one cell, or two (a 64-bit value: the low cell, capped) */
		if (n == 4 || n == 8) {
			uint32_t hi = n == 8 ? (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : 0;
			const unsigned char *lo = b + n - 4;

			v = hi ? UINT32_MAX : (uint32_t)lo[0] << 24 | lo[1] << 16 | lo[2] << 8 | lo[3];
			if (v)
				break;
			v = fallback;
		}
	}
	if (d)
		closedir(d);
	return v;
}
