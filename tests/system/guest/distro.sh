#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest script of scenario 60-distro, run by Debian's stock kernel:
# loads the package's virtio modules (/opt/modules, load-order first to
# last, as contrib/fetch-distro-kernel.sh listed them), then exercises the
# disk, the network and the NVRAM and reports GUEST-* lines on hvc0.
#   /dev/nvram  molvm's 64 KiB NVRAM: a marker written at 0xF000
#   /dev/vda  the host put a marker in sector 0; we write ours to sector 8
#   eth0      on the host's tap; the host side is 192.168.77.1
echo "GUEST-UPTIME=$(cut -d' ' -f1 /proc/uptime)"
echo "GUEST-UNAME=$(uname -r)"
echo "GUEST-CPUS=$(grep -c '^processor' /proc/cpuinfo)"
echo "GUEST-ONLINE=$(cat /sys/devices/system/cpu/online)"
for m in $(cat /opt/modules/load-order); do
	insmod /opt/modules/$m.ko || echo "GUEST-INSMOD-FAILED=$m"
done
echo "GUEST-MODULES=$(cut -d' ' -f1 /proc/modules | sort | tr '\n' ' ')"
# The drivers probe asynchronously: wait for the disk and the NIC.
n=0
while { [ ! -b /dev/vda ] || [ ! -e /sys/class/net/eth0 ]; } && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
echo "GUEST-BLOCK: $(ls /sys/block | tr '\n' ' ')"
echo "GUEST-VDA-SECTORS=$(cat /sys/block/vda/size)"
echo "GUEST-VDA-MARKER=$(dd if=/dev/vda bs=512 count=1 2>/dev/null | head -n 1)"
printf 'stock-kernel-wrote-this\n' | dd of=/dev/vda bs=512 seek=8 conv=sync,fsync 2>/dev/null
echo "GUEST-VDA-WRITE-RC=$?"
sync
echo 3 >/proc/sys/vm/drop_caches
echo "GUEST-VDA-READBACK=$(dd if=/dev/vda bs=512 skip=8 count=1 2>/dev/null | head -n 1)"

ip link set eth0 up
ip addr add 192.168.77.2/24 dev eth0
echo "GUEST-ETH0-MAC=$(cat /sys/class/net/eth0/address)"
n=0
while [ $n -lt 10 ]; do
	ping -c 3 -W 2 192.168.77.1 >/tmp/ping.out 2>&1 && break
	n=$((n + 1))
	sleep 1
done
sed 's/^/GUEST-PING: /' /tmp/ping.out

# NVRAM (RTAS nvram-fetch/-store under /dev/nvram): Linux logs only when
# it cannot find or make its partitions.  A marker in the free space at
# 0xF000 tells the next boot that the bytes survived (molvm -nvram FILE).
dmesg | grep -i nvram | sed 's/^/GUEST-NVRAM-DMESG: /'
if [ -c /dev/nvram ]; then
	echo "GUEST-NVRAM-SIZE=$(wc -c </dev/nvram)"
	echo "GUEST-NVRAM-FOUND=$(dd if=/dev/nvram bs=1 skip=61440 count=32 2>/dev/null | tr -d '\000')"
	printf 'molvm-nvram-marker-%s' "$(cut -d' ' -f1 /proc/uptime)" |
		dd of=/dev/nvram bs=1 seek=61440 conv=notrunc 2>/dev/null
	echo "GUEST-NVRAM-WROTE=$(dd if=/dev/nvram bs=1 skip=61440 count=32 2>/dev/null | tr -d '\000')"
fi
# What the kernel made of H_GET_CPU_CHARACTERISTICS
for f in meltdown spectre_v1 spectre_v2; do
	echo "GUEST-VULN-$f=$(cat /sys/devices/system/cpu/vulnerabilities/$f)"
done
dmesg | grep -E 'KVM: Live patching|rfi-flush|count-cache|hv-24x7|hv-gpci|Failed to read hash' |
	sed 's/^/GUEST-DMESG: /'
exit 0
