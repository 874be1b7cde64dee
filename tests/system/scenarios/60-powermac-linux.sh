#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: a stock 32-bit PowerMac Linux (Linux
# 6.1's pmac32_defconfig, built by contrib/testhost/build-kernel.sh ppc32)
# under molvm -M powermac.  It goes through its own prom_init (molvm's
# Open Firmware client interface), finds the platform devices (Heathrow
# PIC, Cuda, ESCC) and the virtio disk on the Grackle bus, and reaches a
# busybox shell on the ESCC console; the scenario checks the clock it read,
# the disk bytes, the keys typed through --script (ADB through Cuda) and
# the power-off through Cuda (exit code 0).  Twice: on a 7447A (G4), then
# on a 750 (G3) without the keyboard part.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
K=/opt/molvm/vmlinux-pmac32
I=/opt/molvm/linux32-powermac.cpio
cd /tmp

truncate -s 4M disk.img
printf 'host-marker-powermac-vda' | dd of=disk.img conv=notrunc 2>/dev/null
cat >g4.script <<'SCRIPT'
timeout 300
wait "GUEST-KBD-READY"
type "ab"
wait "GUEST-SHELL" 120
wait "pmac# " 60
send "echo shell-$((6*7))\n"
wait "shell-42" 60
send "exit\n"
wait-exit 120
SCRIPT
t0=$(date +%s)
run g4 -M powermac -cpu 7447a -m 256 -kernel $K -initrd $I -append "console=ttyS0" \
	-drive file=disk.img -display none --timeout 600 --script g4.script
t1=$(date +%s)

t_eq "G4: every --script step passed and Cuda powered off: exit code 0" 0 "$rc"
t_has "G4: prom_init ran on molvm's Open Firmware" g4.out "Booting Linux via __start()"
t_has "G4: Linux runs on the 7447A's PVR" g4.out "(pvr 8003 0102)"
t_has "G4: the machine is the tree's PowerMac1,1" g4.out "GUEST-MACHINE: machine		: PowerMac1,1"
t_has "G4: Linux found the Heathrow PIC on mac-io" g4.out \
	"Found primary Apple PIC /pci@80000000/pci-bridge@d/mac-io@5 for 64 irqs"
t_has "G4: ... the Cuda" g4.out "Macintosh Cuda and Egret driver."
t_has "G4: ... the ADB keyboard behind it" g4.out "ADB keyboard at 2"
t_has "G4: ... the ESCC as ttyS0" g4.out "ttyS0 at MMIO 0x80813020"
t_has "G4: the console moved to ttyS0" g4.out "console [ttyS0] enabled"
t_has "G4: virtio-blk on the Grackle bus" g4.out "virtio_blk virtio0: [vda]"
rtc=$(tr -d '\r' <g4.out | sed -n 's/^GUEST-RTC=\([0-9]*\)$/\1/p')
t_check "G4: the RTC read through Cuda ($rtc) is the host's clock ($t0..$t1)" \
	[ -n "$rtc" ] && [ "$rtc" -ge $((t0 - 5)) ] && [ "$rtc" -le $((t1 + 5)) ]
date=$(tr -d '\r' <g4.out | sed -n 's/^GUEST-DATE=\([0-9]*\)$/\1/p')
t_check "G4: the system clock was set from it ($date)" \
	[ -n "$date" ] && [ "$date" -ge $((t0 - 5)) ] && [ "$date" -le $((t1 + 5)) ]
t_has "G4: the guest read the host's sector 0" g4.out "GUEST-VDA0=host-marker-powermac-vda"
t_has "G4: ... and its own sector 1 back" g4.out "GUEST-VDA1=written-by-powermac-linux"
t_eq "G4: the guest's write is in the image" "written-by-powermac-linux" \
	"$(dd if=disk.img bs=512 skip=1 count=1 2>/dev/null | head -c 25)"
got=$(tr -d '\r' <g4.out | grep '^GUEST-EV ' | cut -d' ' -f2- | tr '\n' ',')
t_eq "G4: typed \"ab\": KEY_A (30) and KEY_B (48), pressed and released, from the ADB keyboard" \
	"1 30 1,0 0 0,1 30 0,0 0 0,1 48 1,0 0 0,1 48 0,0 0 0," "$got"
t_has "G4: the shell on the ESCC ran a command" g4.out "shell-42"
t_has "G4: Linux powered off" g4.out "reboot: Power down"
t_lacks "G4: no oops" g4.out "Oops"
t_lacks "G4: molvm reports no error" g4.err "error"
echo "# G4 guest lines:"
tr -d '\r' <g4.out | grep -a -E 'GUEST-|prom_init|Apple PIC|Cuda|ADB|ttyS0|virtio' | sed 's/^/#   /' | head -80
echo "# molvm stderr:"
sed 's/^/#   /' g4.err | head -40

cat >g3.script <<'SCRIPT'
timeout 300
wait "GUEST-SHELL" 240
wait "pmac# " 60
send "echo g3-$((6*7))\n"
wait "g3-42" 60
send "exit\n"
wait-exit 120
SCRIPT
run g3 -M powermac -cpu 750 -m 128 -kernel $K -initrd $I -append "console=ttyS0 nokbd" \
	-drive file=disk.img -display none --timeout 600 --script g3.script
t_eq "G3: exit code 0" 0 "$rc"
t_has "G3: Linux runs on the 750CXe's PVR" g3.out "(pvr 0008 3311)"
# (Linux's CPU table, cpu_specs_book3s_32.h, names PVR 0x00083xxx "745/755":
# the 750 family's features, CPU_FTRS_750)
t_has "G3: ... a 750-family CPU to Linux" g3.out "GUEST-CPU: cpu		: 745/755"
t_has "G3: the shell ran a command" g3.out "g3-42"
t_has "G3: Linux powered off" g3.out "reboot: Power down"
echo "# G3 guest lines:"
tr -d '\r' <g3.out | grep -a -E 'GUEST-|Apple PIC|Cuda|ttyS0|virtio' | sed 's/^/#   /' | head -40
echo "# G3 molvm stderr:"
sed 's/^/#   /' g3.err | head -20
t_done
