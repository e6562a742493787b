#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Ask QEMU's human monitor (HMP) on a Unix socket one command, print
its answer.  xen-boot.sh uses it on a hung run for "info registers -a".

    qemu-monitor.py SOCKET COMMAND

Exits 1 if the monitor does not give its prompt within 15 s, before or
after the command (QEMU itself stuck)."""

import socket
import sys
import time

PROMPT = b"(qemu) "


def read_to_prompt(sock, deadline):
    data = b""
    while not data.endswith(PROMPT):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no monitor prompt")
        sock.settimeout(left)
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("monitor closed")
        data += chunk
    return data[: -len(PROMPT)]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: qemu-monitor.py SOCKET COMMAND")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(15)
        sock.connect(sys.argv[1])
        read_to_prompt(sock, time.monotonic() + 15)
        sock.sendall(sys.argv[2].encode() + b"\n")
        out = read_to_prompt(sock, time.monotonic() + 15)
    except (OSError, TimeoutError, ConnectionError) as err:
        sys.exit("qemu-monitor.py: %s" % err)
    # The monitor ends lines with CR LF, and its first line is the echo
    # of the command, drawn a character at a time with terminal escapes.
    text = out.decode(errors="replace").replace("\r", "")
    sys.stdout.write(text.split("\n", 1)[1] if "\n" in text else "")


main()
