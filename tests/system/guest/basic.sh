#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs as the Linux guest's init script (contrib/guest/mkguestinitrd.sh
# wraps it): reports what the guest sees as GUEST-* lines on hvc0, which
# the scenario on the host side asserts.
echo "GUEST-UPTIME=$(cut -d' ' -f1 /proc/uptime)"
echo "GUEST-CPUS=$(grep -c '^processor' /proc/cpuinfo)"
echo "GUEST-ONLINE=$(cat /sys/devices/system/cpu/online)"
echo "GUEST-MEMKB=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)"
echo "GUEST-PLATFORM=$(awk '/^platform/ { print $3 }' /proc/cpuinfo)"
echo "GUEST-MODEL=$(awk '/^cpu/ { print $3; exit }' /proc/cpuinfo)"
echo "GUEST-CMDLINE=$(cat /proc/cmdline)"
[ -e /proc/device-tree/hypervisor ] && echo "GUEST-HYPERVISOR=$(cat /proc/device-tree/hypervisor/compatible)"
dmesg | grep -E 'KVM: Live patching|smp: Brought up|VPA|rtas' | sed 's/^/GUEST-DMESG: /'
# Every CPU does work: a process pinned to each one reports the CPU it
# ran on (field 39 of /proc/self/stat).
for c in $(seq 0 $(($(grep -c '^processor' /proc/cpuinfo) - 1))); do
	taskset -c "$c" awk '{ print "GUEST-RAN-ON=" $39 }' /proc/self/stat &
done
wait
# A disk, when there is one: its first bytes (virtio-blk completes by
# interrupt, so this also proves interrupt delivery).
[ -b /dev/vda ] && echo "GUEST-VDA=$(dd if=/dev/vda bs=512 count=1 2>/dev/null | head -c 16)"
grep -E 'XICS|IPI|hvc' /proc/interrupts | sed 's/^ */GUEST-IRQ: /'
# The RTAS clock: the year the guest reads back.
echo "GUEST-YEAR=$(date -u +%Y)"
# Console input: the host pipes a line into molvm's stdin.
if read -t 20 line; then
	echo "GUEST-GOT=$line"
else
	echo "GUEST-GOT-NOTHING"
fi
exit 0
