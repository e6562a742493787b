#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare the IPI send path of two kernels, from their vmlinux.

  scripts/bench-ipi.py STOCK_VMLINUX SERIES_VMLINUX FUNC...

For each function, objdump's disassembly (AT&T syntax) gives:
  size    bytes (nm -S)
  insns   instructions in the function
  path    the fall-through path: from the entry, never taking a
          conditional branch, following jumps inside the function, up to
          the first ret or tail call.  GCC moves unlikely code (WARN,
          BUG, error paths) out of that line, so it is the send path the
          CPU runs when nothing is wrong.
  loads   instructions on that path that read memory (a memory source
          operand, per-CPU %gs: accesses included; lea, nop and stack
          push/pop/call/ret excluded)
  branches  conditional branches on that path (each one not taken)
  calls   calls on that path

Prints a table, stock against series, and the added and removed
instructions of each function's fall-through path.
"""
import re
import subprocess
import sys

INSN = re.compile(r"^\s*([0-9a-f]+):\s+(.*)$")


def disasm(vmlinux, func):
    out = subprocess.run(
        ["objdump", "-d", "-w", "--no-show-raw-insn", "--disassemble=" + func,
         vmlinux],
        check=True, capture_output=True, text=True).stdout
    insns = []
    inside = False
    for line in out.splitlines():
        if re.match(r"^[0-9a-f]+ <%s>:$" % re.escape(func), line):
            inside = True
            continue
        if inside and not line.strip():
            break
        m = INSN.match(line) if inside else None
        if m:
            text = m.group(2).split("#")[0].strip()
            insns.append((int(m.group(1), 16), text))
    return insns


def size(vmlinux, func):
    out = subprocess.run(["nm", "-S", vmlinux], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[3] == func:
            return int(f[1], 16)
    return 0


def mnemonic(text):
    return text.split()[0] if text else ""


def operands(text):
    parts = text.split(None, 1)
    return parts[1] if len(parts) > 1 else ""


def is_load(text):
    m = mnemonic(text)
    if m.startswith(("lea", "nop", "push", "pop", "call", "ret", "j", "endbr",
                     "int3", "ud2")):
        return False
    ops = operands(text)
    if "(" not in ops and "%gs:" not in ops:
        return False
    # AT&T: source first.  A mov whose only memory operand is the
    # destination is a store.
    srcs = split_ops(ops)
    if m.startswith("mov") and len(srcs) == 2:
        return "(" in srcs[0] or "%gs:" in srcs[0]
    return True


def split_ops(ops):
    out, depth, cur = [], 0, ""
    for c in ops:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return [o.strip() for o in out]


def target(text):
    m = re.search(r"\b([0-9a-f]+) <", text)
    return int(m.group(1), 16) if m else None


def fall_through(insns):
    addrs = {a: i for i, (a, _) in enumerate(insns)}
    path, seen, i = [], set(), 0
    while 0 <= i < len(insns) and i not in seen:
        seen.add(i)
        a, text = insns[i]
        path.append(text)
        m = mnemonic(text)
        if m.startswith("ret") or m in ("ud2", "int3"):
            break
        if m.startswith("jmp"):
            t = target(text)
            if t in addrs:
                i = addrs[t]
                continue
            break  # tail call or thunk
        i += 1
    return path


def normalise(text):
    # Addresses and symbol offsets differ between builds.
    text = re.sub(r"0x[0-9a-f]{6,}|\b[0-9a-f]{6,}\b", "ADDR", text)
    text = re.sub(r"<([^>+]*)\+0x[0-9a-f]+>", r"<\1+off>", text)
    return re.sub(r"\s+", " ", text)


def stats(vmlinux, func):
    insns = disasm(vmlinux, func)
    path = fall_through(insns)
    return {
        "size": size(vmlinux, func),
        "insns": len(insns),
        "path": len(path),
        "loads": sum(is_load(t) for t in path),
        "branches": sum(mnemonic(t).startswith("j") and not mnemonic(t).startswith("jmp")
                        for t in path),
        "calls": sum(mnemonic(t).startswith("call") for t in path),
        "text": [normalise(t) for t in path],
    }


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: bench-ipi.py STOCK_VMLINUX SERIES_VMLINUX FUNC...")
    stock, series, funcs = sys.argv[1], sys.argv[2], sys.argv[3:]
    keys = ["size", "insns", "path", "loads", "branches", "calls"]
    print("%-24s %-7s %6s %6s %6s %6s %9s %6s" %
          ("function", "kernel", *keys))
    diffs = []
    for f in funcs:
        s, p = stats(stock, f), stats(series, f)
        print("%-24s %-7s %6d %6d %6d %6d %9d %6d" % (f, "stock", *[s[k] for k in keys]))
        print("%-24s %-7s %6d %6d %6d %6d %9d %6d" % ("", "series", *[p[k] for k in keys]))
        print("%-24s %-7s %+6d %+6d %+6d %+6d %+9d %+6d" %
              ("", "delta", *[p[k] - s[k] for k in keys]))
        added = [t for t in p["text"] if t not in s["text"]]
        removed = [t for t in s["text"] if t not in p["text"]]
        diffs.append((f, added, removed))
    for f, added, removed in diffs:
        print()
        print("%s fall-through path, series against stock:" % f)
        for t in removed:
            print("  - " + t)
        for t in added:
            print("  + " + t)
        if not added and not removed:
            print("  (the same instructions)")


if __name__ == "__main__":
    main()
