# SPDX-License-Identifier: GPL-2.0
# A serial console log with each line whole and without its CRs (the
# serial console ends lines with CR LF):
#
#   LC_ALL=C awk -f scripts/console.awk LOG
#
# Several writers share the serial port: Xen ("(XEN) ..."), and in an
# HVM run dom0, which prints its own lines ("xhp-dom0: ...") and relays
# the domU's console; the host adds its notes ("xhp-host: ...").  A line
# of another writer can start at any point of a guest line that is not
# finished yet, after its text or in the middle of it, and the guest's
# rest (at least its CRs) comes on the first line after that is not
# another writer's:
#
#   [  214.125130] WARNING: ... remove_proc_ent(XEN) d1v1: upcall vector f3
#   ry+0x119/0x190
#
# (the 6.1 PVHVM domU, 2026-12-05; the same day four of dom0's lines and
# one of Xen's came between "at fs/proc" and "/generic.c:734").  Here the
# guest's line is joined again and the other lines follow it.  Each line
# of LOG gives one line out, so a line number of LOG (xen-boot.sh's "sent
# after console line N") still counts the same lines; only a guest line
# cut at the end of LOG gives two.  The firmware's screen control before
# Xen's first line ("Booting from ROM..\033c...(XEN) Xen version") is
# dropped instead.

# The start of another writer's line in $1: its position, or 0.
function other(s) {
	return match(s, /\(XEN\) |xhp-dom0: |xhp-host: /) ? RSTART : 0
}

function out(s) {
	gsub(/\r/, "", s)
	print s
}

{
	if (pend != "" && other($0) == 1) {
		cut[++n] = $0
		next
	}
	line = pend $0
	pend = ""
	i = other(line)
	if (i > 1 && index(substr(line, 1, i - 1), "\033") == 0) {
		pend = substr(line, 1, i - 1)
		cut[++n] = substr(line, i)
		next
	}
	if (i > 1)
		line = substr(line, i)
	out(line)
	for (k = 1; k <= n; k++)
		out(cut[k])
	n = 0
}

END {
	if (pend != "")
		out(pend)
	for (k = 1; k <= n; k++)
		out(cut[k])
}
