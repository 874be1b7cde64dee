#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: Debian 12's stock ppc64el kernel
# (linux-image-powerpc64le, contrib/fetch-distro-kernel.sh), unmodified,
# as a 2-CPU pseries guest.  Its init script (tests/system/guest/distro.sh)
# loads the package's virtio modules, writes and reads back the disk, pings
# the host over a tap and reports GUEST-* lines; the host checks the image
# bytes after exit.  Booted twice: with the /hypervisor node and -no-pv.
# Every hcall the guest makes must have an answer: no "unknown hypercall"
# line on molvm's stderr.  Both boots share one -nvram FILE.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
K=/opt/molvm/vmlinux-distro
I=/opt/molvm/linux-distro.cpio.gz
TAP=mtap0
cd /tmp

[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }

# boot NAME MOLVM-ARGS...: a fresh disk with a marker in sector 0, molvm in
# the background, the tap's host end configured once molvm created it.
boot() {
	name=$1
	shift
	rm -f disk.img
	truncate -s 8M disk.img
	printf 'host-marker-distro\n' | dd of=disk.img conv=notrunc 2>/dev/null
	"$M" -M pseries -smp 2 -m 512 "$@" -kernel $K -initrd $I -append "console=hvc0" \
		-drive file=disk.img,format=raw -netdev tap,ifname=$TAP -nvram nvram.img -nographic \
		--timeout 500 </dev/null >$name.out 2>$name.err &
	pid=$!
	host_tap_up $TAP
	wait $pid
	rc=$?
	echo "# $name: molvm exit $rc"
}

# check NAME: what both boots must show.
check() {
	n=$1
	t_eq "$n: the stock kernel powers off with exit 0" 0 "$rc"
	t_has "$n: the guest ran its script to the end" $n.out "GUEST-EXIT=0"
	t_has "$n: it is Debian's kernel" $n.out "GUEST-UNAME=$(cat /opt/molvm/distro-release 2>/dev/null || echo 6.1.0-)"
	t_has "$n: 2 CPUs online" $n.out "GUEST-ONLINE=0-1"
	t_lacks "$n: every module loads" $n.out "GUEST-INSMOD-FAILED"
	t_has "$n: virtio_blk is loaded" $n.out "virtio_blk"
	t_has "$n: virtio_net is loaded" $n.out "virtio_net "
	t_has "$n: the disk appears (vda)" $n.out "GUEST-BLOCK: vda"
	t_has "$n: capacity 8 MiB = 16384 sectors" $n.out "GUEST-VDA-SECTORS=16384"
	t_has "$n: the guest reads the host's marker" $n.out "GUEST-VDA-MARKER=host-marker-distro"
	t_has "$n: the guest's write succeeds" $n.out "GUEST-VDA-WRITE-RC=0"
	t_has "$n: the guest reads its write back" $n.out "GUEST-VDA-READBACK=stock-kernel-wrote-this"
	t_eq "$n: the guest's bytes are in the image after exit" "stock-kernel-wrote-this" \
		"$(dd if=disk.img bs=512 skip=8 count=1 2>/dev/null | head -n 1)"
	t_eq "$n: the host's marker is intact" "host-marker-distro" "$(head -n 1 disk.img)"
	t_has "$n: the NIC has molvm's MAC" $n.out "GUEST-ETH0-MAC=52:54:00:12:34:56"
	t_has "$n: ping: 3 replies from the host" $n.out "3 packets transmitted, 3 packets received"
	t_lacks "$n: no kernel oops" $n.out "Oops"
	t_lacks "$n: no RCU stall" $n.out "rcu_sched self-detected stall"
	t_lacks "$n: H_READ works (no failed HPT read)" $n.out "Failed to read hash page table"
	t_lacks "$n: molvm saw no unknown hypercall" $n.err "unknown hypercall"
	t_lacks "$n: molvm reports no error" $n.err "error"
	if ! grep -q "GUEST-EXIT=0" $n.out; then
		echo "# end of the guest console:"
		tail -n 80 $n.out | sed 's/^/#   /'
	fi
	echo "# $n: guest lines:"
	grep -E 'GUEST-' $n.out | sed 's/^/#   /' | head -60
	echo "# $n: molvm stderr:"
	sed 's/^/#   /' $n.err | head -20
}

# NVRAM: the first boot starts from a new image (one free partition) and
# Linux makes its partitions in it; the second boot finds them and the
# first boot's marker.
rm -f nvram.img
boot pv
check pv
t_lacks "pv: Linux made its NVRAM partitions" pv.out "nvram: Failed to find or create"
# Linux >= 5.17's magic-page self-test rejects the page (README, "The PV
# magic page"): until Debian's kernel has the fix, no live patching.
t_lacks "pv: the stock 6.1 kernel does not turn the magic page on" pv.out "KVM: Live patching"
t_has "pv: /dev/nvram is the 64 KiB NVRAM" pv.out "GUEST-NVRAM-SIZE=65536"
t_eq "pv: a new NVRAM has no marker" "" "$(sed -n 's/^GUEST-NVRAM-FOUND=//p' pv.out | tr -d '\r')"
t_has "pv: the guest wrote its marker" pv.out "GUEST-NVRAM-WROTE=molvm-nvram-marker-"
t_eq "pv: -nvram FILE is written at exit, 64 KiB" 65536 "$(wc -c <nvram.img)"
t_has "pv: Linux's ibm,rtas-log partition is in the file" nvram.img "ibm,rtas-log"
t_has "pv: Linux's lnx,oops-log partition is in the file" nvram.img "lnx,oops-log"
t_has "pv: the guest's marker is in the file" nvram.img "molvm-nvram-marker-"
marker=$(sed -n 's/^GUEST-NVRAM-WROTE=//p' pv.out | tr -d '\r')
cp nvram.img nvram-1.img

boot nopv -no-pv
check nopv
t_lacks "-no-pv: no /hypervisor, no magic page" nopv.out "KVM: Live patching"
t_lacks "nopv: the second boot finds its NVRAM partitions" nopv.out "nvram: Failed to find or create"
t_lacks "nopv: ... and makes none" nopv.out "No room to create"
t_has "nopv: the first boot's marker came back through nvram-fetch" nopv.out \
	"GUEST-NVRAM-FOUND=$marker"
t_eq "nopv: molvm kept the image (first partition header unchanged)" \
	"$(dd if=nvram-1.img bs=16 count=1 2>/dev/null | md5sum)" \
	"$(dd if=nvram.img bs=16 count=1 2>/dev/null | md5sum)"

t_done
