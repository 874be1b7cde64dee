// SPDX-License-Identifier: GPL-2.0
/*
 * OSI ABLK: MOL's asynchronous block interface over -drive image files.
 * Protocol facts from MOL 0.9.72 (src/drivers/disk/ablk.c, ablk_sh.h):
 *
 * The ring is n (a power of two) 16-byte big-endian descriptors:
 *   request { flags, proceed, unit, param }   param = first 512-byte sector
 *   sg buf  { flags, proceed, buf, count }    flags has ABLK_SG_BUF
 * A descriptor's "proceed" says the next one is valid.  On CNTRL start,
 * element 0 is the busy head; the host works from head + 1, clearing the
 * old head's flags and proceed as it advances, until it finds proceed = 0
 * (an engine stall: interrupt).  Each descriptor adds one to the request
 * count IRQ_ACK returns; a request with ABLK_RAISE_IRQ also interrupts
 * when its buffers are done.  Any malformed descriptor stops the engine
 * (running = 0) and interrupts, as MOL does.
 *
 * KICK runs the ring on the device's I/O thread, never on the vCPU or
 * the main loop: a ring of 64 Ki descriptors each asking for gigabytes is
 * hours of I/O, which the control plane must not wait for.  A pass over
 * the ring per kick, its file I/O in pieces (devices/image.h) with the
 * lock dropped, so a vCPU's reset or stop, or molvm's exit, ends it
 * within a piece.  SYNC_READ/SYNC_WRITE are synchronous on the vCPU
 * thread, as in MOL, in pieces too, ended by the VM's stop.
 */
#include "osi_ablk.h"

#include <string.h>
#include <unistd.h>

#include "../devices/image.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* ablk_sh.h */
#define ABLK_CNTRL_RESET	1
#define ABLK_CNTRL_STOP		2
#define ABLK_CNTRL_START	3
#define ABLK_CNTRL_ROUTE_IRQ	4
#define ABLK_CNTRL_GET_EVENTS	5

#define ABLK_READ_REQ		1
#define ABLK_WRITE_REQ		2
#define ABLK_RAISE_IRQ		4	/* interrupt when this buffer is done */
#define ABLK_SG_BUF		8
#define ABLK_CNTRL_REQ_MASK	(~0xffU)	/* ~(ABLK_FIRST_CNTRL_REQ - 1) */
#define ABLK_NOP_REQ		(1U << 8)

#define ABLK_INFO_READ_ONLY	1
#define ABLK_INFO_REMOVABLE	2
#define ABLK_INFO_MEDIA_PRESENT	4
#define ABLK_BOOT_HINT		8
#define ABLK_INFO_CDROM		16

#define DESC_SIZE		16
/* Largest ring: 64 Ki descriptors (1 MiB of guest memory). */
#define MAX_RING		0x10000U

int ablk_open(struct vm *vm, struct ablk *a, const struct drive_config *drives, int n)
{
	int i;

	(void)vm;
	memset(a, 0, sizeof(*a));
	pthread_mutex_init(&a->lock, NULL);
	ratelimit_init(&a->warn, "ABLK", 4);
	a->cur_unit = -1;
	for (i = 0; i < n; i++) {
		struct ablk_unit *u = &a->units[i];
		struct image img;
		char err[256];

		if (i >= ABLK_MAX_UNITS) {
			pr_err("-drive: at most %d drives", ABLK_MAX_UNITS);
			return -1;
		}
		if (image_open(drives[i].file, drives[i].readonly, &img, err, sizeof(err))) {
			pr_err("%s", err);
			return -1;
		}
		u->fd = img.fd;
		u->size = img.size;
		u->readonly = drives[i].readonly;
		u->boot_hint = drives[i].boot;
		u->cdrom = drives[i].cdrom;
		a->nr_units++;
		if (u->size < ABLK_SECTOR) {
			pr_err("-drive file=%s: an image needs at least one %d-byte sector",
			       drives[i].file, ABLK_SECTOR);
			return -1;
		}
	}
	return 0;
}

void ablk_close(struct ablk *a)
{
	int i;

	image_worker_stop(&a->io, &a->lock);
	ratelimit_summary(&a->warn);
	for (i = 0; i < a->nr_units; i++)
		if (a->units[i].fd >= 0)
			close(a->units[i].fd);
	a->nr_units = 0;
}

/* ---- the engine ------------------------------------------------------------ */

static bool desc_read(struct vm *vm, struct ablk *a, uint32_t index, uint32_t w[4])
{
	return guest_read_be32s(&vm->mem, a->ring + (index & a->mask) * DESC_SIZE, w, 4);
}

static bool desc_clear(struct vm *vm, struct ablk *a, uint32_t index)
{
	uint32_t gpa = a->ring + (index & a->mask) * DESC_SIZE;

	return guest_write_be32(&vm->mem, gpa, 0) && guest_write_be32(&vm->mem, gpa + 4, 0);
}

/* One scatter/gather buffer of the current request (a->lock held; with
 * the I/O thread, dropped around the I/O). */
static bool do_sg(struct vm *vm, struct ablk *a, uint32_t buf, uint32_t count)
{
	struct ablk_unit *u;
	void *p;
	int r;

	if (a->cur_unit < 0)
		return false;
	u = &a->units[a->cur_unit];
	p = guest_ptr(&vm->mem, buf, count);
	if (!p || a->cur_pos > u->size || count > u->size - a->cur_pos)
		return false;
	if (a->io.started)
		pthread_mutex_unlock(&a->lock);
	r = image_rw(u->fd, p, count, a->cur_pos, a->cur_write, &a->io.cancel, &vm->stopping);
	if (a->io.started)
		pthread_mutex_lock(&a->lock);
	if (r)
		return false;
	a->cur_pos += count;
	return true;
}

static void engine_error(struct ablk *a, const char *why)
{
	if (ratelimit_allow(&a->warn))
		pr_info("ABLK: %s: the engine stops", why);
	a->running = false;
}

/*
 * Caller holds a->lock.  The interrupt is raised when the engine stops,
 * whatever the descriptors' ABLK_RAISE_IRQ say: the guest's IRQ_ACK
 * count tells it what finished.  Before that, as MOL's do_work does, a
 * scatter/gather buffer flagged ABLK_RAISE_IRQ raises it as soon as its
 * I/O is done if more descriptors follow (proceed set): MOL's drivers
 * flag the last buffer of each request (mac-drivers/block, the OS X
 * MolBlockDriver processRequest) to learn of it before the ring drains.
 */
static void work_locked(struct vm *vm, struct ablk *a)
{
	uint32_t cur[4], next[4], limit;

	/* At most one pass over the ring per kick: the guest may refill it
	 * meanwhile, but not keep the I/O thread from a stop for ever. */
	for (limit = 0; a->running && !a->io.stop && !vm_stopping(vm) && limit <= a->mask;
	     limit++) {
		bool raise = false;
		uint32_t f;

		if (!desc_read(vm, a, a->head, cur)) {
			engine_error(a, "ring outside guest RAM");
			break;
		}
		if (!cur[1])			/* proceed: engine stall */
			break;
		if (!desc_read(vm, a, a->head + 1, next) || !desc_clear(vm, a, a->head)) {
			engine_error(a, "ring outside guest RAM");
			break;
		}
		a->head = (a->head + 1) & a->mask;
		f = next[0];
		if (f & ABLK_SG_BUF) {
			if (!do_sg(vm, a, next[2], next[3])) {
				/* (stopped or reset meanwhile: no error) */
				if (a->running && !a->io.stop && !vm_stopping(vm))
					engine_error(a, "bad buffer or I/O error");
				break;
			}
			/* (without proceed the stall below interrupts anyway) */
			raise = (f & ABLK_RAISE_IRQ) && next[1];
		} else if (f & (ABLK_READ_REQ | ABLK_WRITE_REQ)) {
			if (next[2] >= (uint32_t)a->nr_units) {
				engine_error(a, "bad unit");
				break;
			}
			if ((f & ABLK_WRITE_REQ) && a->units[next[2]].readonly) {
				engine_error(a, "write to a read-only drive");
				break;
			}
			a->cur_unit = (int)next[2];
			a->cur_write = f & ABLK_WRITE_REQ;
			a->cur_pos = (uint64_t)next[3] * ABLK_SECTOR;
		} else if (!(f & ABLK_CNTRL_REQ_MASK)) {
			engine_error(a, "bogus descriptor");
			break;
		}
		/* Control requests (NOP, eject, lock door) need nothing here. */
		a->n_requests++;
		if (raise)
			irq_set_level(&a->irq, 1);
	}
	a->active = false;
	pthread_cond_broadcast(&a->io.idle);
	irq_set_level(&a->irq, 1);
}

void ablk_do_work(struct vm *vm)
{
	struct ablk *a = &vm->osi->ablk;

	pthread_mutex_lock(&a->lock);
	work_locked(vm, a);
	pthread_mutex_unlock(&a->lock);
}

static void *io_thread(void *arg)
{
	struct vm *vm = arg;
	struct ablk *a = &vm->osi->ablk;

	pthread_mutex_lock(&a->lock);
	while (!a->io.stop) {
		if (!a->active) {
			pthread_cond_wait(&a->io.wake, &a->lock);
			continue;
		}
		work_locked(vm, a);
	}
	a->active = false;
	pthread_cond_broadcast(&a->io.idle);
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

int ablk_start(struct vm *vm, struct ablk *a)
{
	int r;

	if (!a->nr_units)
		return 0;
	r = image_worker_start(&a->io, "ablk-io", &vm->stopping, io_thread, vm);
	if (r) {
		pr_err("ABLK: cannot start the I/O thread: %s", strerror(r));
		return -1;
	}
	return 0;
}

/* Caller holds a->lock. */
static void kick_locked(struct vm *vm, struct ablk *a)
{
	if (a->active || !a->running)
		return;
	a->active = true;
	if (a->io.started)
		pthread_cond_signal(&a->io.wake);
	else
		work_locked(vm, a);	/* no I/O thread (unit tests): now */
}

/* The engine stops (a->lock held): the pass in progress ends within one
 * piece of its I/O, before the vCPU goes back to the guest, which may
 * reuse the ring's memory at once. */
static void stop_locked(struct ablk *a)
{
	a->running = false;
	if (!a->active)
		return;
	atomic_store(&a->io.cancel, true);
	while (a->active)
		pthread_cond_wait(&a->io.idle, &a->lock);
	atomic_store(&a->io.cancel, false);
}

/* ---- OSI calls ---------------------------------------------------------- */

static struct ablk *ablk_of(struct vcpu *vcpu)
{
	return &vcpu->vm->osi->ablk;
}

/* RING_SETUP(channel, mphys, n) */
uint32_t osi_ablk_ring_setup(struct vcpu *vcpu, uint64_t *gpr)
{
	struct ablk *a = ablk_of(vcpu);
	uint32_t ring = osi_arg(gpr, 1), n = osi_arg(gpr, 2), r = 0;

	if (osi_arg(gpr, 0) || !n || n > MAX_RING || (n & (n - 1)) ||
	    !guest_range_ok(&vcpu->vm->mem, ring, (uint64_t)n * DESC_SIZE) || !ring)
		return OSI_ERR;
	pthread_mutex_lock(&a->lock);
	if (a->running || a->active) {
		r = OSI_ERR;
	} else {
		a->ring = ring;
		a->mask = n - 1;
	}
	pthread_mutex_unlock(&a->lock);
	return r;
}

/* CNTRL(channel, cmd[, param]) */
uint32_t osi_ablk_cntrl(struct vcpu *vcpu, uint64_t *gpr)
{
	struct ablk *a = ablk_of(vcpu);
	uint32_t r = 0, unit = osi_arg(gpr, 2);

	if (osi_arg(gpr, 0))
		return OSI_ERR;
	pthread_mutex_lock(&a->lock);
	switch (osi_arg(gpr, 1)) {
	case ABLK_CNTRL_START:
		if (a->running)
			break;
		if (!a->ring || a->active ||
		    !guest_write_be32(&vcpu->vm->mem, a->ring, ABLK_NOP_REQ) ||
		    !guest_write_be32(&vcpu->vm->mem, a->ring + 4, 0)) {
			r = OSI_ERR;
			break;
		}
		a->head = 0;
		a->n_requests = 0;
		a->cur_unit = -1;
		a->running = true;
		break;
	case ABLK_CNTRL_RESET:
		stop_locked(a);
		a->n_requests = 0;
		break;
	case ABLK_CNTRL_STOP:
		stop_locked(a);
		break;
	case ABLK_CNTRL_ROUTE_IRQ:
		break;		/* one controller: nothing to route */
	case ABLK_CNTRL_GET_EVENTS:
		if (unit >= (uint32_t)a->nr_units) {
			r = OSI_ERR;
			break;
		}
		r = a->units[unit].events;
		a->units[unit].events = 0;
		break;
	default:
		r = OSI_ERR;
		stop_locked(a);
		break;
	}
	if (!a->running)
		irq_set_level(&a->irq, 0);
	pthread_mutex_unlock(&a->lock);
	return r;
}

/* DISK_INFO(channel, unit) -- r4 = 512-byte blocks, r5 = flags */
uint32_t osi_ablk_disk_info(struct vcpu *vcpu, uint64_t *gpr)
{
	struct ablk *a = ablk_of(vcpu);
	uint32_t unit = osi_arg(gpr, 1), flags;
	struct ablk_unit *u;

	if (osi_arg(gpr, 0) || unit >= (uint32_t)a->nr_units)
		return OSI_ERR;
	u = &a->units[unit];
	flags = ABLK_INFO_MEDIA_PRESENT;
	if (u->readonly)
		flags |= ABLK_INFO_READ_ONLY;
	if (u->boot_hint)
		flags |= ABLK_BOOT_HINT;
	/* MOL's blkdev "-cdrom": BF_CD_ROM | BF_REMOVABLE, read-only */
	if (u->cdrom)
		flags |= ABLK_INFO_CDROM | ABLK_INFO_REMOVABLE;
	/* nblks is a 32-bit int in MOL: images above 1 TiB are cut there */
	osi_set_ret(gpr, 0, u->size / ABLK_SECTOR > 0x7fffffff ? 0x7fffffff :
			    (uint32_t)(u->size / ABLK_SECTOR));
	osi_set_ret(gpr, 1, flags);
	osi_set_ret(gpr, 2, 0);
	osi_set_ret(gpr, 3, 0);
	return 0;
}

uint32_t osi_ablk_kick(struct vcpu *vcpu, uint64_t *gpr)
{
	struct ablk *a = ablk_of(vcpu);

	if (osi_arg(gpr, 0))
		return OSI_ERR;
	pthread_mutex_lock(&a->lock);
	kick_locked(vcpu->vm, a);
	pthread_mutex_unlock(&a->lock);
	return 0;
}

/* IRQ_ACK(channel) -- 1 and r4 = requests done, r5 = active, r6 = event
 * when the interrupt was pending (it is lowered); else 0 */
uint32_t osi_ablk_irq_ack(struct vcpu *vcpu, uint64_t *gpr)
{
	struct vm *vm = vcpu->vm;
	struct ablk *a = ablk_of(vcpu);
	uint32_t w[4];

	if (osi_arg(gpr, 0))
		return OSI_ERR;
	pthread_mutex_lock(&a->lock);
	if (!irq_level(&a->irq)) {
		pthread_mutex_unlock(&a->lock);
		return 0;
	}
	irq_set_level(&a->irq, 0);
	/* More work queued since the engine stalled: go on. */
	if (!a->active && a->running && desc_read(vm, a, a->head, w) && w[1])
		kick_locked(vm, a);
	osi_set_ret(gpr, 0, a->n_requests);
	osi_set_ret(gpr, 1, a->active);
	osi_set_ret(gpr, 2, a->event);
	a->event = 0;
	pthread_mutex_unlock(&a->lock);
	return 1;
}

/* SYNC_READ/SYNC_WRITE(channel, unit, sector, mphys, size) -- 0 or -1 */
static uint32_t sync_io(struct vcpu *vcpu, uint64_t *gpr, bool write)
{
	struct ablk *a = ablk_of(vcpu);
	uint32_t unit = osi_arg(gpr, 1), size = osi_arg(gpr, 4);
	uint64_t pos = (uint64_t)osi_arg(gpr, 2) * ABLK_SECTOR;
	struct ablk_unit *u;
	void *p;

	if (osi_arg(gpr, 0) || unit >= (uint32_t)a->nr_units)
		return OSI_ERR;
	u = &a->units[unit];
	p = guest_ptr(&vcpu->vm->mem, osi_arg(gpr, 3), size);
	if (!p || pos > u->size || size > u->size - pos || (write && u->readonly))
		return OSI_ERR;
	/* Up to 4 GiB on the vCPU thread: in pieces, so the VM's stop does
	 * not wait for the rest. */
	return image_rw(u->fd, p, size, pos, write, NULL, &vcpu->vm->stopping) ? OSI_ERR : 0;
}

uint32_t osi_ablk_sync_read(struct vcpu *vcpu, uint64_t *gpr)
{
	return sync_io(vcpu, gpr, false);
}

uint32_t osi_ablk_sync_write(struct vcpu *vcpu, uint64_t *gpr)
{
	return sync_io(vcpu, gpr, true);
}

/* BLESS_DISK(channel, unit): the boot hint moves to this unit. */
uint32_t osi_ablk_bless_disk(struct vcpu *vcpu, uint64_t *gpr)
{
	struct ablk *a = ablk_of(vcpu);
	uint32_t unit = osi_arg(gpr, 1);
	int i;

	if (osi_arg(gpr, 0) || unit >= (uint32_t)a->nr_units)
		return OSI_ERR;
	for (i = 0; i < a->nr_units; i++)
		a->units[i].boot_hint = (uint32_t)i == unit;
	return 0;
}
