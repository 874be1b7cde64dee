#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Linux guest of scenario 30-pseries-virtio: exercises the virtio-pci
# disks and NIC and reports GUEST-* lines on hvc0 for the host to assert.
#   /dev/vda  read-write image: the host put a marker in sector 0; we write
#             ours to sector 8 (the host checks the image after exit)
#   /dev/vdb  read-only image: reads work, a write must fail
#   eth0      on the host's tap; the host side is 192.168.77.1
for d in /sys/bus/pci/devices/*; do
	[ -e "$d" ] || continue
	drv=none
	[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	echo "GUEST-PCI $(basename "$d") $(cat "$d/vendor"):$(cat "$d/device") irq=$(cat "$d/irq") driver=$drv"
done
echo "GUEST-BLOCK: $(ls /sys/block | tr '\n' ' ')"
echo "GUEST-VDA-SECTORS=$(cat /sys/block/vda/size)"

echo "GUEST-VDA-MARKER=$(dd if=/dev/vda bs=512 count=1 2>/dev/null | head -n 1)"
printf 'molvm-guest-wrote-this\n' | dd of=/dev/vda bs=512 seek=8 conv=sync,fsync 2>/dev/null
echo "GUEST-VDA-WRITE-RC=$?"
# Read it back from the device, not the page cache.
sync
echo 3 >/proc/sys/vm/drop_caches
echo "GUEST-VDA-READBACK=$(dd if=/dev/vda bs=512 skip=8 count=1 2>/dev/null | head -n 1)"
# A large read crosses many descriptors.
echo "GUEST-VDA-BIGREAD=$(dd if=/dev/vda bs=65536 count=16 2>/dev/null | wc -c)"

echo "GUEST-VDB-MARKER=$(dd if=/dev/vdb bs=512 count=1 2>/dev/null | head -n 1)"
printf 'must-not-land\n' | dd of=/dev/vdb bs=512 conv=sync,fsync 2>/tmp/vdb.err
echo "GUEST-VDB-WRITE-RC=$?"
sed 's/^/GUEST-VDB-DD: /' /tmp/vdb.err
dmesg | grep -m 2 'I/O error' | sed 's/^/GUEST-DMESG: /'

ip link set eth0 up
ip addr add 192.168.77.2/24 dev eth0
echo "GUEST-ETH0-MAC=$(cat /sys/class/net/eth0/address)"
# The host configures its end once the tap exists: give it time.
n=0
while [ $n -lt 10 ]; do
	ping -c 3 -W 2 192.168.77.1 >/tmp/ping.out 2>&1 && break
	n=$((n + 1))
	sleep 1
done
sed 's/^/GUEST-PING: /' /tmp/ping.out
ping -c 3 -s 1400 192.168.77.1 | grep -E 'transmitted|bytes from' | sed 's/^/GUEST-BIGPING: /'
# Bulk TCP: 2 MiB from the host's httpd (receive path), then the first
# MiB of the disk to the host's nc (transmit path).
# (120 s: a loaded build machine makes the emulated test host slow.)
wget -q -O /tmp/blob http://192.168.77.1:8080/blob
echo "GUEST-WGET-RC=$?"
echo "GUEST-BLOB-MD5=$(md5sum </tmp/blob | cut -d' ' -f1)"
dd if=/dev/vda bs=65536 count=16 2>/dev/null | timeout 120 nc 192.168.77.1 9000
echo "GUEST-NC-RC=$?"
# nc may exit with bytes still in the kernel's send queue: wait (up to
# 60 s) until no connection to port 9000 (0x2328) is past its FIN
# handshake, or the power-off below would cut the upload short.
# /proc/net/tcp: field 3 is rem_address (hex ip:port), field 4 the state;
# 06 TIME_WAIT and 07 CLOSE have nothing left to send.
n=0
while [ $n -lt 60 ] && awk '$3 ~ /:2328$/ && $4 != "06" && $4 != "07" { f = 1 } END { exit !f }' /proc/net/tcp; do
	sleep 1
	n=$((n + 1))
done
grep -E 'CPU|virtio' /proc/interrupts | sed 's/^/GUEST-INTR: /'
exit 0
