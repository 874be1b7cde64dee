// SPDX-License-Identifier: GPL-2.0
/*
 * OSI time: wall clock, Mac local time, sleeping, and conversions between
 * microseconds and MOL's "mticks" (timebase ticks; src/main/timer.c).
 */
#include <time.h>

#include "../vmm/host.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* USLEEP is capped so a guest cannot park the vCPU thread for long: a stop
 * request waits at most this long. */
#define USLEEP_MAX_US		1000000U

/* GET_GMT_TIME: Unix seconds (32 bits, as MOL). */
uint32_t osi_get_gmt_time(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return (uint32_t)time(NULL);
}

/* GET_LOCALTIME: seconds since 1904-01-01 in the host's time zone. */
uint32_t osi_get_localtime(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return (uint32_t)host_mac_localtime();
}

/* USLEEP(usecs) */
uint32_t osi_usleep(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t us = osi_arg(gpr, 0);
	struct timespec ts;

	(void)vcpu;
	if (us > USLEEP_MAX_US)
		us = USLEEP_MAX_US;
	ts.tv_sec = us / 1000000;
	ts.tv_nsec = (long)(us % 1000000) * 1000;
	nanosleep(&ts, NULL);
	return 0;
}

/* MTICKS_TO_USECS(ticks): with the real timebase frequency; 64-bit
 * intermediate so no tick count overflows, result truncated to 32 bits. */
uint32_t osi_mticks_to_usecs(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t tb = vcpu->vm->osi->tb_freq;

	return tb ? (uint32_t)((uint64_t)osi_arg(gpr, 0) * 1000000 / tb) : 0;
}

/* USECS_TO_MTICKS(usecs) */
uint32_t osi_usecs_to_mticks(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t tb = vcpu->vm->osi->tb_freq;

	return (uint32_t)((uint64_t)osi_arg(gpr, 0) * tb / 1000000);
}
