#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: the powermac vCPU's entry state on the
# real /dev/kvm (KVM PR), as the state32 guest reads it back (mfmsr, mfspr
# SDR1/SPRGs/BATs, mfsrin, the GPRs start32.S saved).  Expected: MOL's ELF
# boot (mol-src/src/booter/elf.c elf_startup) on a zeroed register file:
# SDR1 = RAM - 64 KiB, r1 = RAM - 64 KiB - 32, MSR = ME, the rest 0.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

for mem in 64 128; do
	run st$mem -M powermac -m $mem -kernel $G/state32.elf --timeout 60
	o=st$mem.out
	t_eq "state32 -m $mem: exit 0" 0 "$rc"
	t_passes "state32 -m $mem: all 8 guest checks pass" 8 $o
	t_lacks "state32 -m $mem: no failed guest check" $o "not ok"
	t_has "state32 -m $mem: reaches its end" $o "state32: done"
	[ "$rc" = 0 ] && [ "$(grep -c '^ok - ' $o)" = 8 ] || { sed 's/^/#   /' $o | head -80; sed 's/^/#   /' st$mem.err; }
done

# The values themselves, for -m 64 (0x4000000) and -m 128 (0x8000000).
t_has "-m 64: MSR is 0x1000 (ME)" st64.out "state32: msr 0x1000"
t_has "-m 64: SDR1 is 0x3ff0000" st64.out "state32: sdr1 0x3ff0000"
t_has "-m 64: r1 is 0x3feffe0" st64.out "state32: r1 0x3feffe0"
t_has "-m 128: SDR1 is 0x7ff0000" st128.out "state32: sdr1 0x7ff0000"
t_has "-m 128: r1 is 0x7feffe0" st128.out "state32: r1 0x7feffe0"
t_has "-m 64: r3 is 0" st64.out "state32: r3 0x0"
t_has "-m 64: r4 is 0" st64.out "state32: r4 0x0"
t_has "-m 64: r5 is 0" st64.out "state32: r5 0x0"
# The default CPU: a G4 host's own, else the 7447A (cpu_models.c).
t_has "-m 64: PVR is the default CPU's ($PM_CPU)" st64.out "state32: pvr $(printf '0x%x' $PM_PVR)"
# (regular expressions: t_count matches fixed strings)
rx() { grep -cE "$2" "$1"; }
t_eq "-m 64: 16 segment registers read, all 0" 16 "$(rx st64.out '^state32: sr([0-9]|1[0-5]) 0x0$')"
t_eq "-m 64: 8 IBAT pairs read, all 0" 8 "$(rx st64.out '^state32: ibat[0-7] 0x0 0x0$')"
t_eq "-m 64: 8 DBAT pairs read, all 0" 8 "$(rx st64.out '^state32: dbat[0-7] 0x0 0x0$')"
t_eq "-m 64: SPRG0-3 all 0" 4 "$(rx st64.out '^state32: sprg[0-3] 0x0$')"

# A G3: same state with its PVR.
run st750 -M powermac -cpu 750 -m 64 -kernel $G/state32.elf --timeout 60
t_eq "state32 -cpu 750: exit 0" 0 "$rc"
t_lacks "state32 -cpu 750: no failed guest check" st750.out "not ok"
t_has "state32 -cpu 750: SDR1 is 0x3ff0000" st750.out "state32: sdr1 0x3ff0000"
t_has "state32 -cpu 750: PVR is the 750CXe's" st750.out "state32: pvr 0x83311"

# The other 32-bit guests still pass with r1 no longer 0 at entry.
run h32 -M powermac -m 64 -kernel $G/hello32.elf --timeout 60
t_eq "hello32 exits 0" 0 "$rc"
t_lacks "hello32 no failed check" h32.out "not ok"

# --- an Open Firmware client (-M powermac,firmware=of) ------------------------------
# The of32 guest uses molvm's client interface with translation on, as
# Linux's prom_init does: entry state, tree, stdout, claim, map, a disk
# through open/seek/read, RTAS, milliseconds, quiesce, exit.
OF32_CHECKS=51
cp $G/ablk-test.img of.img
{ printf 'molvm-initrd'; head -c 100000 /dev/zero; } >rd.img
run of -M powermac,firmware=of -m 64 -kernel $G/of32.elf -drive file=/tmp/of.img \
	-initrd /tmp/rd.img --timeout 60
t_eq "of32: exit 0 (the client called exit)" 0 "$rc"
t_count "of32: all $OF32_CHECKS guest checks pass" $OF32_CHECKS of.out "ok - "
t_lacks "of32: no failed guest check" of.out "not ok"
t_has "of32: prints through /chosen's stdout" of.out "of32: hello from an Open Firmware client"
t_has "of32: still prints after quiesce" of.out "of32: still printing after quiesce"
t_has "of32: reaches its end" of.out "of32: done"
t_lacks "of32: exit does not return" of.out "of32: exit returned"
t_has "of32: the initrd's size in r4" of.out "of32: initrd at 0x"
t_has "of32: ... is the file's ($(wc -c <rd.img) bytes)" of.out " size $(wc -c <rd.img)"
t_has "of32: r1 0x3f7ffe0, SDR1 0x3f80007 (a 512 KiB HTAB at the top of 64 MiB)" of.out \
	"of32: r1 0x3f7ffe0 sdr1 0x3f80007"
[ "$rc" = 0 ] && [ "$(grep -c '^ok - ' of.out)" = $OF32_CHECKS ] || \
	{ sed 's/^/#   /' of.out | head -120; sed 's/^/#   /' of.err; }
grep '^of32: ' of.out | sed 's/^/# /'
# The tree the client walked as prom_init walks it: every node and property
# of the build machine's --dump-dtb (fdtget's listing).
t_has "of32 walked all $(awk '{ print $2 }' $G/powermac-of32.tree | uniq | wc -l) nodes and \
$(wc -l <$G/powermac-of32.tree) properties" of.out \
	"of32: tree nodes $(awk '{ print $2 }' $G/powermac-of32.tree | uniq | wc -l) properties $(wc -l <$G/powermac-of32.tree)"
# Without firmware=of the same image gets MOL's ELF boot (the rule: its
# entry is not a virtual address), and knows it.
run ofelf -M powermac -m 64 -kernel $G/of32.elf --timeout 60
t_eq "of32 without firmware=of: exit 0" 0 "$rc"
t_has "of32 without firmware=of: MOL's ELF boot, no client interface" ofelf.out \
	"of32: entered without a client interface"
# state32 read the OF client's entry state too: MSR FP|ME|IR|DR, SRs, r5
run stof -M powermac,firmware=of -m 64 -kernel $G/state32.elf --timeout 60
t_eq "state32 as an OF client: exit 0" 0 "$rc"
t_has "state32 as an OF client: MSR 0x3030" stof.out "state32: msr 0x3030"
t_has "state32 as an OF client: sr0 0x20000400" stof.out "state32: sr0 0x20000400"
t_has "state32 as an OF client: sr15 0x2000040f" stof.out "state32: sr15 0x2000040f"
t_has "state32 as an OF client: r5 is the client interface" stof.out "state32: r5 0x3f70000"
t_eq "state32 as an OF client: 8 IBAT pairs 0" 8 "$(rx stof.out '^state32: ibat[0-7] 0x0 0x0$')"
# Bad firmware options and an initrd MOL's ELF boot has no place for
run bados -M powermac,firmware=bios -m 64 -kernel $G/of32.elf
t_eq "-M powermac,firmware=bios: exit 1" 1 "$rc"
run elfrd -M powermac,firmware=elf -m 64 -kernel $G/of32.elf -initrd /tmp/rd.img
t_eq "-initrd with MOL's ELF boot: exit 1" 1 "$rc"
t_has "-initrd with MOL's ELF boot: says why" elfrd.err "firmware=of"

# A 32-bit host kernel (the G4) runs 32-bit guests only; molvm says so in
# one line before touching KVM.
if [ $HOST_BITS = 32 ]; then
	run ps32 -M pseries -m 64 -kernel $G/hello64.elf
	t_eq "32-bit host: -M pseries exits 1" 1 "$rc"
	t_eq "32-bit host: -M pseries, one line" 1 "$(wc -l <ps32.err)"
	t_has "32-bit host: -M pseries, says why" ps32.err \
		"machine 'pseries' needs a 64-bit host; this host's kernel is 32-bit"
	run c970 -M powermac -cpu 970 -m 64 -kernel $G/state32.elf
	t_eq "32-bit host: -cpu 970 exits 1" 1 "$rc"
	t_has "32-bit host: -cpu 970, says why" c970.err "a 64-bit CPU needs a 64-bit host"
	run chost -M powermac -cpu host -m 64 -kernel $G/state32.elf --timeout 60
	t_eq "32-bit host: -cpu host runs the host's own G4" 0 "$rc"
	t_has "32-bit host: -cpu host has the host's PVR" chost.out \
		"state32: pvr $(printf '0x%x' $HOST_PVR)"
fi

t_done
