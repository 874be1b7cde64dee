#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo: the Linux guest's init script.  A shell on hvc0; leaving it
# (exit, or poweroff -f) powers the guest off.
echo
echo "=== Linux $(uname -r) under molvm: $(grep -c '^processor' /proc/cpuinfo) CPUs," \
	"$(awk '/^MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB," \
	"platform $(awk '/^platform/ { print $3 }' /proc/cpuinfo)"
dmesg | grep 'KVM: Live patching'
echo "=== this is the guest's shell; 'exit' or 'poweroff -f' powers it off"
export PS1='guest# '
setsid cttyhack sh
