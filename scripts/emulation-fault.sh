#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Did a red run die of the emulation under the guest rather than of the
# guest?  Used by xen-test.sh to run such a run again (twice at most).
#
#   scripts/emulation-fault.sh LOG VMLINUX GUEST [ALLOW_FILE]
#
# Under TCG, Xen traps and emulates every RDTSC of a PVH dom0 (qemu64 has
# no invariant TSC; the HVM domU avoids it with tsc_mode="native", dom0
# has no such knob).  Now and then a PVH dom0 vCPU then triple-faults on
# the instruction right after an emulated RDTSC, or after another exit
# to Xen (a hypercall's VMMCALL, an x2APIC WRMSR): an ordinary
# instruction, interrupts off, on a vCPU whose IDT was taking interrupts
# a moment before.  A guest cannot do that to itself.
#
# Sometimes the dump shows the guest vCPU at Xen's own code segment and
# RIP (cs e008, RIP and CR2 in Xen's text, CONTEXT "hvm guest"): the
# world switch itself was lost.  Each such dump kept (PVH dom0 and the
# PVHVM domU, 2026-12-04) had RIP ffff82d0402044a5, the instruction
# after the VMRUN of svm_asm_do_resume in Debian's Xen 4.17.  So the
# state saved for the guest was Xen's own state at that VMRUN: the fault
# is in the nested SVM (QEMU's TCG) under Xen, not in any guest.
#
# And QEMU itself, in any run, now and then dies of a crash signal (CI saw
# a SIGSEGV in the early boot of a PV dom0, once in several hundred
# runs); xen-boot.sh then appends the line of qemu_crash_line (lib.sh).
#
# Exactly these are recognised: that line, in any run; Xen stuck in its
# serial interrupt on a silent hang (below), in any run; a double fault
# of the callback vector taken twice (below), in a PVH or HVM run; and, in
# the first triple-fault dump of the log:
#   - in a PVH run, for a vCPU of dom0 (d0vN): RIP in the guest's kernel
#     right after an instruction that exits to Xen (found by
#     disassembling RIP's function in VMLINUX from its start): a
#     hypercall's VMMCALL; an RDTSC that ends exactly at RIP, or
#     rdtsc_ordered()'s "rdtsc" and three nops before RIP (which run as
#     "lfence; rdtsc"); a WRMSR to the x2APIC (ECX 0x800-0x8ff); an FPU
#     instruction at RIP itself, which Xen intercepts (#NM) to load the
#     FPU state lazily; or, with interrupts on, the first instruction
#     where an interrupt could be taken: after "sti; hlt", or after the
#     irq_enable call of pv_ops (patched to "sti");
#   - in an HVM run, for a vCPU of the domU (dNvM, N > 0): RIP right
#     after a hypercall's VMMCALL, as above;
#   - Xen's code segment (e008) and a RIP in Xen's text (ffff82d0...) in
#     a context of the vCPU that triple-faulted, for a vCPU of dom0 in a
#     PVH run or of the domU (dNvM, N > 0) in an HVM run.
# And never when the console showed a bad kernel line (verdict.sh's list,
# with ALLOW_FILE), a KTAP "not ok" or a "# xhp.failed" (a test that
# failed and has not said "not ok" yet) before the line or the dump: a
# fault the guest caused would look the same and vanish in the retry.
# Prints the evidence and exits 0; exits 1 for anything else.

log=${1:?usage: $0 LOG VMLINUX GUEST [ALLOW_FILE]}
vmlinux=${2:?usage: $0 LOG VMLINUX GUEST [ALLOW_FILE]}
guest=${3:?usage: $0 LOG VMLINUX GUEST [ALLOW_FILE]}
allow_file=${4:-}
[ -f "$log" ] && [ -f "$vmlinux" ] || exit 1

# The console without CRs, each line whole: a line of Xen's or dom0's
# can cut a guest's line in two (console.awk joins it again:
# "# xhp.resume=2.0.5.5\r(XEN) d1v0 Triple fault", make check of
# 2026-12-05).
con=$(mktemp)
trap 'rm -f "$con" "$con.before"' EXIT
LC_ALL=C awk -f "$(dirname "$0")/console.awk" "$log" >"$con"

# Exits 1 if the console showed a bad line, a "not ok", or a test's word
# that it failed before its "not ok" (faults.sh: "# xhp.failed") before
# line $1.
clean_before() {
	head -n $(($1 - 1)) "$con" >"$con.before"
	grep -a -q -E '^(not ok |# xhp\.failed$)' "$con.before" && exit 1
	"$(dirname "$0")/verdict.sh" "$con.before" 0 $allow_file | grep -q '^  console:' && exit 1
	return 0
}

# sym_at FILE ADDR: "START NAME" of the text symbol of FILE that ADDR
# (hex, no 0x) is in.
sym_at() {
	nm -n "$1" | awk -v r="$2" '
		BEGIN { r = sprintf("%016s", r); gsub(/ /, "0", r) }
		$2 ~ /^[tTwW]$/ && $1 <= r { s = $1 " " $3 } END { print s }'
}

host=$(grep -a -n -m1 -E '^xhp-host: QEMU died of SIG(ILL|ABRT|BUS|FPE|SEGV) \(exit [0-9]+\)$' "$con")
if [ -n "$host" ]; then
	clean_before "${host%%:*}"
	echo "QEMU itself died: ${host#*: QEMU died of }"
	exit 0
fi

# An event delivered twice: the guest's double fault, with the Xen
# callback vector taken at the first instruction of its own handler
# (asm_sysvec_xen_hvm_callback+0x0) with interrupts off.  An interrupt
# gate clears IF as it enters, so no guest code can take a maskable
# interrupt there: the delivery was injected again under it (seen in a
# 6.12 PVH dom0 and, 2026-12-03, a 6.1 PVHVM domU; the second entry,
# from kernel mode, runs on the user's GS base and faults until the
# entry stack runs out).  Only in the SVM guests, PVH and HVM.  The oops
# line is "Oops: double fault: 0000 [#1]" in 6.12, "double fault: 0000
# [#1]" in 6.1.
df=$(grep -a -n -m1 -E '^\[ *[0-9.]+\] (Oops: )?double fault: [0-9a-f]+ \[#[0-9]+\]' "$con" | cut -d: -f1)
if [ -n "$df" ]; then
	case $guest in pvh | hvm) ;; *) exit 1 ;; esac
	clean_before "$df"
	fl=$(tail -n +"$df" "$con" |
		grep -a -A3 -m1 -E '^\[ *[0-9.]+\] RIP: 0010:asm_sysvec_xen_hvm_callback\+0x0/' |
		sed -n -E 's/.* EFLAGS: ([0-9a-f]+).*/\1/p' | head -n 1)
	[ -n "$fl" ] && [ $((0x$fl & 0x200)) = 0 ] || exit 1
	echo "double fault: the Xen callback vector taken again at its handler's first instruction, interrupts off (EFLAGS $fl)"
	exit 0
fi

# Xen itself stuck: a silent hang (xen-boot.sh sent Xen's debug keys on
# a console silent for XHP_SILENT s) after which Xen printed nothing,
# and QEMU's monitor had one of Xen's CPUs in Xen's
# serial_tx_interrupt() (code segment e008) with interrupts off:
# spinning for the serial transmit lock, which none of the running CPUs
# held, so nothing that Xen or its guests print comes out (the stock
# kernel, 2026-12-04, a FIFO PVH dom0: Xen's CPU0 there, CPUs 1 and 2
# halted in Xen's idle loop, CPU3 in dom0's user mode, right after Xen
# printed "d0v2: upcall vector f3" for CPU 2's bring-up).  Whether Xen
# answered is verdict.sh's judgement of the hang.  Where xen-boot.sh
# asked the monitor a second time ("QEMU's monitor 5 s later:"), that
# CPU must be there again, interrupts off.  Xen's symbols: XHP_XEN_SYMS
# (Debian's /boot/xen-4.17-amd64.efi has them).
deaf=$("$(dirname "$0")/verdict.sh" "$con" 124 $allow_file | head -n 1 |
	sed -n -E "s/.*Xen did not answer its debug keys \(no line of Xen's after console line ([0-9]+)\).*/\1/p")
if [ -n "$deaf" ]; then
	clean_before $((deaf + 1))
	xsyms=${XHP_XEN_SYMS:-/boot/xen-4.17-amd64.efi}
	[ -f "$xsyms" ] || exit 1
	# in_tx LINE: "N:RIP" of each CPU that LINE (a monitor line of the
	# console) has in serial_tx_interrupt, interrupts off.
	in_tx() {
		local c
		for c in $(echo "$1" | sed -e "s/^xhp-host: QEMU's monitor[^:]*: //" -e 's/;.*//' |
			tr ',' '\n' | sed -n -E 's/^ *CPU([0-9]+) e008:([0-9a-f]+) IF0 .*/\1:\2/p'); do
			[ "$(sym_at "$xsyms" "${c#*:}" | cut -d' ' -f2)" != serial_tx_interrupt ] || echo "$c"
		done
	}
	later=$(grep -a -m1 -E "^xhp-host: QEMU's monitor [0-9.]+ s later: CPU" "$con") || true
	for cpu in $(in_tx "$(grep -a -m1 "^xhp-host: QEMU's monitor: CPU" "$con")"); do
		if [ -z "$later" ] || in_tx "$later" | grep -q "^${cpu%%:*}:"; then
			echo "silent hang: Xen's CPU${cpu%%:*} spinning in serial_tx_interrupt with interrupts off (RIP ${cpu#*:}), Xen deaf to its debug keys"
			exit 0
		fi
	done
	exit 1
fi

# The HVM vCPUs of each guest type: PVH dom0's, the domU's (dom0 is PV).
case $guest in
pvh) vcpu='d0v' ;;
hvm) vcpu='d[1-9][0-9]*v' ;;
*) exit 1 ;;
esac
at=$(grep -a -n -m1 -E '^\(XEN\) d[0-9]+v[0-9]+ Triple fault' "$con" | cut -d: -f1)
[ -n "$at" ] || exit 1
dump=$(sed -n "$at,$((at + 8))p" "$con")
id=$(echo "$dump" | head -n 1 | sed -n 's/^(XEN) \(d[0-9]*v[0-9]*\) Triple fault.*/\1/p')
[[ $id =~ ^${vcpu}[0-9]+$ ]] || exit 1

clean_before "$at"

rip=$(echo "$dump" | sed -n 's/^(XEN) RIP: *[0-9a-f]*:\[<\([0-9a-f]*\)>\].*/\1/p' | head -n 1)
[ -n "$rip" ] || exit 1
if echo "$dump" | grep -q '^(XEN) RIP: *e008:\[<ffff82d0' &&
	echo "$dump" | grep -q "CONTEXT: hvm guest ($id)"; then
	echo "triple fault of a guest vCPU dumped with Xen's code segment (RIP $rip)"
	exit 0
fi
# Interrupts on or off (RFLAGS.IF): with them on, an event delivered at
# RIP could fault too, but each kind below was seen so on the stock
# kernel (the RDTSC and the x2APIC WRMSR) or in the series.
# The function of RIP, from its start: instruction boundaries are known
# only from there.
start=$(sym_at "$vmlinux" "$rip" | cut -d' ' -f1)
[ -n "$start" ] || exit 1
# The function up to 16 bytes past RIP, as objdump prints it, and one
# instruction a line as "OFFSET MNEMONIC" with OFFSET = RIP minus the
# instruction's address.
dis=$(objdump -d --start-address="0x$start" --stop-address="$(printf 0x%x $((0x$rip + 16)))" "$vmlinux" 2>/dev/null |
	grep -E '^ *[0-9a-f]+:')
insns=$(echo "$dis" |
	awk -F'\t' '{ a = $1; sub(/:.*/, "", a); gsub(/ /, "", a); m = $3; sub(/ .*/, "", m); print a, m }' |
	while read -r a m; do echo "$((0x$rip - 0x$a)) $m"; done)
# The last four instructions before RIP, and the one at RIP itself.
prev=$(echo "$insns" | awk '$1 > 0' | tail -n 4)
cur=$(echo "$insns" | awk '$1 == 0 { print $2; exit }')
fn=$(addr2line -f -e "$vmlinux" "0x$rip" | head -n 1)
# A hypercall: its VMMCALL exits to Xen, and the vCPU died on the
# instruction after it (seen at the "ret" of 6.12's xen_hypercall_amd(),
# 2026-12-04, in PVH dom0 with interrupts off and, in EVTCHNOP_close on
# d0v0, on; the stock kernel too; 2026-12-05 in the PVHVM domU, d1v1
# after VCPUOP_set_singleshot_timer, interrupts off: the same exit and
# VMRUN back in Xen's SVM code).  With interrupts on, an event delivered
# there could fault too, but a triple fault needs the delivery of the
# double fault to fail as well: the IDT, GDT or #DF stack of a vCPU
# that was taking interrupts a moment before, which no guest code
# touches on the way back from a hypercall.
if [ "$(echo "$prev" | tail -n 1)" = "3 vmmcall" ]; then
	echo "triple fault right after a hypercall's VMMCALL (RIP $rip in $fn)"
	exit 0
fi
# The other exits below: PVH dom0 only.  The domU does not trap RDTSC
# (tsc_mode="native"), and it has not died of the others.
[ "$guest" = pvh ] || exit 1
# An FPU instruction at RIP: Xen loads a vCPU's FPU state lazily and
# intercepts its first FPU instruction (#NM), which faults and runs
# again after the exit (seen at the fnclex of restore_fpregs_from_fpstate()
# on a vCPU just brought up, interrupts on, 2026-12-04).
case $cur in
fnclex | fninit | frstor | fxrstor | fxrstor64 | xrstor | xrstor64 | xrstors | xrstors64)
	echo "triple fault at an FPU instruction, which Xen intercepts to load the FPU state (RIP $rip in $fn: $cur)"
	exit 0
	;;
esac
# An RDTSC that ends at RIP, unless three one-byte nops follow it: that
# is rdtsc_ordered()'s form below, and RIP would be inside its lfence.
# With interrupts on too: the stock kernel died so (2026-12-04, a 6.12
# PVH dom0 on FIFO: d0v0 right after add_device_randomness()'s RDTSC,
# RFLAGS 0x296, just after CPU 3's bring-up), as the series did (d0v0
# after pvclock_clocksource_read's rdtsc_ordered(), RFLAGS 0x202).
next=$(echo "$insns" | awk '$1 <= 0 && $1 >= -2 && $2 == "nop"' | wc -l)
if [ "$(echo "$prev" | tail -n 1)" = "2 rdtsc" ] && [ "$next" != 3 ]; then
	echo "triple fault right after an emulated RDTSC (RIP $rip in $fn)"
	exit 0
fi
# rdtsc_ordered(): vmlinux holds "rdtsc" padded with three one-byte nops,
# which alternatives patch to "lfence; rdtsc" when the CPU has
# X86_FEATURE_LFENCE_RDTSC and not RDTSCP, as xen-boot.sh's
# "-cpu qemu64,+npt" (with RDTSCP, "rdtscp" would end at RIP-2): that
# RDTSC ends at RIP too.
if [ "$(echo "$prev" | paste -s -d " ")" = "5 rdtsc 3 nop 2 nop 1 nop" ]; then
	echo "triple fault right after an emulated RDTSC (RIP $rip in $fn, rdtsc_ordered patched to lfence; rdtsc)"
	exit 0
fi
# A WRMSR to the x2APIC (MSRs 0x800-0x8ff, ECX in the dump), which Xen
# emulates: another exit (seen at the "ret" of native_apic_msr_eoi(),
# interrupts off, 2026-12-04; and on the stock kernel right after
# native_write_msr()'s WRMSR to the ESR, 0x828, RFLAGS 0x206, while
# CPU 2 came up).  Other MSRs may be written without an exit.
ecx=$(echo "$dump" | sed -n 's/^(XEN) .*rcx: *\([0-9a-f]*\).*/\1/p' | head -n 1)
if [ "$(echo "$prev" | tail -n 1)" = "2 wrmsr" ] && [ -n "$ecx" ] &&
	[ $((0x$ecx & 0xffffffff)) -ge $((0x800)) ] && [ $((0x$ecx & 0xffffffff)) -le $((0x8ff)) ]; then
	printf 'triple fault right after a WRMSR to x2APIC MSR 0x%x, emulated by Xen (RIP %s in %s)\n' \
		$((0x$ecx & 0xffffffff)) "$rip" "$fn"
	exit 0
fi
# An interrupt delivered at the first instruction where the vCPU could
# take one, interrupts on: right after the "sti; hlt" of
# pv_native_safe_halt() (HLT exits to Xen, which wakes the vCPU with
# the interrupt; seen in the series, 2026-12-04, d0v3, RFLAGS 0x246,
# just after CPU 2's bring-up), or right after the irq_enable call of
# local_irq_restore(), which alternatives patch to "sti" and a 5-byte
# nop in a PVH guest, so the interrupt shadow ends at RIP (the stock
# kernel, 2026-12-04, d0v2 in lock_is_held_type(), RFLAGS 0x206, while
# CPU 2 came up).  The call is known by its pv_ops slot, which holds
# pv_native_irq_enable in VMLINUX.
flags=$(echo "$dump" | sed -n 's/^(XEN) RFLAGS: *\([0-9a-f]*\).*/\1/p' | head -n 1)
if [ -n "$flags" ] && [ $((0x$flags & 0x200)) != 0 ]; then
	if [ "$(echo "$prev" | tail -n 2 | paste -s -d ' ')" = "2 sti 1 hlt" ]; then
		echo "triple fault as an interrupt woke the vCPU from sti; hlt (RIP $rip in $fn)"
		exit 0
	fi
	if [ "$(echo "$prev" | tail -n 1)" = "6 call" ]; then
		slot=$(echo "$dis" | grep -E "^ *$(printf %x $((0x$rip - 6))):" |
			sed -n -E 's/.*call +\*0x[0-9a-f]+\(%rip\) +# ([0-9a-f]+) <.*/\1/p')
		# The slot's 8 bytes, little-endian, as a 16-digit address.
		held=$([ -z "$slot" ] || objdump -s --start-address="0x$slot" --stop-address="$(printf 0x%x $((0x$slot + 8)))" "$vmlinux" |
			awk '/^ [0-9a-f]+ / { print $2 $3; exit }' | sed -E 's/(..)/\1 /g' |
			awk '{ for (i = NF; i > 0; i--) printf "%s", $i; print "" }')
		if [ ${#held} = 16 ] && nm "$vmlinux" | grep -q "^$held [tT] pv_native_irq_enable$"; then
			echo "triple fault as interrupts were enabled (RIP $rip in $fn, after the irq_enable call patched to sti)"
			exit 0
		fi
	fi
fi
exit 1
