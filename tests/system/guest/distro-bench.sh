#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench, Debian's stock kernel under molvm and under QEMU: report the
# uptime at init; with bench.dd=1 on the command line, load the virtio
# modules (/opt/modules, in load-order) and time sequential reads of the
# whole of /dev/vda at 4 KiB and 1 MiB, the page cache dropped before each.
echo "GUEST-UPTIME=$(cut -d' ' -f1 /proc/uptime)"
case " $(cat /proc/cmdline) " in
*" bench.dd=1 "*) ;;
*) exit 0 ;;
esac
for m in $(cat /opt/modules/load-order); do
	insmod /opt/modules/$m.ko
done
n=0
while [ ! -b /dev/vda ] && [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
bytes=$(($(cat /sys/block/vda/size) * 512))
now_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }
for bs in 4096 1048576; do
	sync
	echo 3 >/proc/sys/vm/drop_caches
	t0=$(now_cs)
	dd if=/dev/vda of=/dev/null bs=$bs 2>/dev/null || exit 1
	t1=$(now_cs)
	cs=$((t1 - t0))
	[ $cs -gt 0 ] || cs=1
	echo "GUEST-DD bs=$bs bytes=$bytes cs=$cs"
done
