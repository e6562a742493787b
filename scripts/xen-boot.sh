#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 4b: boot Debian's Xen 4.17 under QEMU (TCG) with one dom0 kernel.
#
#   scripts/xen-boot.sh GUEST BZIMAGE INITRD LOG [KERNEL_ARGS...]
#
# GUEST is pv (PV dom0), pvh (PVH dom0) or hvm: a PVHVM domU, the guest
# type our users run.  For pv and pvh, the test runs in dom0 itself.  For
# hvm, dom0 (PV, same kernel) boots the root of dom0root.sh with
# scripts/dom0/init, which creates the domU with xl: BZIMAGE booted as an
# HVM guest, INITRD as its initramfs, KERNEL_ARGS on its command line; the
# domU's console is copied onto dom0's; after the domU, dom0 takes its own
# vCPUs down and up with xl vcpu-set (XHP_VCPUSET_CYCLES, default 3; 0
# skips it).  The exact QEMU command is written to LOG.cmd, the serial
# console (Xen and dom0) to LOG.  QEMU runs under a hard timeout
# (XHP_TIMEOUT seconds, default 900); a dom0 that panics or reboots ends
# the run (panic=-1 and -no-reboot).  Exit status: QEMU's, or 124 on
# timeout.
#
# No usable KVM is normal here: everything runs under TCG.  Xen needs
# -cpu qemu64,+npt: -cpu max and EPYC fault in PV and PVH dom0.
# XHP_ACCEL overrides the accelerator options (e.g. tcg,thread=single).
#
# A guest that stalls (an RCU stall, a hung task) or hangs silently (no
# console output for XHP_SILENT seconds, default 600, once a test runs)
# gets Xen's state dumped on the console before QEMU is stopped: the
# keys below are sent on the serial line.  A silent hang then ends the
# run as a hang (exit 124), XHP_DUMP_GRACE seconds (default 60) after
# the keys, instead of at the hard timeout (if it began XHP_SILENT
# seconds before that); before QEMU is stopped, its monitor (a socket)
# is asked where each of Xen's physical CPUs is ("info registers -a",
# twice, XHP_MONITOR_GAP seconds (5) apart, both kept in LOG.monitor),
# which still tells something when Xen does not answer its keys: a CPU
# at the same place both times may be stuck there.  In the HVM runs
# the lines of dom0's watcher (xhp-dom0:) do not count: the domU's
# silence does.  XHP_QEMU replaces qemu-system-x86_64 (selftest boot).

. "$(dirname "$0")/lib.sh"

guest=${1:-}
kernel=${2:-}
initrd=${3:-}
log=${4:-}
[ -n "$log" ] || die "usage: $0 pv|pvh BZIMAGE INITRD LOG [KERNEL_ARGS...]"
shift 4
need python3
qemu_bin=${XHP_QEMU:-}
if [ -z "$qemu_bin" ]; then
	need qemu-system-x86_64
	qemu_bin=qemu-system-x86_64
fi
[ -x "$(command -v "$qemu_bin")" ] || die "XHP_QEMU=$qemu_bin: not a program"
silent=${XHP_SILENT:-600}
[[ $silent =~ ^[1-9][0-9]*$ ]] || die "XHP_SILENT: seconds of console silence; got '$silent'"
gap=${XHP_KEY_GAP:-3}
[[ $gap =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "XHP_KEY_GAP: seconds between two keys; got '$gap'"
dump_grace=${XHP_DUMP_GRACE:-60}
[[ $dump_grace =~ ^[0-9]+$ ]] || die "XHP_DUMP_GRACE: seconds; got '$dump_grace'"
[ -f /boot/xen-4.17-amd64.gz ] || die "Xen not found; install it with: apt-get install xen-hypervisor-4.17-amd64"
[ -f "$kernel" ] || die "no kernel at $kernel"
[ -f "$initrd" ] || die "no initramfs at $initrd"
io=$(mktemp -d)
trap 'rm -rf "$io"' EXIT

# QEMU's multiboot loader wants the ELF image, not the gzip.
xen=$XHP_CACHE/xen-4.17-amd64.elf
if [ ! -f "$xen" ] || [ /boot/xen-4.17-amd64.gz -nt "$xen" ]; then
	mkdir -p "$XHP_CACHE"
	zcat /boot/xen-4.17-amd64.gz >"$xen.tmp" && mv "$xen.tmp" "$xen"
fi

xen_args="console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M dom0_max_vcpus=4 loglvl=all guest_loglvl=all"
dev_args=()
mem=2048
# log_buf_len: the guest prints every warning-level line of the test from
# dmesg afterwards (scripts/guest/init); a fault run's hundreds of
# allowed reports overflowed the default buffer, and the dump began in
# the middle of one, with no header to match an allow rule.
kargs="console=hvc0 earlyprintk=xen panic=-1 log_buf_len=8M $*"
case $guest in
pv) ;;
pvh)
	xen_args="$xen_args dom0=pvh"
	dev_args=(-device intel-iommu,intremap=on)
	;;
hvm)
	# dom0: the toolstack root, then /init and /xhp/ of this run.
	root=$("$XHP_TOP/scripts/dom0root.sh")
	mem=3072
	over=$io/over
	mkdir -p "$over/xhp"
	cp "$XHP_TOP/scripts/dom0/init" "$over/init"
	cp /bin/busybox "$over/xhp/busybox"
	# dom0 destroys a domU still running this long before QEMU's end.
	echo $((${XHP_TIMEOUT:-900} - 60)) >"$over/xhp/timeout"
	# dom0's own test after the domU: xl vcpu-set cycles (dom0/init).
	echo "${XHP_VCPUSET_CYCLES:-3}" >"$over/xhp/vcpu-set"
	# dom0's end of the evtchn test's events from another domain
	# (evtchn-pingpong flood, started by dom0/init; xhp.flood=1 on the
	# domU's command line tells the test that dom0 sends).
	guest_cc "$XHP_TOP/scripts/guest/evtchn-pingpong.c" "$over/xhp/evtchn-pingpong"
	cp "$kernel" "$over/xhp/bzImage"
	[ -f "$(dirname "$kernel")/System.map" ] && cp "$(dirname "$kernel")/System.map" "$over/xhp/"
	cp "$initrd" "$over/xhp/initrd"
	# tsc_mode: QEMU's qemu64 CPU has no invariant TSC, so Xen's default
	# traps and emulates every RDTSC of an HVM guest; each pvclock read
	# became a VM exit under TCG, and the domU took minutes to get past
	# the clocksource switch.  "native" lets it read the TSC directly: the
	# domU reached the test in about 30 s of its own time.
	# Under nested emulation each port access of the domU is a round trip
	# through qemu-xen in dom0: ACPI and PCI probing can hold a CPU for
	# longer than RCU's default 21 s stall timeout; 300 s still catches a
	# hang.  Two vCPUs: with four, the domU's boot spends minutes in
	# stop_machine() with every vCPU spinning on two host cores.
	cat >"$over/xhp/domu.cfg" <<-EOF
		# The PVHVM domU: an HVM guest with the Xen vector callback.
		name = "xhp"
		type = "hvm"
		memory = 512
		vcpus = ${XHP_DOMU_VCPUS:-2}
		maxvcpus = ${XHP_DOMU_VCPUS:-2}
		kernel = "/xhp/bzImage"
		ramdisk = "/xhp/initrd"
		cmdline = "console=hvc0 panic=-1 log_buf_len=8M rcupdate.rcu_cpu_stall_timeout=300 xhp.flood=1 $*"
		xen_platform_pci = 1
		tsc_mode = "${XHP_TSC_MODE:-native}"
		vga = "none"
		nographic = 1
		vnc = 0
		sdl = 0
		serial = "none"
		on_poweroff = "destroy"
		on_reboot = "destroy"
		on_crash = "destroy"
	EOF
	initrd=$XHP_CACHE/dom0root/run.cpio
	{
		cat "$root"
		(cd "$over" && find . | cpio -o -H newc --quiet -R 0:0)
	} >"$initrd"
	# dom0 is mostly the harness here: it hot-plugs only in its xl
	# vcpu-set test, after the domU.  Its lockdep is off: 6.12's gntdev
	# takes priv->lock under mmap_lock in gntdev_mmap() and mmap_lock
	# under priv->lock in gntdev_ioctl(), and xenstored hits both at
	# domU creation.
	kargs="console=hvc0 earlyprintk=xen panic=-1 lockdep.prove_locking=0"
	;;
*) die "unknown GUEST '$guest'; use pv, pvh or hvm" ;;
esac

cmd=(timeout -k 10 "${XHP_TIMEOUT:-900}"
	"$qemu_bin" -accel "${XHP_ACCEL:-tcg}" -machine q35 -cpu qemu64,+npt -smp 4 -m "$mem"
	"${dev_args[@]}" -nographic -no-reboot -monitor "unix:$io/monitor,server=on,wait=off" -serial stdio
	-kernel "$xen" -append "$xen_args"
	-initrd "$kernel $kargs,$initrd")

mkdir -p "$(dirname "$log")"
printf '%q ' "${cmd[@]}" >"$log.cmd"
echo >>"$log.cmd"
# The console is watched: once it shows the end marker, a panic, or a
# sign the guest will not recover from (a BUG, an Oops, a lockdep report,
# a hung task, an RCU stall, list corruption), QEMU has XHP_GRACE seconds
# to finish by itself (a panic inside a panic can leave dom0 spinning
# instead of rebooting), then it is stopped.  A red run thus ends in
# seconds instead of at the timeout; verdict.sh judges what was printed.
# WARNING does not end a run: a few are allowed (verdict.sh); but one
# from Xen code (drivers/xen/, arch/x86/xen/) never is, and the guest may
# hang silently after it (6.1's dead-path-free mutant sat 15 minutes at
# the timeout after its xen_send_IPI_one() warning), so that one does.
# In the HVM runs dom0 tests on after the domU's end marker; its own
# "xhp-dom0: done" ends the run.
done_re='^xhp: done rc='
[ "$guest" = hvm ] && done_re='^xhp-dom0: done'
endings="$done_re|Kernel panic - not syncing|kernel BUG at|Oops|"
endings+='possible (circular|recursive) locking|inconsistent lock state|'
# A stall or a hung task also gets Xen's dump (below).
stalls='INFO: task .* blocked for more than|rcu: INFO: .* stall'
endings+="$stalls|"
endings+='list_(add|del) corruption|Triple fault|Dom0 crashed|'
endings+='WARNING: CPU: [0-9]+ PID: [0-9]+ at (drivers/xen|arch/x86/xen)/'
# Where the run is, for a note every 25 s on stderr (no step may be
# silent for 30 s, gaps.sh).
phase() {
	local tests plan name
	if grep -a -q '^xhp: running' "$log"; then
		# The test running now (of several in one boot, the last started):
		# its results so far, of its plan.
		name=$(grep -a '^xhp: running ' "$log" | tail -n 1 | awk '{ print $3 }')
		tests=$(awk '/^xhp: running / { n = 0 } /^(ok|not ok) [0-9]+/ { n++ } END { print n + 0 }' "$log")
		plan=$(awk '/^xhp: running / { p = "" } /^1\.\.[0-9]+/ && p == "" { p = substr($0, 4); sub(/[^0-9].*/, "", p) } END { print p }' "$log")
		echo "test running ($name), $tests of ${plan:-?} results"
	elif grep -a -q '^xhp-dom0: domU created' "$log"; then
		echo "domU booting"
	elif grep -a -q 'Linux version' "$log"; then
		echo "dom0 booting"
	elif grep -a -q '^(XEN) ' "$log"; then
		echo "Xen booting"
	else
		echo "QEMU starting"
	fi
}

# Xen's debug keys: Ctrl-A three times switches the serial console's
# input from dom0 to Xen; then 0 dumps dom0's vCPUs (registers, and a
# PV dom0's stack), q each domain's vCPUs (running, blocked, pending and
# masked upcalls), r the scheduler's run queues, e every event channel
# (bound to which vCPU, pending, masked), d each physical CPU.  Xen
# runs q, r and e later, from a tasklet that remembers one key: a key
# sent before it ran replaced the one before (a real run showed 0, e
# and d only), so the keys go XHP_KEY_GAP seconds (3) apart.
keys='0 q r e d'
# The serial line's input: a pipe held open here, so QEMU never reads
# an end of file and the keys can be written into it at any time.
mkfifo "$io/serial-in"
exec {keyfd}<>"$io/serial-in"
dumped= why= keypid= mon_lines=
dump() {
	local k
	dumped=$(wc -l <"$log")
	{
		printf '\001\001\001'
		for k in $keys; do
			sleep "$gap"
			printf '%s' "$k"
		done
	} >&"$keyfd" &
	keypid=$!
	why=$1
}

# The log exists, empty, before the watch below first reads it: QEMU's
# redirection opens it in the background, maybe later.
: >"$log"
# ask_monitor [WHEN]: QEMU's registers of each CPU appended to
# LOG.monitor, and a line for the console saying where each CPU was
# ("CPU0 e008:RIP IF0 HLT0": code segment, RIP, RFLAGS.IF, halted), or
# that the monitor did not answer; WHEN (" 5 s later") follows "monitor".
ask_monitor() {
	local cpus ans=$io/monitor-answer
	if timeout 20 python3 "$XHP_TOP/scripts/qemu-monitor.py" "$io/monitor" 'info registers -a' >"$ans" 2>&1; then
		[ -z "${1:-}" ] || echo "# QEMU's monitor$1:" >>"$log.monitor"
		cat "$ans" >>"$log.monitor"
		cpus=$(tr -d '\r' <"$ans" | awk '
			/^CPU#[0-9]+/ { c = substr($1, 5) }
			/^[RE]IP=/ {
				rip = substr($1, 5); fl = "0"; h = "?"
				for (i = 2; i <= NF; i++) {
					if ($i ~ /^RFL=/) fl = substr($i, 5)
					if ($i ~ /^HLT=/) h = substr($i, 5)
				}
				# RFLAGS.IF, bit 9: bit 1 of the third hex digit from the right.
				d = index("0123456789abcdef", substr(fl, length(fl) - 2, 1)) - 1
				ifl = int(d / 2) % 2
			}
			/^CS *=/ {
				cs = $0; sub(/^CS *=/, "", cs); sub(/ .*/, "", cs)
				printf "%sCPU%s %s:%s IF%d HLT%s", sep, c, substr(cs, length(cs) - 3), rip, ifl, h
				sep = ", "
			}')
		mon_lines+="xhp-host: QEMU's monitor${1:-}: ${cpus:-no CPU found}; their registers in $(basename "$log").monitor"$'\n'
	else
		mon_lines+="xhp-host: QEMU's monitor${1:-} did not answer 'info registers -a' in 20 s"$'\n'
	fi
}
monitor_gap=${XHP_MONITOR_GAP:-5}

"${cmd[@]}" <"$io/serial-in" >"$log" 2>&1 &
qemu=$!
ended= hung= grace=${XHP_GRACE:-15} t0=$SECONDS told=$SECONDS
loglines=0 heard=$SECONDS
while kill -0 "$qemu" 2>/dev/null; do
	if [ $((SECONDS - told)) -ge 25 ]; then
		note "$(basename "$log" .log): $(phase), $((SECONDS - t0)) s"
		told=$SECONDS
	fi
	# dom0's own lines in the HVM runs (xhp-dom0:, its watcher prints
	# every 120 s) are not the guest's: a domU that hangs while dom0
	# goes on printing is silent.
	now=$(grep -a -c -v '^xhp-dom0:' "$log" 2>/dev/null) || true
	[ "$now" = "$loglines" ] || { loglines=$now heard=$SECONDS; }
	if [ -z "$ended" ] && grep -a -q -E "$endings" "$log"; then
		ended=$SECONDS
		stall=$(grep -a -m 1 -o -E "$stalls" "$log") || true
		if [ -n "$stall" ]; then
			dump "$stall"
			grace=$dump_grace
		fi
	fi
	if [ -z "$ended" ] && [ $((SECONDS - heard)) -ge "$silent" ] && grep -a -q '^xhp: running' "$log"; then
		ended=$SECONDS hung=1
		dump "the console was silent for $silent s during the test"
		grace=$dump_grace
	fi
	if [ -n "$ended" ] && [ $((SECONDS - ended)) -ge "$grace" ]; then
		if [ -n "$hung" ]; then
			rm -f "$log.monitor"
			ask_monitor
			sleep "$monitor_gap"
			ask_monitor " $monitor_gap s later"
		fi
		kill "$qemu" 2>/dev/null
		break
	fi
	sleep 1
done
rc=0
wait "$qemu" || rc=$?
# Keys not sent yet go unsent: QEMU is gone.
[ -z "$keypid" ] || { kill "$keypid" 2>/dev/null || true; wait "$keypid" 2>/dev/null || true; }
exec {keyfd}>&-
# QEMU that died of a crash signal says so, even in the grace after an
# end (a crash while Xen prints its dump).
qemu_crash_line "$rc" >>"$log"
# Stopped by us after the end: not a time-out.  A silent hang is one.
[ -n "$ended" ] && [ "$rc" != 124 ] && rc=0
[ -z "$hung" ] || rc=124
[ -z "$dumped" ] ||
	echo "xhp-host: Xen's debug keys 0 q r e d sent after console line $dumped: $why" >>"$log"
printf '%s' "$mon_lines" >>"$log"
exit $rc
