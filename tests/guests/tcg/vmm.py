# SPDX-License-Identifier: GPL-2.0
#
# A stand-in for molvm's hypercall handling, to run the test guests under
# QEMU's TCG on any machine (no KVM, no POWER host).  gdb-multiarch loads
# this; QEMU is started stopped (-S) behind gdb's stdio remote protocol.
# A breakpoint sits on every `sc` / `sc 1` instruction of the guest ELF;
# at each hit this script does what molvm would do after a KVM_EXIT_OSI
# or KVM_EXIT_PAPR_HCALL (the ABI in tests/guests/README.md) and resumes
# the guest after the instruction.  It never vectors through 0xc00, so
# the guest sees the same register state as under KVM PR.
#
# Environment:
#   GUEST_ELF      the guest (its .bin next to it is what QEMU loads)
#   GUEST_OUT      file receiving the guest's console output
#   GUEST_INPUT    bytes H_GET_TERM_CHAR(0) hands out (default none)
#   GUEST_CHUNK    at most this many bytes per H_GET_TERM_CHAR (1..16)
#   GUEST_CLOBBER  1: trash r20 at every call (checks the guests' checks)
#   GUEST_PUTFAIL  1: H_PUT_TERM_CHAR answers H_HARDWARE
import os
import re
import subprocess

import gdb

elf = os.environ["GUEST_ELF"]
out = open(os.environ["GUEST_OUT"], "wb", buffering=0)
pending = os.environ.get("GUEST_INPUT", "").encode("latin-1")
chunk = int(os.environ.get("GUEST_CHUNK", "16"))
clobber = os.environ.get("GUEST_CLOBBER") == "1"
putfail = os.environ.get("GUEST_PUTFAIL") == "1"

with open(elf, "rb") as f:
    bits = 64 if f.read(5)[4] == 2 else 32      # e_ident[EI_CLASS]
mask = (1 << bits) - 1

OSI_R3, OSI_R4 = 0x113724FA, 0x77810F9B         # MOL osi.h
LOG_PUTC, EXIT, CALL_AVAILABLE = 47, 54, 0      # MOL osi_calls.h
IMPLEMENTED = {CALL_AVAILABLE, LOG_PUTC, EXIT}
H_GET_TERM_CHAR, H_PUT_TERM_CHAR = 0x54, 0x58   # Linux asm/hvcall.h
H_SUCCESS, H_FUNCTION, H_PARAMETER, H_HARDWARE = 0, -2, -4, -1

if bits == 64:
    qemu = ("qemu-system-ppc64 -M powernv8 -cpu POWER8 -m 1G")
    boot_msr = 0x8000000000001000               # SF | ME
else:
    qemu = ("qemu-system-ppc -M mac99 -cpu 7447a -m 128 -vga none")
    boot_msr = 0x1000                           # ME
qemu += (" -display none -monitor none -serial none -S -gdb stdio"
         " -device loader,file=%s,addr=0x10000,force-raw=on"
         % (os.path.splitext(elf)[0] + ".bin"))

# sc = 0x44000002, sc 1 = 0x44000022 (Power ISA Book I, System Call).
dis = subprocess.run(["powerpc64-linux-gnu-objdump", "-d", elf],
                     capture_output=True, text=True, check=True).stdout
sites = {int(m.group(1), 16): m.group(2) == "22" for m in
         re.finditer(r"^\s+([0-9a-f]+):\s+44 00 00 (02|22)\s", dis, re.M)}

gdb.execute("file " + elf)
gdb.execute("set endian big")
gdb.execute("set pagination off")
gdb.execute("target remote | exec " + qemu)
# molvm's boot state: entry 0x10000, real mode, r1 = r3 = 0.
gdb.execute("set $pc = 0x10000")
gdb.execute("set $msr = 0x%x" % boot_msr)
gdb.execute("set $r1 = 0")
gdb.execute("set $r3 = 0")
for addr in sites:
    gdb.execute("break *0x%x" % addr, to_string=True)


def reg(n):
    return int(gdb.parse_and_eval("$r%d" % n)) & mask


def set_reg(n, v):
    gdb.execute("set $r%d = 0x%x" % (n, v & mask))


def osi():
    if reg(3) & 0xffffffff != OSI_R3 or reg(4) & 0xffffffff != OSI_R4:
        raise RuntimeError("sc without the OSI magic")
    sel = reg(5)
    if sel == LOG_PUTC:
        out.write(bytes([reg(6) & 0xff]))
    elif sel == EXIT:
        return True
    elif sel == CALL_AVAILABLE:
        set_reg(3, 1 if reg(6) in IMPLEMENTED else 0)
    else:
        set_reg(3, 0)
    return False


def hcall():
    global pending
    nr = reg(3)
    if nr == H_PUT_TERM_CHAR:
        n = reg(5)
        if reg(4) != 0 or n > 16:
            set_reg(3, H_PARAMETER)
        elif putfail:
            set_reg(3, H_HARDWARE)
        else:
            data = reg(6).to_bytes(8, "big") + reg(7).to_bytes(8, "big")
            out.write(data[:n])
            set_reg(3, H_SUCCESS)
    elif nr == H_GET_TERM_CHAR:
        if reg(4) != 0:
            set_reg(3, H_PARAMETER)
            return
        got, pending = pending[:chunk], pending[chunk:]
        data = got.ljust(16, b"\0")
        set_reg(3, H_SUCCESS)
        set_reg(4, len(got))
        set_reg(5, int.from_bytes(data[:8], "big"))
        set_reg(6, int.from_bytes(data[8:], "big"))
    else:
        set_reg(3, H_FUNCTION)


calls = 0
while True:
    gdb.execute("continue", to_string=True)
    pc = int(gdb.parse_and_eval("$pc")) & mask
    if pc not in sites:
        print("vmm.py: guest stopped at 0x%x, not at an sc" % pc)
        break
    calls += 1
    if clobber:
        set_reg(20, 0xdeadbeef)
    if sites[pc]:
        hcall()
    elif osi():
        print("vmm.py: guest powered off after %d calls" % calls)
        break
    gdb.execute("set $pc = 0x%x" % (pc + 4))
gdb.execute("kill")
