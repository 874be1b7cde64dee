/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VIA-CUDA: a 6522 VIA whose shift register and port B talk to Apple's
 * Cuda microcontroller, which keeps the real-time clock, switches the
 * power and runs the ADB (oftree.nw "via-cuda", compatible "cuda"; MOL
 * src/drivers/via-cuda.c; Linux drivers/macintosh/via-cuda.c).
 *
 * The VIA (sixteen byte-wide registers, 0x200 apart):
 *   B, DIRB     port B: TIP (bit 5) and TACK (bit 4) from the host, TREQ
 *               (bit 3, active low) from Cuda; reads give the output bits
 *               as written and TREQ, other inputs 0
 *   T1, T2      the timers, counting at 783.33 kHz (4.7 MHz / 6, Linux
 *               VIA_TIMER_FREQ_6) against the host's monotonic clock: T1
 *               one-shot or free-running (ACR bit 6) with its latch, T2
 *               one-shot; IFR's timer bits are set at each underflow.
 *               The counters are computed when the guest reads them
 *               (Linux's via_calibrate_decr measures the timebase against
 *               T1 this way); while a timer's interrupt is enabled, a
 *               thread raises it at the underflow (via_cuda_start).
 *   SR          the shift register; reading or writing it clears IFR's SR
 *               bit, each byte Cuda shifts sets it
 *   ACR, PCR, A, DIRA, ANH  kept as written
 *   IFR, IER    6522 semantics: IFR bit 7 reads "any enabled flag", writes
 *               clear the bits written; IER bit 7 selects set or clear
 * The interrupt line is high while IFR & IER & 0x7f is non-zero.
 *
 * Cuda's side of the handshake follows MOL's state machine, without its
 * delays (each step answers at once): TIP asserted starts a transfer, each
 * TACK toggle moves the next byte, TIP negated ends it; TACK asserted
 * without TIP is the sync handshake (TREQ follows TACK).  A packet from
 * the host (up to 16 bytes) is answered when TIP is negated:
 *   ADB_PACKET   an ADB command (devices/adb.h): 00 00 cmd data..., or 00
 *                02 cmd when the device does not answer
 *   CUDA_PACKET  01 00 cmd [data] for AUTOPOLL, GET_TIME (4 bytes, seconds
 *                since 1904 in the host's local time plus the guest's
 *                offset), SET_TIME, POWERDOWN (molvm ends, exit code 0),
 *                RESET_SYSTEM / WARM_START / MS_RESET (molvm ends, exit
 *                code 0: no reboot, as QEMU's -no-reboot), GET_AUTO_RATE,
 *                GET/SET_DEVICE_LIST and the commands MOL acknowledged
 *                without doing anything; 02 05 01 cmd for
 *                COMBINED_FORMAT_IIC (MOL: B&W G3 OF wants it), 02 02 01
 *                cmd for anything else
 * With autopoll on, a key or mouse event makes Cuda assert TREQ and send
 * 00 40 cmd data... (Talk register 0 of the device) when the bus is idle.
 */
#ifndef MOLVM_VIA_CUDA_H
#define MOLVM_VIA_CUDA_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../vmm/irq.h"
#include "../vmm/ratelimit.h"
#include "adb.h"

struct vm;

#define VIA_REG_STRIDE	0x200
#define VIA_WINDOW	0x2000
#define CUDA_BUF	16		/* MOL VIA_BUFFER_LEN */

struct via_timer {
	uint16_t latch;
	uint64_t start_ns;		/* when the counter was loaded */
	uint32_t start;			/* with this value */
	uint64_t fire;			/* the next underflow, ticks after start_ns */
	bool armed;
};

struct via_cuda {
	pthread_mutex_t lock;
	struct vm *vm;			/* power requests end it */
	uint64_t (*clock_ns)(void);	/* monotonic nanoseconds */

	/* the 6522 */
	uint8_t b, dirb, a, dira, sr, acr, pcr, ifr, ier;
	struct via_timer t1, t2;
	bool irq_level;
	struct irq_line irq;

	/* Cuda */
	bool tip, tack;			/* the host's lines, true = asserted (low) */
	bool treq;			/* Cuda's line, true = asserted */
	uint8_t in[CUDA_BUF];
	int in_len;
	uint8_t out[CUDA_BUF];
	int out_len, out_pos;
	bool autopoll;
	uint8_t device_list[2];

	struct adb_bus adb;
	struct ratelimit warn;

	/* the timer interrupts' thread */
	pthread_cond_t wake;
	pthread_t thread;
	bool thread_started, stop;
};

/* clock_ns NULL: CLOCK_MONOTONIC. */
void via_cuda_init(struct via_cuda *v, struct vm *vm, uint64_t (*clock_ns)(void));
/* A guest access at off of the 8 KiB window (a mac-io child). */
void via_cuda_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write);
/* An event from the VM's input sink (any thread). */
void via_cuda_input(struct via_cuda *v, const struct input_event *ev);
/* The thread that raises enabled timer interrupts on time (needs the
 * monotonic clock): 0, or -1 after one line on stderr; stop joins it. */
int via_cuda_start(struct via_cuda *v);
void via_cuda_stop(struct via_cuda *v);

#endif
