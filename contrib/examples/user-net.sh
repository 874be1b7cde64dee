#!/bin/sh
# A Linux guest on user-mode networking (libslirp): no root, no tap.  The
# guest gets 10.0.2.15 by DHCP; the host is 10.0.2.2 to it; the guest's
# ssh server is reachable from this host as port 2222.
exec molvm -M pseries -m 512 -kernel "${KERNEL:-vmlinux}" -initrd "${INITRD:-initrd.gz}" \
	-append "console=hvc0" -netdev user,hostfwd=tcp:127.0.0.1:2222-:22
