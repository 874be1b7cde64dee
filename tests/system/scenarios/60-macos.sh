#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: classic Mac OS booted the way MOL's
# firmware booted it, on the real /dev/kvm, with a synthetic NewWorld ROM
# (no Apple code can be used): macrom32 is the ROM file's ELF image.  It is
# booted three ways -- -rom FILE; the ROM search on a blessed HFS disk made
# by hfsutils; the ROM search on an HFS+ CD made by xorriso (-boot d) --
# and each time makes the trampoline's client-interface calls, calls RTAS,
# drops to user mode to use the OSI devices as MOL's drivers do (video,
# ABLK on the disk and the CD, the old ENET calls, the mouse), comes back
# through its system-call vector and powers off with RTAS.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

# macrom32's TAP lines with a network device (every one must pass)
CHECKS=50
# the CD image in 512-byte blocks (its size follows the ROM file on it)
CD_BLOCKS=$(($(wc -c <$G/macos-cd.iso) / 512))

# guest_run NAME ARGS...: one boot; the guest's checks and its end; the
# NIC is on a tap unless NET says otherwise
guest_run() {
	name=$1
	shift
	run "$name" -M powermac -m 64 ${NET:--netdev tap,ifname=mtap6} -display none --timeout 120 "$@"
	t_eq "$name: powers off through RTAS (exit 0)" 0 "$rc"
	t_count "$name: all $CHECKS guest checks pass" $CHECKS "$name.out" "ok - "
	t_lacks "$name: no failed guest check" "$name.out" "not ok"
	t_has "$name: the ROM's trampoline reached its end" "$name.out" "macrom32: done"
	t_lacks "$name: RTAS power-off does not return" "$name.out" "power-off returned"
	t_has "$name: MOL's add-r4 fix applied, and said so" "$name.err" \
		"fixed the ROM's 'add r4,r6,r8' bug"
	t_has "$name: MOL's calibration fix applied, and said so" "$name.err" \
		"replaced the ROM's decrementer calibration"
	t_has "$name: the drivers' calls ran in user mode" "$name.out" "macrom32: in user mode"
	if [ $rc -ne 0 ] || grep -q "not ok" "$name.out"; then
		sed 's/^/#   /' "$name.out" | head -80
		sed 's/^/#   err: /' "$name.err" | head -20
	fi
}

# --- 1. -rom FILE, with a disk and a CD, and MOL's drivers ---------------------
# stand-ins for MOL's drivers (PEF headers; molvm ships none): no enet.nw
mkdir -p drv
for d in video blk misc; do printf 'Joy!peffpwpc%s' $d >drv/$d.nw; done
guest_run rom -rom $G/macrom.rom -drive file=$G/macos-hd.img -cdrom $G/macos-cd.iso \
	-mol-drivers /tmp/drv
t_has "rom: video.nw is MacOnLinuxVideo's driver property" rom.out \
	"macrom32: driver MacOnLinuxVideo@4 17 bytes Joy!peff"
t_has "rom: blk.nw is mol-blk's" rom.out "macrom32: driver mol-blk@3 15 bytes Joy!peff"
t_has "rom: misc.nw is mol-mouse's" rom.out "macrom32: driver mol-mouse@8 16 bytes Joy!peff"
t_has "rom: no enet.nw, no driver for mol-enet-0" rom.out "macrom32: driver mol-enet-0@1 none"
t_has "rom: molvm says which drivers are missing" rom.err "no enet.nw there"
t_has "rom: bootpath names the boot-hinted disk" rom.out \
	"macrom32: bootpath /pci@80000000/pci-bridge@d/mol-blk@3/disk@0:0,\\\\:tbxi"
t_has "rom: the CD-ROM unit carries MOL's flags (CD-ROM|media|removable|read-only)" rom.out \
	"macrom32: ABLK unit 1 blocks $CD_BLOCKS flags 0x17"

# --- 2. no -rom: the ROM search finds it on the blessed HFS disk ------------------
# (the NIC on user-mode networking: the old ENET calls' ARP request for
# 10.0.2.2 gets libslirp's reply)
NET="-netdev user"
guest_run hfs -drive file=$G/macos-hd.img -cdrom $G/macos-cd.iso
NET=
t_has "hfs: old ENET on -netdev user: libslirp's ARP reply through ENET_GET_PACKET" hfs.out \
	"macrom32: ENET_GET_PACKET: an ARP reply from 10.0.2.2"
t_lacks "rom: old ENET on a tap: no ARP reply (nobody is 10.0.2.2)" rom.out "an ARP reply from"
t_has "hfs: the ROM found on the HFS disk" hfs.err \
	"booting the Mac OS ROM found on $G/macos-hd.img (HFS, partition 0)"
t_has "hfs: bootpath names that disk and partition" hfs.out \
	"macrom32: bootpath /pci@80000000/pci-bridge@d/mol-blk@3/disk@0:0,\\\\:tbxi"
t_has "hfs: the disk it came from has the boot hint" hfs.out \
	"macrom32: ABLK unit 0 blocks 16384 flags 0xc"
t_has "hfs: without -mol-drivers the nodes have no driver" hfs.out \
	"macrom32: driver MacOnLinuxVideo@4 none"

# --- 3. -boot d: the ROM search on the HFS+ CD (Apple partition map) -------------
guest_run cd -drive file=$G/macos-hd.img -cdrom $G/macos-cd.iso -boot d
t_has "cd: the ROM found on the CD's HFS+ partition" cd.err \
	"booting the Mac OS ROM found on $G/macos-cd.iso (HFS+, partition 3)"
t_has "cd: bootpath names the CD's partition 3" cd.out \
	"macrom32: bootpath /pci@80000000/pci-bridge@d/mol-blk@3/disk@1:3,\\\\:tbxi"
t_has "cd: the CD has the boot hint" cd.out "macrom32: ABLK unit 1 blocks $CD_BLOCKS flags 0x1f"

# --- damaged and missing volumes -------------------------------------------------
# the HFS disk with its catalog extent pointing past the volume
cp $G/macos-hd.img bad.img
printf '\377\360' | dd of=bad.img bs=1 seek=$((1024 + 152)) conv=notrunc 2>/dev/null
run bad -M powermac -m 64 -drive file=/tmp/bad.img -display none --timeout 60
t_eq "a damaged HFS disk: exit 1" 1 "$rc"
t_has "a damaged HFS disk: says which volume and why" bad.err \
	"no Mac OS ROM to boot: /tmp/bad.img, partition 0: HFS volume: an extent lies outside the volume"
t_eq "a damaged HFS disk: one line" 1 "$(wc -l <bad.err)"
dd if=/dev/zero of=blank.img bs=1k count=64 2>/dev/null
run blank -M powermac -m 64 -drive file=/tmp/blank.img -display none --timeout 60
t_eq "a disk without Mac OS: exit 1" 1 "$rc"
t_has "a disk without Mac OS: says so" blank.err "no disk holds a blessed System Folder"
run nocd -M powermac -m 64 -drive file=/tmp/blank.img -boot d
t_eq "-boot d without a CD-ROM: exit 1" 1 "$rc"

t_done
