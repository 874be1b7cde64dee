/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_VCPU_H
#define MOLVM_VCPU_H

#include "vm.h"

/* What an exit handler tells the loop. */
enum exit_action { EXIT_CONTINUE = 0, EXIT_STOP = 1 };

/* Handle the exit recorded in vcpu->run (one table lookup). */
enum exit_action vcpu_handle_exit(struct vcpu *vcpu);

int vcpu_start(struct vcpu *vcpu);
void vcpu_kick(struct vcpu *vcpu);
void vcpu_signals_init(void);

#endif
