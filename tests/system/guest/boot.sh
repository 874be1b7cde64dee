#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: report the guest's uptime at init, then power off at once.
echo "GUEST-UPTIME=$(cut -d' ' -f1 /proc/uptime)"
