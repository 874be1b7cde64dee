#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo: molvm runs the test guests on the test host's real KVM PR.
G=/opt/molvm
echo "### molvm -M powermac -cpu 7447a -kernel hello32.elf   (32-bit G4 guest, OSI)"
$G/molvm -M powermac -cpu 7447a -m 64 -kernel $G/hello32.elf --timeout 60 </dev/null
echo "### exit code $?"
echo "### echo hello-from-the-host | molvm -M pseries -kernel hello64.elf   (64-bit, PAPR + OSI)"
echo hello-from-the-host | $G/molvm -M pseries -cpu POWER8 -m 64 -kernel $G/hello64.elf --timeout 60
echo "### exit code $?"
