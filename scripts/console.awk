# SPDX-License-Identifier: GPL-2.0
# A serial console log with each line whole:
#
#   LC_ALL=C awk -f scripts/console.awk LOG | tr -d '\r'
#
# Xen's console and its guests' share the serial port.  A line of Xen's
# starts at any point of a guest line that is not finished yet, after
# its text or in the middle of it, and the guest's rest (at least its
# CRs) comes on the first line after that is not Xen's:
#
#   [  214.125130] WARNING: ... remove_proc_ent(XEN) d1v1: upcall vector f3
#   ry+0x119/0x190
#
# (the 6.1 PVHVM domU, 2026-12-05).  Here the guest's line is joined
# again and Xen's lines follow it.  Each line of LOG gives one line out,
# so a line number of LOG (xen-boot.sh's "sent after console line N")
# still counts the same lines; only a guest line cut at the end of LOG
# gives two.  The firmware's screen control before Xen's first line
# ("Booting from ROM..\033c...(XEN) Xen version") is dropped instead.

{
	if (pend != "" && index($0, "(XEN) ") == 1) {
		xen[++n] = $0
		next
	}
	line = pend $0
	pend = ""
	i = index(line, "(XEN) ")
	if (i > 1 && index(substr(line, 1, i - 1), "\033") == 0) {
		pend = substr(line, 1, i - 1)
		xen[++n] = substr(line, i)
		next
	}
	if (i > 1)
		line = substr(line, i)
	print line
	for (k = 1; k <= n; k++)
		print xen[k]
	n = 0
}

END {
	if (pend != "")
		print pend
	for (k = 1; k <= n; k++)
		print xen[k]
}
