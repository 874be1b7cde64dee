// SPDX-License-Identifier: GPL-2.0
/* VIA-CUDA: the 6522, Cuda's handshake and packets, the RTC, power (via_cuda.h). */
#include "via_cuda.h"

#include <string.h>
#include <time.h>

#include "../vmm/host.h"
#include "../vmm/log.h"
#include "../vmm/mmio.h"
#include "../vmm/vm.h"

/* VIA registers (Linux via-cuda.c, MOL via_hw.h) */
enum {
	REG_B, REG_A, REG_DIRB, REG_DIRA, REG_T1CL, REG_T1CH, REG_T1LL, REG_T1LH,
	REG_T2CL, REG_T2CH, REG_SR, REG_ACR, REG_PCR, REG_IFR, REG_IER, REG_ANH,
};
#define TREQ		0x08
#define TACK		0x10
#define TIP		0x20
#define ACR_T1_FREE	0x40	/* T1 reloads from its latch at each underflow */
#define IFR_SR		0x04
#define IFR_T2		0x20
#define IFR_T1		0x40
#define IFR_ANY		0x80
#define IER_SET		0x80

/* 4.7 MHz / 6: ticks = ns * 47 / 60000 */
#define TICKS(ns)	((ns) * 47 / 60000)
#define NS(ticks)	(((ticks) * 60000 + 46) / 47)

/* Packet types and Cuda commands (Linux include/uapi/linux/cuda.h,
 * include/linux/adb.h; MOL cuda_hw.h) */
#define ADB_PACKET	0
#define CUDA_PACKET	1
#define ERROR_PACKET	2
#define CUDA_WARM_START			0x00
#define CUDA_AUTOPOLL			0x01
#define CUDA_GET_6805_ADDR		0x02
#define CUDA_GET_TIME			0x03
#define CUDA_GET_PRAM			0x07
#define CUDA_SET_6805_ADDR		0x08
#define CUDA_SET_TIME			0x09
#define CUDA_POWERDOWN			0x0a
#define CUDA_POWERUP_TIME		0x0b
#define CUDA_SET_PRAM			0x0c
#define CUDA_MS_RESET			0x0d
#define CUDA_SEND_DFAC			0x0e
#define CUDA_RESET_SYSTEM		0x11
#define CUDA_SET_IPL_LEVEL		0x12
#define CUDA_SET_AUTO_RATE		0x14
#define CUDA_GET_AUTO_RATE		0x16
#define CUDA_SET_DEVICE_LIST		0x19
#define CUDA_GET_DEVICE_LIST		0x1a
#define CUDA_SET_ONE_SECOND_MODE	0x1b
#define CUDA_CMD_1C			0x1c
#define CUDA_SET_POWER_MESSAGES		0x21
#define CUDA_GET_SET_IIC		0x22
#define CUDA_ENABLE_DISABLE_WAKEUP	0x23
#define CUDA_TIMER_TICKLE		0x24
#define CUDA_COMBINED_FORMAT_IIC	0x25
#define CUDA_CMD_26			0x26
/* the second byte of a reply: ADB got no answer; of an error packet */
#define ADB_FLAG_TIMEOUT	0x02
#define ADB_FLAG_AUTOPOLL	0x40
#define ERR_UNKNOWN_CMD		0x02
#define ERR_BAD_PARAMS		0x05

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* --- the 6522 ------------------------------------------------------------ */

/* Caller holds v->lock (so do all static functions below). */
static void update_irq(struct via_cuda *v)
{
	bool level = v->ifr & v->ier & 0x7f;

	if (level != v->irq_level) {
		v->irq_level = level;
		irq_set_level(&v->irq, level);
	}
}

static void timer_load(struct via_timer *t, uint32_t value, uint64_t now)
{
	t->start_ns = now;
	t->start = value;
	t->fire = (uint64_t)value + 1;	/* counts through 0 to the underflow */
	t->armed = true;
}

/* Set IFR bits for the underflows that happened by now; T1 free-running
 * fires every latch + 2 ticks (the 6522's reload takes two), everything
 * else once per load. */
static void timers_update(struct via_cuda *v, uint64_t now)
{
	struct via_timer *t1 = &v->t1, *t2 = &v->t2;
	uint64_t e;

	e = TICKS(now - t1->start_ns);
	if (t1->armed && e >= t1->fire) {
		v->ifr |= IFR_T1;
		if (v->acr & ACR_T1_FREE) {
			uint64_t period = (uint64_t)t1->latch + 2;

			t1->fire += ((e - t1->fire) / period + 1) * period;
		} else {
			t1->armed = false;
		}
	}
	e = TICKS(now - t2->start_ns);
	if (t2->armed && e >= t2->fire) {
		v->ifr |= IFR_T2;
		t2->armed = false;
	}
}

static uint16_t timer_count(const struct via_timer *t, bool free_running, uint64_t now)
{
	uint64_t e = TICKS(now - t->start_ns), k;

	if (e <= t->start)
		return (uint16_t)(t->start - e);
	k = e - t->start - 1;	/* ticks since the first underflow */
	if (free_running)
		return (uint16_t)(t->latch - k % ((uint64_t)t->latch + 2));
	return (uint16_t)(0xffff - k);
}

/* --- Cuda ---------------------------------------------------------------- */

/* A byte went through the shift register: its interrupt. */
static void shifted(struct via_cuda *v)
{
	v->ifr |= IFR_SR;
}

static void reply(struct via_cuda *v, const uint8_t *buf, int len)
{
	if (len > CUDA_BUF)
		len = CUDA_BUF;
	memcpy(v->out, buf, (size_t)len);
	v->out_len = len;
	v->out_pos = 0;
}

static void error_reply(struct via_cuda *v, uint8_t reason, uint8_t type, uint8_t cmd)
{
	const uint8_t r[4] = { ERROR_PACKET, reason, type, cmd };

	reply(v, r, 4);
}

static void power(struct via_cuda *v, bool restart)
{
	if (restart)
		pr_info("the guest asked Cuda for a restart: stopping (no reboot)");
	if (v->vm)
		vm_request_exit(v->vm, MOLVM_EXIT_POWEROFF);
}

static void cuda_packet(struct via_cuda *v, uint8_t cmd, const uint8_t *data, int len)
{
	uint8_t r[CUDA_BUF] = { CUDA_PACKET, 0, cmd };
	int n = 3;
	int64_t t;

	switch (cmd) {
	case CUDA_POWERDOWN:
		power(v, false);
		break;
	case CUDA_WARM_START:
	case CUDA_RESET_SYSTEM:
	case CUDA_MS_RESET:
		power(v, true);
		break;
	case CUDA_AUTOPOLL:
		if (len < 1) {
			error_reply(v, ERR_BAD_PARAMS, CUDA_PACKET, cmd);
			return;
		}
		v->autopoll = data[0] != 0;
		break;
	case CUDA_GET_TIME:
		t = host_mac_localtime() + (v->vm ? atomic_load(&v->vm->rtc_offset) : 0);
		r[n++] = (uint8_t)(t >> 24);
		r[n++] = (uint8_t)(t >> 16);
		r[n++] = (uint8_t)(t >> 8);
		r[n++] = (uint8_t)t;
		break;
	case CUDA_SET_TIME:
		if (len < 4) {
			error_reply(v, ERR_BAD_PARAMS, CUDA_PACKET, cmd);
			return;
		}
		t = (int64_t)((uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
			      (uint32_t)data[2] << 8 | data[3]);
		if (v->vm)
			atomic_store(&v->vm->rtc_offset, t - host_mac_localtime());
		break;
	case CUDA_GET_AUTO_RATE:
		r[n++] = 0x0b;		/* MOL's answer */
		break;
	case CUDA_SET_DEVICE_LIST:
		if (len >= 2)
			memcpy(v->device_list, data, 2);
		break;
	case CUDA_GET_DEVICE_LIST:
		r[n++] = v->device_list[0];
		r[n++] = v->device_list[1];
		break;
	case CUDA_GET_SET_IIC:
		/* one byte (get) or iicAddr, iicReg, iicData (MOL: only 3) */
		if (len != 3) {
			error_reply(v, ERR_UNKNOWN_CMD, CUDA_PACKET, cmd);
			return;
		}
		break;
	case CUDA_CMD_1C:
		/* MOL's answer, kept for the guests that expect it */
		error_reply(v, ERR_UNKNOWN_CMD, CUDA_PACKET, cmd);
		v->out[2] = 1;
		return;
	case CUDA_COMBINED_FORMAT_IIC:
		error_reply(v, ERR_BAD_PARAMS, CUDA_PACKET, cmd);
		return;
	case CUDA_GET_6805_ADDR:
	case CUDA_GET_PRAM:
	case CUDA_SET_6805_ADDR:
	case CUDA_POWERUP_TIME:
	case CUDA_SET_PRAM:
	case CUDA_SEND_DFAC:
	case CUDA_SET_IPL_LEVEL:
	case CUDA_SET_AUTO_RATE:
	case CUDA_SET_ONE_SECOND_MODE:
	case CUDA_SET_POWER_MESSAGES:
	case CUDA_ENABLE_DISABLE_WAKEUP:
	case CUDA_TIMER_TICKLE:
	case CUDA_CMD_26:
		break;	/* acknowledged, as MOL did */
	default:
		error_reply(v, ERR_UNKNOWN_CMD, CUDA_PACKET, cmd);
		return;
	}
	reply(v, r, n);
}

static void adb_packet(struct via_cuda *v, uint8_t cmd, const uint8_t *data, int len)
{
	uint8_t r[3 + ADB_MAX_REPLY] = { ADB_PACKET, 0, cmd };
	int n = adb_request(&v->adb, cmd, data, len, r + 3);

	if (n < 0) {
		r[1] = ADB_FLAG_TIMEOUT;
		n = 0;
	}
	reply(v, r, 3 + n);
}

/* The host ended a transfer: the packet it sent. */
static void incoming(struct via_cuda *v)
{
	if (v->in_len < 2) {
		v->in_len = 0;
		return;
	}
	if (v->in[0] == ADB_PACKET)
		adb_packet(v, v->in[1], v->in + 2, v->in_len - 2);
	else if (v->in[0] == CUDA_PACKET)
		cuda_packet(v, v->in[1], v->in + 2, v->in_len - 2);
	else
		error_reply(v, ERR_UNKNOWN_CMD, v->in[0], v->in[1]);
	v->in_len = 0;
}

/* With autopoll on and the bus idle, a device's data becomes an
 * unsolicited packet: TREQ asserted, and an SR interrupt to start it. */
static void start_autopoll(struct via_cuda *v)
{
	uint8_t r[3 + ADB_MAX_REPLY] = { ADB_PACKET, ADB_FLAG_AUTOPOLL };
	int n;

	if (!v->autopoll || v->tip || v->tack || v->treq || v->out_len)
		return;
	n = adb_poll(&v->adb, &r[2], r + 3);
	if (n < 0)
		return;
	reply(v, r, 3 + n);
	v->treq = true;
	v->sr = 0;
	shifted(v);
}

/* Port B changed: Cuda's side of the handshake (MOL cuda_handshake). */
static void handshake(struct via_cuda *v)
{
	bool tip = !(v->b & TIP), tack = !(v->b & TACK);

	if (tip == v->tip && tack == v->tack)
		return;
	v->tip = tip;
	v->tack = tack;
	if (!tip) {
		/* end of a transfer, or the sync handshake */
		if (v->in_len)
			incoming(v);
		v->out_pos = 0;
		if (tack)
			v->out_len = 0;		/* sync: whatever was pending is dropped */
		v->treq = tack;
		if (!tack && v->out_len)
			v->treq = true;		/* a reply is ready */
		v->sr = 0;
		shifted(v);
		return;
	}
	if (!v->treq) {
		/* a byte from the host, already in SR */
		if (v->in_len < CUDA_BUF)
			v->in[v->in_len++] = v->sr;
		shifted(v);
		return;
	}
	/* a byte to the host; TREQ goes away with the last one */
	v->sr = v->out_pos < v->out_len ? v->out[v->out_pos++] : 0;
	if (v->out_pos >= v->out_len) {
		v->out_pos = v->out_len = 0;
		v->treq = false;
	}
	shifted(v);
}

/* --- registers ------------------------------------------------------------ */

static uint8_t via_read(struct via_cuda *v, unsigned int reg, uint64_t now)
{
	bool free_running = v->acr & ACR_T1_FREE;
	uint8_t r = 0;

	switch (reg) {
	case REG_B:
		r = (uint8_t)((v->b & v->dirb) | (v->treq ? 0 : TREQ));
		break;
	case REG_A:
	case REG_ANH:
		r = v->a & v->dira;
		break;
	case REG_DIRB:
		r = v->dirb;
		break;
	case REG_DIRA:
		r = v->dira;
		break;
	case REG_T1CL:
		r = (uint8_t)timer_count(&v->t1, free_running, now);
		v->ifr &= (uint8_t)~IFR_T1;
		break;
	case REG_T1CH:
		r = (uint8_t)(timer_count(&v->t1, free_running, now) >> 8);
		break;
	case REG_T1LL:
		r = (uint8_t)v->t1.latch;
		break;
	case REG_T1LH:
		r = (uint8_t)(v->t1.latch >> 8);
		break;
	case REG_T2CL:
		r = (uint8_t)timer_count(&v->t2, false, now);
		v->ifr &= (uint8_t)~IFR_T2;
		break;
	case REG_T2CH:
		r = (uint8_t)(timer_count(&v->t2, false, now) >> 8);
		break;
	case REG_SR:
		r = v->sr;
		v->ifr &= (uint8_t)~IFR_SR;
		start_autopoll(v);	/* MOL cuda_sr_idle */
		break;
	case REG_ACR:
		r = v->acr;
		break;
	case REG_PCR:
		r = v->pcr;
		break;
	case REG_IFR:
		r = (uint8_t)((v->ifr & 0x7f) | ((v->ifr & v->ier & 0x7f) ? IFR_ANY : 0));
		break;
	case REG_IER:
		r = v->ier | IER_SET;
		break;
	}
	return r;
}

static void via_write(struct via_cuda *v, unsigned int reg, uint8_t d, uint64_t now)
{
	switch (reg) {
	case REG_B:
		v->b = (uint8_t)((d & v->dirb) | (v->b & ~v->dirb));
		handshake(v);
		break;
	case REG_A:
	case REG_ANH:
		v->a = d;
		break;
	case REG_DIRB:
		v->dirb = d;
		break;
	case REG_DIRA:
		v->dira = d;
		break;
	case REG_T1CL:
	case REG_T1LL:
		v->t1.latch = (uint16_t)((v->t1.latch & 0xff00) | d);
		break;
	case REG_T1CH:
		v->t1.latch = (uint16_t)((v->t1.latch & 0x00ff) | d << 8);
		timer_load(&v->t1, v->t1.latch, now);
		v->ifr &= (uint8_t)~IFR_T1;
		break;
	case REG_T1LH:
		v->t1.latch = (uint16_t)((v->t1.latch & 0x00ff) | d << 8);
		v->ifr &= (uint8_t)~IFR_T1;
		break;
	case REG_T2CL:
		v->t2.latch = (uint16_t)((v->t2.latch & 0xff00) | d);
		break;
	case REG_T2CH:
		v->t2.latch = (uint16_t)((v->t2.latch & 0x00ff) | d << 8);
		timer_load(&v->t2, v->t2.latch, now);
		v->ifr &= (uint8_t)~IFR_T2;
		break;
	case REG_SR:
		v->sr = d;
		v->ifr &= (uint8_t)~IFR_SR;
		break;
	case REG_ACR:
		v->acr = d;
		break;
	case REG_PCR:
		v->pcr = d;
		break;
	case REG_IFR:
		v->ifr &= (uint8_t)~(d & 0x7f);
		break;
	case REG_IER:
		if (d & IER_SET)
			v->ier |= d & 0x7f;
		else
			v->ier &= (uint8_t)~d;
		break;
	}
}

/* When the next enabled timer interrupt is due (monotonic ns), or 0. */
static uint64_t next_deadline(const struct via_cuda *v)
{
	uint64_t t1 = 0, t2 = 0;

	if (v->t1.armed && (v->ier & IFR_T1) && !(v->ifr & IFR_T1))
		t1 = v->t1.start_ns + NS(v->t1.fire);
	if (v->t2.armed && (v->ier & IFR_T2) && !(v->ifr & IFR_T2))
		t2 = v->t2.start_ns + NS(v->t2.fire);
	if (!t1 || (t2 && t2 < t1))
		return t2;
	return t1;
}

static void *timer_thread(void *arg)
{
	struct via_cuda *v = arg;

	pthread_mutex_lock(&v->lock);
	while (!v->stop) {
		uint64_t due = next_deadline(v);

		if (!due) {
			pthread_cond_wait(&v->wake, &v->lock);
		} else if (v->clock_ns() < due) {
			struct timespec ts = {
				.tv_sec = (time_t)(due / 1000000000ULL),
				.tv_nsec = (long)(due % 1000000000ULL),
			};

			pthread_cond_timedwait(&v->wake, &v->lock, &ts);
		}
		timers_update(v, v->clock_ns());
		update_irq(v);
	}
	pthread_mutex_unlock(&v->lock);
	return NULL;
}

int via_cuda_start(struct via_cuda *v)
{
	pthread_condattr_t attr;
	int r;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_destroy(&v->wake);
	pthread_cond_init(&v->wake, &attr);
	pthread_condattr_destroy(&attr);
	v->stop = false;
	r = pthread_create(&v->thread, NULL, timer_thread, v);
	if (r) {
		pr_err("via-cuda: cannot start its timer thread: %s", strerror(r));
		return -1;
	}
	pthread_setname_np(v->thread, "cuda-timer");
	v->thread_started = true;
	return 0;
}

void via_cuda_stop(struct via_cuda *v)
{
	if (!v->thread_started)
		return;
	pthread_mutex_lock(&v->lock);
	v->stop = true;
	pthread_cond_signal(&v->wake);
	pthread_mutex_unlock(&v->lock);
	pthread_join(v->thread, NULL);
	v->thread_started = false;
}

void via_cuda_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write)
{
	struct via_cuda *v = opaque;
	unsigned int reg = off / VIA_REG_STRIDE;
	uint64_t now;

	if (len != 1 || off >= VIA_WINDOW) {
		mmio_ignore(&v->warn, "via-cuda", off, data, len, is_write, 0);
		return;
	}
	pthread_mutex_lock(&v->lock);
	now = v->clock_ns();
	timers_update(v, now);
	if (is_write)
		via_write(v, reg, data[0], now);
	else
		data[0] = via_read(v, reg, now);
	update_irq(v);
	/* a timer (re)loaded or its interrupt enabled: the thread looks again */
	if (v->thread_started && is_write && (reg == REG_T1CH || reg == REG_T2CH ||
					      reg == REG_IER || reg == REG_IFR || reg == REG_ACR))
		pthread_cond_signal(&v->wake);
	pthread_mutex_unlock(&v->lock);
}

void via_cuda_input(struct via_cuda *v, const struct input_event *ev)
{
	if (!adb_input(&v->adb, ev))
		return;
	pthread_mutex_lock(&v->lock);
	start_autopoll(v);
	update_irq(v);
	pthread_mutex_unlock(&v->lock);
}

void via_cuda_init(struct via_cuda *v, struct vm *vm, uint64_t (*clock_ns)(void))
{
	memset(v, 0, sizeof(*v));
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->wake, NULL);
	v->vm = vm;
	v->clock_ns = clock_ns ? clock_ns : monotonic_ns;
	/* the lines idle high: TIP and TACK negated, TREQ negated */
	v->b = TIP | TACK;
	v->t1.start_ns = v->t2.start_ns = v->clock_ns();
	adb_init(&v->adb);
	ratelimit_init(&v->warn, "via-cuda: bad accesses", 4);
}
