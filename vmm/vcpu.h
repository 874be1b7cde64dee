/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_VCPU_H
#define MOLVM_VCPU_H

#include "vm.h"

/* What an exit handler tells the loop. */
enum exit_action { EXIT_CONTINUE = 0, EXIT_STOP = 1 };

/* Handle the exit recorded in vcpu->run (one table lookup). */
enum exit_action vcpu_handle_exit(struct vcpu *vcpu);

/* Zero the vCPU's state (fd -1, parked). */
void vcpu_init(struct vcpu *vcpu);
int vcpu_start(struct vcpu *vcpu);
/*
 * Start a parked vCPU at pc with r3 (from any thread; the vCPU's own thread
 * sets the registers).  Returns -1 if it is already running.
 */
int vcpu_request_start(struct vcpu *vcpu, uint64_t pc, uint64_t r3);
/* Park the calling vCPU (its own thread) until the next start request. */
void vcpu_park_self(struct vcpu *vcpu);
bool vcpu_is_running(struct vcpu *vcpu);
/* On the vCPU's own thread: bring its LPCR[ILE] in line with the
 * partition's interrupt endianness (H_SET_MODE).  0, or -1 on error. */
int vcpu_sync_endianness(struct vcpu *vcpu);
/* Wake every parked vCPU so it sees the VM stopping. */
void vcpu_wake_parked(struct vcpu *vcpu);
void vcpu_kick(struct vcpu *vcpu);
void vcpu_signals_init(void);

#endif
