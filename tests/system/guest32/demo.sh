#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo MACHINE=powermac: the 32-bit PowerMac Linux guest's init script.
# A shell on the ESCC (ttyS0); leaving it (exit, or poweroff -f) powers the
# guest off through Cuda.
echo
echo "=== Linux $(uname -r) under molvm -M powermac: $(awk -F': ' '/^cpu/ { print $2; exit }' /proc/cpuinfo)," \
	"$(awk '/^MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB," \
	"$(awk -F': ' '/^machine/ { print $2 }' /proc/cpuinfo)"
dmesg | grep -E 'Apple PIC|Cuda|ADB keyboard|ttyS0 at|virtio_blk'
echo "=== this is the guest's shell; 'exit' or 'poweroff -f' powers it off"
export PS1='pmac# '
setsid cttyhack sh
