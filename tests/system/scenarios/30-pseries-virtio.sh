#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: a Linux -M pseries guest with two
# virtio-blk disks (one read-only) and a virtio-net NIC on a tap that
# molvm creates.  Asserts on the guest's GUEST-* lines, on the image
# bytes after molvm exits and on the ping replies.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
K=/opt/molvm/vmlinux
I=/opt/molvm/linux-virtio.cpio.gz
TAP=mtap0
cd /tmp

# The host's end of the bulk transfers: a 2 MiB blob over HTTP (and, per
# boot, a listener for what the guest sends).
mkdir -p www
dd if=/dev/urandom of=www/blob bs=65536 count=32 2>/dev/null
blob_md5=$(md5sum <www/blob | cut -d' ' -f1)
httpd -p 8080 -h /tmp/www
mkfifo ncin

[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }

# boot NAME MOLVM-ARGS...: fresh images (a marker in sector 0 of each),
# molvm in the background, the tap's host end configured as soon as molvm
# has created it.  Leaves NAME.out, NAME.err, NAME-upload.bin, $rc.
boot() {
	name=$1
	shift
	truncate -s 0 disk.img ro.img
	truncate -s 8M disk.img
	printf 'host-marker-rw\n' | dd of=disk.img conv=notrunc 2>/dev/null
	truncate -s 1M ro.img
	printf 'host-marker-ro\n' | dd of=ro.img conv=notrunc 2>/dev/null
	ro_before=$(md5sum <ro.img)
	# nc's stdin must stay open: at EOF it would half-close the
	# connection and the guest's nc would stop sending.
	nc -l -p 9000 <ncin >$name-upload.bin &
	ncpid=$!
	exec 3>ncin
	"$M" -M pseries -m 512 "$@" -kernel $K -initrd $I -append "console=hvc0" \
		-drive file=disk.img,format=raw -drive file=ro.img,readonly=on \
		-netdev tap,ifname=$TAP --timeout 400 </dev/null >$name.out 2>$name.err &
	pid=$!
	host_tap_up $TAP
	wait $pid
	rc=$?
	exec 3>&-
	kill $ncpid 2>/dev/null
	wait $ncpid 2>/dev/null
	echo "# $name: molvm exit $rc; upload: $(wc -c <$name-upload.bin) bytes"
}

boot virtio

t_eq "Linux with virtio devices powers off with exit 0" 0 "$rc"
t_has "the guest ran its script to the end" virtio.out "GUEST-EXIT=0"
t_has "virtio-pci bound the disk" virtio.out "1af4:0x1042 irq="
t_count "three virtio-pci functions bound to virtio-pci" 3 virtio.out "driver=virtio-pci"
t_has "the guest sees both disks" virtio.out "GUEST-BLOCK: vda vdb"
t_has "capacity: 8 MiB = 16384 sectors" virtio.out "GUEST-VDA-SECTORS=16384"
t_has "the guest reads the host's marker" virtio.out "GUEST-VDA-MARKER=host-marker-rw"
t_has "the guest's write succeeds" virtio.out "GUEST-VDA-WRITE-RC=0"
t_has "the guest reads its write back from the disk" virtio.out \
	"GUEST-VDA-READBACK=molvm-guest-wrote-this"
t_has "a 1 MiB read completes" virtio.out "GUEST-VDA-BIGREAD=1048576"
t_eq "the guest's bytes are in the image after exit" "molvm-guest-wrote-this" \
	"$(dd if=disk.img bs=512 skip=8 count=1 2>/dev/null | head -n 1)"
t_eq "the host's marker is intact" "host-marker-rw" "$(head -n 1 disk.img)"
t_has "the read-only disk reads" virtio.out "GUEST-VDB-MARKER=host-marker-ro"
t_lacks "a write to the read-only disk fails" virtio.out "GUEST-VDB-WRITE-RC=0"
t_has "the guest sees an I/O error on the read-only disk" virtio.out "GUEST-VDB-DD:"
t_has "the guest kernel logs the I/O error" virtio.out "I/O error, dev vdb"
t_eq "the read-only image is unchanged" "$ro_before" "$(md5sum <ro.img)"
t_has "the NIC has molvm's MAC" virtio.out "GUEST-ETH0-MAC=52:54:00:12:34:56"
t_has "ping: 3 replies from the host" virtio.out "3 packets transmitted, 3 packets received"
t_has "ping: a reply line" virtio.out "bytes from 192.168.77.1"
t_has "ping with 1400-byte packets: 3 replies" virtio.out \
	"GUEST-BIGPING: 3 packets transmitted, 3 packets received"
t_has "the guest downloads 2 MiB over TCP" virtio.out "GUEST-WGET-RC=0"
t_has "the download arrives intact (md5)" virtio.out "GUEST-BLOB-MD5=$blob_md5"
t_eq "the guest uploads 1 MiB of its disk over TCP, intact" \
	"$(dd if=disk.img bs=65536 count=16 2>/dev/null | md5sum | cut -d' ' -f1)" \
	"$(md5sum <virtio-upload.bin | cut -d' ' -f1)"
t_lacks "no kernel oops" virtio.out "Oops"
t_lacks "molvm reports no error" virtio.err "error"
if ! grep -q "GUEST-EXIT=0" virtio.out || grep -q "Oops" virtio.out; then
	echo "# end of the guest console:"
	tail -n 120 virtio.out | sed 's/^/#   /'
fi
echo "# guest lines:"
grep -E 'GUEST-|virtio|I/O error' virtio.out | sed 's/^/#   /' | head -60
echo "# molvm stderr:"
sed 's/^/#   /' virtio.err | head -20

# Two vCPUs: the devices are shared by both, interrupts may go to either.
boot smp2 -smp 2
t_eq "-smp 2: exit 0" 0 "$rc"
t_has "-smp 2: the guest sees 2 CPUs" smp2.out "smp: Brought up 1 node, 2 CPUs"
t_has "-smp 2: the PV magic page is on" smp2.out "KVM: Live patching for a fast VM worked"
t_has "-smp 2: the guest ran its script" smp2.out "GUEST-EXIT=0"
t_has "-smp 2: disk read-back" smp2.out "GUEST-VDA-READBACK=molvm-guest-wrote-this"
t_has "-smp 2: read-only write fails" smp2.out "GUEST-VDB-DD: dd: /dev/vdb: Input/output error"
t_has "-smp 2: ping replies" smp2.out "3 packets transmitted, 3 packets received"
t_has "-smp 2: download intact" smp2.out "GUEST-BLOB-MD5=$blob_md5"
t_eq "-smp 2: upload intact" \
	"$(dd if=disk.img bs=65536 count=16 2>/dev/null | md5sum | cut -d' ' -f1)" \
	"$(md5sum <smp2-upload.bin | cut -d' ' -f1)"
t_eq "-smp 2: image written" "molvm-guest-wrote-this" \
	"$(dd if=disk.img bs=512 skip=8 count=1 2>/dev/null | head -n 1)"
t_lacks "-smp 2: no kernel oops" smp2.out "Oops"
t_lacks "-smp 2: molvm reports no error" smp2.err "error"
grep -E 'GUEST-INTR' smp2.out | sed 's/^/#   /'

# Bad input: a clear error and exit 1.
"$M" -M pseries -kernel $K -drive file=/nonexistent.img >bad.out 2>bad.err
t_eq "missing image: exit 1" 1 "$?"
t_eq "missing image: one line" 1 "$(wc -l <bad.err)"
"$M" -M pseries -kernel $K -drive file=disk.img,format=qcow2 >bad.out 2>bad.err
t_eq "qcow2: exit 1" 1 "$?"
t_has "qcow2: says so" bad.err "only raw"

t_done
