#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: molvm boots a big-endian Linux as a
# -M pseries guest: the big-endian kernel (contrib/testhost/build-kernel.sh
# ppc64, the same image the BE POWER8 and G5 test hosts boot) with a
# static /init as its whole userland (tests/system/guest/be-init.c), once
# as a POWER8 and once as a 970.  The 970 guest must see a 970: its PVR
# and name in the tree, VMX without VSX, 256 MiB segments only, 4 KiB and
# 16 MiB pages (no 64 KiB), although the POWER8 host's KVM offers more.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
K=/opt/molvm/vmlinux-be
I=/opt/molvm/linux-be.cpio.gz
cd /tmp

printf 'molvm-be-disk!\n' >disk.img
dd if=/dev/zero bs=1k count=1023 >>disk.img 2>/dev/null

for cpu in POWER8 970; do
	"$M" -M pseries -cpu $cpu -m 512 -kernel $K -initrd $I -append "console=hvc0" \
		-drive file=disk.img --timeout 400 </dev/null >be-$cpu.out 2>be-$cpu.err
	rc=$?
	o=be-$cpu.out
	t_eq "BE Linux as a $cpu powers off through RTAS with exit 0" 0 "$rc"
	t_has "$cpu: the static init ran to the end" $o "GUEST-EXIT=0"
	t_has "$cpu: uname is a big-endian ppc64 Linux 6.1" $o "GUEST-UNAME=Linux 6.1"
	t_eq "$cpu: uname machine is ppc64 (not ppc64le)" ppc64 \
		"$(tr -d '\r' <$o | sed -n 's/^GUEST-UNAME=.* //p')"
	t_has "$cpu: the guest read the virtio disk" $o "GUEST-VDA=molvm-be-disk!"
	t_has "$cpu: Linux runs on its pSeries platform, under KVM" $o "hv:linux,kvm pSeries"
	t_lacks "$cpu: no kernel oops" $o "Oops"
	t_lacks "$cpu: no unknown hypercall" be-$cpu.err "unknown hypercall"
	t_lacks "$cpu: molvm reports no error" be-$cpu.err "error"
	[ "$rc" = 0 ] || { sed 's/^/#   /' $o | tail -40; sed 's/^/#   /' be-$cpu.err; }
done

# What a POWER8 guest sees: VSX, 1 TiB segments, 64 KiB pages.
o=be-POWER8.out
t_has "POWER8: /proc/cpuinfo says POWER8" $o "GUEST-CPUINFO=POWER8"
t_has "POWER8: the tree's cpu node is PowerPC,POWER8@0" $o "GUEST-DT-CPU=PowerPC,POWER8@0"
t_has "POWER8: the tree's PVR is 0x004d0200" $o "GUEST-DT-PVR=0x004d0200"
t_has "POWER8: AT_HWCAP has VSX" $o "GUEST-VSX=1"
t_has "POWER8: ibm,vmx is 2 (VSX)" $o "GUEST-DT-VMX=2"
t_has "POWER8: segments of 256 MiB and 1 TiB" $o "GUEST-DT-SEGMENT-SIZES=28 40"
t_has "POWER8: the kernel uses 1 TiB segments" $o "Using 1TB segments"
t_has "POWER8: 64 KiB pages offered" $o "base_shift=16: shift=16"

# What a 970 guest sees.
o=be-970.out
t_has "970: /proc/cpuinfo says PPC970" $o "GUEST-CPUINFO=PPC970"
t_has "970: the tree's cpu node is PowerPC,970@0" $o "GUEST-DT-CPU=PowerPC,970@0"
t_has "970: the tree's PVR is the 970's (0x00390202)" $o "GUEST-DT-PVR=0x00390202"
t_has "970: AT_HWCAP has AltiVec" $o "GUEST-ALTIVEC=1"
t_has "970: AT_HWCAP has no VSX" $o "GUEST-VSX=0"
t_has "970: ibm,vmx is 1 (VMX only)" $o "GUEST-DT-VMX=1"
t_has "970: 256 MiB segments only" $o "GUEST-DT-SEGMENT-SIZES=28"
t_lacks "970: no 1 TiB segments in the tree" $o "GUEST-DT-SEGMENT-SIZES=28 40"
t_lacks "970: the kernel does not use 1 TiB segments" $o "Using 1TB segments"
t_has "970: 4 KiB and 16 MiB pages, as a 970 has" $o \
	"GUEST-DT-PAGE-SIZES=12 0 1 12 0 24 256 1 24 0"
t_lacks "970: no 64 KiB pages" $o "base_shift=16"

t_done
