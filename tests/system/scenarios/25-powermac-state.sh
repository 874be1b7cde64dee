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
t_has "-m 64: PVR is the 7447A v1.2's (cpu_models.c)" st64.out "state32: pvr 0x80030102"
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

t_done
