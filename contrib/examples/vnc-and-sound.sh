#!/bin/sh
# A headless guest shown over VNC on localhost:5901 (password: the first
# line of ~/.molvm-vnc), its sound recorded to guest.wav.
#   gvncviewer localhost:1
exec molvm -M pseries -m 512 -kernel "${KERNEL:-vmlinux}" -initrd "${INITRD:-initrd.gz}" \
	-append "console=hvc0" -display vnc=:1,password-file="$HOME/.molvm-vnc" \
	-audiodev wav,id=snd0,path=guest.wav
