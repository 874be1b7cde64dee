// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the big-endian Linux guest (build/sysfiles/linux-be.cpio.gz):
 * a static program (powerpc64-linux-gnu-gcc, libc6-dev-ppc64-cross), the
 * whole userland.  It prints GUEST-* lines for 55-linux-be.sh to check:
 * what the kernel says it runs on (uname, /proc/cpuinfo, the AT_HWCAP
 * bits), what it was told (the cpu node under /proc/device-tree), and the
 * first sector of the virtio disk; then it powers the machine off.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <unistd.h>

/* arch/powerpc/include/uapi/asm/cputable.h */
#define PPC_FEATURE_HAS_ALTIVEC	0x10000000
#define PPC_FEATURE_HAS_VSX	0x00000080

/* A device-tree property as big-endian 32-bit cells, in decimal (or hex). */
static void print_cells(const char *tag, const char *path, int hex)
{
	unsigned char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
	ssize_t i;

	if (fd >= 0)
		close(fd);
	printf("GUEST-%s=", tag);
	if (n < 0)
		printf("(none)");
	for (i = 0; i + 4 <= n; i += 4)
		printf(hex ? "%s0x%08x" : "%s%u", i ? " " : "",
		       (unsigned int)buf[i] << 24 | buf[i + 1] << 16 | buf[i + 2] << 8 | buf[i + 3]);
	printf("\n");
}

static void device_tree_cpu(void)
{
	DIR *d = opendir("/proc/device-tree/cpus");
	struct dirent *e;
	char path[512];

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "PowerPC,", 8))
			continue;
		printf("GUEST-DT-CPU=%s\n", e->d_name);
		snprintf(path, sizeof(path), "/proc/device-tree/cpus/%s/ibm,segment-page-sizes",
			 e->d_name);
		print_cells("DT-PAGE-SIZES", path, 0);
		snprintf(path, sizeof(path),
			 "/proc/device-tree/cpus/%s/ibm,processor-segment-sizes", e->d_name);
		print_cells("DT-SEGMENT-SIZES", path, 0);
		snprintf(path, sizeof(path), "/proc/device-tree/cpus/%s/ibm,vmx", e->d_name);
		print_cells("DT-VMX", path, 0);
		snprintf(path, sizeof(path), "/proc/device-tree/cpus/%s/cpu-version", e->d_name);
		print_cells("DT-PVR", path, 1);
		break;
	}
	if (d)
		closedir(d);
}

static void cpuinfo_cpu(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "cpu\t", 4)) {
			printf("GUEST-CPUINFO=%s", strchr(line, ':') + 2);
			break;
		}
	if (f)
		fclose(f);
}

static void first_sector(void)
{
	char buf[512];
	int fd = open("/dev/vda", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	ssize_t i;

	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		printf("GUEST-VDA=(unreadable)\n");
		return;
	}
	/* The test disk starts with a line of text. */
	for (i = 0; i < n && buf[i] >= ' ' && buf[i] < 127; i++)
		;
	buf[i] = 0;
	printf("GUEST-VDA=%s\n", buf);
}

int main(void)
{
	unsigned long hwcap;
	struct utsname u;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);

	if (uname(&u) == 0)
		printf("GUEST-UNAME=%s %s %s\n", u.sysname, u.release, u.machine);
	cpuinfo_cpu();
	hwcap = getauxval(AT_HWCAP);
	printf("GUEST-ALTIVEC=%d\nGUEST-VSX=%d\n", !!(hwcap & PPC_FEATURE_HAS_ALTIVEC),
	       !!(hwcap & PPC_FEATURE_HAS_VSX));
	device_tree_cpu();
	first_sector();
	printf("GUEST-EXIT=0\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
