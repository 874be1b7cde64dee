#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test host: hostile64 passes garbage to every hypercall
# number and every RTAS call it can reach on the real KVM PR; molvm must
# answer each with an error code and keep running to the guest's exit.
. /opt/molvm/tap.sh
cd /tmp
/opt/molvm/molvm -M pseries -m 64 -kernel /opt/molvm/hostile64.elf --timeout 300 \
	</dev/null >hostile.out 2>hostile.err
t_eq "hostile64: molvm keeps running to the guest's exit (0)" 0 "$?"
t_has "hostile64 found the RTAS calls in the device tree" hostile.out \
	"ok - the device tree at r3 lists RTAS calls"
t_has "every garbage hcall got a PAPR return code" hostile.out \
	"ok - every garbage hcall got a PAPR return code"
t_has "every garbage RTAS call got an RTAS status" hostile.out \
	"ok - every garbage RTAS call got an RTAS status"
t_has "OSI from guest user mode is not served" hostile.out \
	"ok - OSI EXIT from user mode is ignored"
t_has "molvm says it ignored a user-mode OSI call" hostile.err "OSI call from guest user mode ignored"
t_has "the guest survived to its summary" hostile.out "hostile64: survived"
t_lacks "no failed guest check" hostile.out "not ok"
n=$(grep -c "unknown hypercall 0x" hostile.err)
t_eq "unknown hypercalls are reported, at most 32 lines" 1 "$([ "$n" -ge 1 ] && [ "$n" -le 32 ] && echo 1 || echo 0)"
t_has "the report stops after 32" hostile.err "no longer reported"
t_lacks "molvm reports no internal error" hostile.err "KVM_RUN"
sed -n 's/^hostile64: survived/# survived/p' hostile.out
t_done
