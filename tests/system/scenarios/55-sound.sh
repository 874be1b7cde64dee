#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: sound on the real KVM.  A Linux
# pseries guest's ALSA (Linux's virtio-sound driver on molvm's device)
# plays a 1 kHz tone for 2 s with -audiodev wav; the WAV file must hold
# that tone (frequency, length, both channels), starting with the first
# frame (no gap) and without dropouts.  Bad input: an unwritable WAV path
# is one line and exit 1.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

run snd -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-sound.cpio.gz \
	-append "console=hvc0 virtio_snd.pcm_buffer_ms=1000" -display none --timeout 300 \
	-audiodev wav,id=snd0,path=/tmp/tone.wav
t_eq "molvm exits 0 (the guest powered off)" 0 "$rc"
t_has "Linux found molvm's virtio-sound card" snd.out "virtio-snd - VirtIO SoundCard"
t_has "ALSA made a playback PCM of it" snd.out "playback 1"
t_has "the guest played 96000 frames" snd.out "GUEST-TONE: alsa-tone: played 96000 frames"
t_has "alsa-tone exited 0" snd.out "GUEST-TONE-RC=0"
t_lacks "no ALSA error in the guest" snd.out "alsa-tone: HW_PARAMS:"
$G/wavcheck tone.wav >tone.txt
t_eq "wavcheck reads the file" 0 "$?"
sed 's/^/#   /' tone.txt
val() { sed -n "s/^$1=//p" tone.txt; }
t_eq "48000 Hz" 48000 "$(val rate)"
t_eq "2 channels" 2 "$(val channels)"
t_eq "both channels carry the tone" 1 "$(val channels_equal)"
frames=$(val frames)
# Whole periods of 3840 frames: the 25 played, and at most the 12 periods
# of the ring the device may play before the guest's stop arrives.
t_check "96000 to 142080 frames ($frames)" test "$frames" -ge 96000 -a "$frames" -le 142080
freq=$(val freq)
t_check "the tone is 1000 Hz +- 1% ($freq)" awk "BEGIN { exit !($freq >= 990 && $freq <= 1010) }"
t_eq "no gap at the start: the first frame is the tone" 0 "$(val lead_in_frames)"
gap=$(val longest_gap_ms)
t_check "no dropout inside the tone (longest quiet run $gap ms)" awk "BEGIN { exit !($gap < 1) }"
peak=$(val peak)
t_check "the amplitude the guest wrote (peak $peak of 12000)" test "$peak" -ge 11900 -a "$peak" -le 12000

run badwav -M pseries -m 256 -kernel $G/vmlinux -display none --timeout 30 \
	-audiodev wav,path=/nonexistent/dir/x.wav
t_eq "unwritable WAV path: exit 1" 1 "$rc"
t_has "unwritable WAV path: says which and why" badwav.err \
	"cannot write /nonexistent/dir/x.wav: No such file or directory"
t_eq "unwritable WAV path: one line" 1 "$(wc -l <badwav.err)"
grep -a 'GUEST-' snd.out | sed 's/^/#   /'

# --- powermac: MOL's OSI sound calls, as the classic MOLAudio driver makes them ---
run pmsnd -M powermac -m 64 -kernel $G/sound32.elf --timeout 60 -audiodev wav,path=/tmp/pm.wav
t_eq "powermac: sound32 exits 0" 0 "$rc"
t_count "powermac: sound32's checks pass" 9 pmsnd.out "ok - "
t_lacks "powermac: no failed check" pmsnd.out "not ok"
t_has "powermac: it wrote 96256 frames" pmsnd.out "sound32: wrote 47 buffers, 96256 frames"
$G/wavcheck pm.wav >pm.txt
sed 's/^/#   /' pm.txt
val() { sed -n "s/^$1=//p" pm.txt; }
t_eq "powermac: 48000 Hz stereo" "48000 2" "$(val rate) $(val channels)"
t_eq "powermac: every frame the guest wrote" 96256 "$(val frames)"
freq=$(val freq)
t_check "powermac: the tone is 1000 Hz +- 1% ($freq)" awk "BEGIN { exit !($freq >= 990 && $freq <= 1010) }"
t_eq "powermac: no gap at the start" 0 "$(val lead_in_frames)"
gap=$(val longest_gap_ms)
t_check "powermac: no dropout (longest quiet run $gap ms)" awk "BEGIN { exit !($gap < 1) }"
grep -a "sound32" pmsnd.out | sed 's/^/#   /'
t_done
