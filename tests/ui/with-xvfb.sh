#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# with-xvfb.sh CMD [ARG...]: run CMD with $DISPLAY on a private virtual X
# server (Xvfb, 1024x768x24, no TCP), then stop that server.  Exits with
# CMD's status.
set -u
command -v Xvfb >/dev/null || { echo "with-xvfb: Xvfb is missing (contrib/setup.sh)" >&2; exit 1; }
n=90
while [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ]; do
	n=$((n + 1))
done
Xvfb :$n -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
i=0
while [ ! -e /tmp/.X11-unix/X$n ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ -e /tmp/.X11-unix/X$n ] || { echo "with-xvfb: Xvfb :$n did not start" >&2; kill $xpid 2>/dev/null; exit 1; }
DISPLAY=:$n "$@"
rc=$?
kill $xpid 2>/dev/null
wait $xpid 2>/dev/null
exit $rc
