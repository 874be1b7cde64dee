#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: molvm boots the Linux kernel (the test
# host's own vmlinux, which has PPC_PSERIES, HVC_CONSOLE and KVM_GUEST) as a
# -M pseries guest with an initramfs whose script prints GUEST-* lines.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
K=/opt/molvm/vmlinux
I=/opt/molvm/linux-basic.cpio.gz
cd /tmp

printf 'typed-into-hvc0\n' >in.txt
"$M" -M pseries -smp 2 -m 512 -kernel $K -initrd $I -append "console=hvc0" \
	--timeout 400 <in.txt >smp2.out 2>smp2.err
rc=$?
t_eq "Linux -smp 2 powers off through RTAS with exit 0" 0 "$rc"
t_has "the guest ran its init script to the end" smp2.out "GUEST-EXIT=0"
t_has "the guest sees 2 CPUs" smp2.out "GUEST-CPUS=2"
t_has "both CPUs are online" smp2.out "GUEST-ONLINE=0-1"
t_has "work ran on CPU 1" smp2.out "GUEST-RAN-ON=1"
t_has "the kernel brought up 2 CPUs" smp2.out "smp: Brought up 1 node, 2 CPUs"
t_has "the guest is a pseries (PAPR) guest" smp2.out "GUEST-PLATFORM=pSeries"
t_has "the guest sees the /hypervisor node" smp2.out "GUEST-HYPERVISOR=linux,kvm"
t_has "the PV magic page was enabled" smp2.out "KVM: Live patching for a fast VM worked"
t_has "the guest got the command line" smp2.out "GUEST-CMDLINE=console=hvc0"
t_has "hvc0 input reached the guest" smp2.out "GUEST-GOT=typed-into-hvc0"
t_has "hvc0 input comes by interrupt (vty source 0x1000)" smp2.out "4096 Edge      hvc_console"
t_has "the RTAS clock gives this year" smp2.out "GUEST-YEAR=$(date -u +%Y)"
t_lacks "no kernel oops" smp2.out "Oops"
t_lacks "VPA registration (H_REGISTER_VPA) succeeds" smp2.out "VPA registration for cpu"
t_lacks "molvm saw no unknown H_REGISTER_VPA" smp2.err "unknown hypercall 0xdc"
t_lacks "molvm reports no error" smp2.err "error"

# molvm's own XICS (no in-kernel irqchip): SMP bring-up needs its IPIs,
# the disk read its LSI.
printf 'molvm-user-xics!' >xdisk.img
dd if=/dev/zero bs=1M count=1 >>xdisk.img 2>/dev/null
"$M" -M pseries,kernel-irqchip=off -smp 2 -m 512 -kernel $K -initrd $I -append "console=hvc0" \
	-drive file=xdisk.img --timeout 400 <in.txt >uxics.out 2>uxics.err
t_eq "userspace XICS: Linux -smp 2 powers off with exit 0" 0 "$?"
t_has "userspace XICS: the guest ran its script" uxics.out "GUEST-EXIT=0"
t_has "userspace XICS: 2 CPUs online" uxics.out "GUEST-ONLINE=0-1"
t_has "userspace XICS: work ran on CPU 1" uxics.out "GUEST-RAN-ON=1"
t_has "userspace XICS: the disk read completed" uxics.out "GUEST-VDA=molvm-user-xics!"
t_has "userspace XICS: hvc0 input" uxics.out "GUEST-GOT=typed-into-hvc0"
t_has "userspace XICS: hvc0 input by interrupt" uxics.out "hvc_console"
for h in 0x64 0x68 0x6c 0x70 0x74; do	# H_EOI H_CPPR H_IPI H_IPOLL H_XIRR
	t_lacks "userspace XICS: molvm serves hcall $h" uxics.err "unknown hypercall $h:"
done

# Without /hypervisor: no magic page, still boots.
"$M" -M pseries -m 256 -no-pv -kernel $K -initrd $I -append "console=hvc0" \
	--timeout 400 </dev/null >nopv.out 2>nopv.err
t_eq "Linux -no-pv powers off with exit 0" 0 "$?"
t_has "-no-pv guest ran its script" nopv.out "GUEST-EXIT=0"
t_lacks "-no-pv: no /hypervisor" nopv.out "GUEST-HYPERVISOR"
t_lacks "-no-pv: no magic page" nopv.out "Live patching"
t_has "-no-pv: 256 MiB of RAM" nopv.out "GUEST-MEMKB=2"

t_done
