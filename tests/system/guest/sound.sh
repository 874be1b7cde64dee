#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Linux guest of scenario 55-sound: Linux's virtio-sound driver
# (CONFIG_SND_VIRTIO) binds molvm's device; /opt/alsa-tone plays a 1 kHz
# cosine for 2 s through /dev/snd/pcmC0D0p with bare ALSA ioctls.
echo "GUEST-CARDS: $(cat /proc/asound/cards 2>/dev/null | head -n 1)"
echo "GUEST-PCM: $(cat /proc/asound/pcm 2>/dev/null)"
echo "GUEST-SND: $(ls /dev/snd 2>/dev/null | tr '\n' ' ')"
/opt/alsa-tone /dev/snd/pcmC0D0p 2 >/tmp/tone.out 2>&1
echo "GUEST-TONE-RC=$?"
sed "s/^/GUEST-TONE: /" /tmp/tone.out
dmesg | grep -i 'virtio_snd\|snd' | head -5 | sed 's/^/GUEST-DMESG: /'
exit 0
