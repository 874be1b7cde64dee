#!/bin/sh
# A Linux guest on the pseries machine: its console on this terminal
# (Ctrl-a x quits), a disk, and the display in a window when there is one.
# KERNEL: a ppc64 or ppc64le vmlinux with PPC_PSERIES, HVC_CONSOLE and
# VIRTIO_PCI/VIRTIO_BLK; INITRD: its initramfs.
exec molvm -M pseries -m 512 -smp 2 \
	-kernel "${KERNEL:-vmlinux}" -initrd "${INITRD:-initrd.gz}" \
	-append "console=hvc0" -drive file="${DISK:-disk.img}"
