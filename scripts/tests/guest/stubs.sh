# Stubs shared by the fixtures (busybox sh, sourced after the test).

# A fake cpu1 and the hot-plug states every base has.
mkdir -p "$XHP_CPUDIR/cpu1/hotplug" "$XHP_CPUDIR/hotplug"
echo 0 >"$XHP_CPUDIR/cpu1/online"
echo 0 >"$XHP_CPUDIR/cpu1/hotplug/target"
cat >"$XHP_CPUDIR/hotplug/states" <<'EOS'
  0: offline
 49: x86/xen/guest:prepare
 50: xen/evtchn:prepare
 51: x86/xen/guest:channels
235: online
EOS

# debugfs as the test config gives it.
fake_debugfs() {
	for d in failslab fail_page_alloc fail_function; do mkdir -p "$XHP_DEBUGFS/$d"; done
}

# The CPU's state and lines: always clean.
set_online() { :; }
is_online() { return 1; }
has_ipis() { :; }
xen_line_count() { echo 12; }
attempt_clean() { :; }
retry_online() { :; }
injected_clean() { :; }
sleep() { :; }

# fake_nth SITES FAILED: a bring-up with SITES fault sites, the first
# FAILED of which fail the write when injected.
fake_nth() {
	nth_sites=$1 nth_failed=$2
	fail_nth() {
		if [ "$1" -gt "$nth_sites" ]; then echo "write ok injected no"
		elif [ "$1" -le "$nth_failed" ]; then echo "write ENOMEM injected yes"
		else echo "write ok injected yes"
		fi
	}
}

# evtchn-raw: the domain's port limit comes first (a domU), unless
# fake_pages says otherwise.
start_raw() {
	echo "limit 1013 errno 28" >"$2"
	raw=
}

# fake_pages PAGES [BLOCKS]: evtchn-raw reaches the end of each block up
# to BLOCKS (default 16), and the bring-up allocates PAGES pages, the
# one that "space" points at failing the write ("times" to 0).
fake_pages() {
	fp_pages=$1 fp_blocks=${2:-16}
	start_raw() {
		if [ $(($1 / 1024 + 1)) -le "$fp_blocks" ]; then
			echo "upto $1 ports 900" >"$2"
			(while :; do /bin/busybox sleep 1; done) &
		else
			echo "limit $((fp_blocks * 1024)) errno 28" >"$2"
			/bin/busybox true &
		fi
		raw=$!
	}
	failing_online() {
		[ "$(cat "$XHP_DEBUGFS/fail_page_alloc/space")" -le "$fp_pages" ] || return 0
		echo 0 >"$XHP_DEBUGFS/fail_page_alloc/times"
		return 1
	}
}

# fake_hog ERRNO BINDS: evtchn-hog fills the domain and stops on ERRNO;
# a bring-up needs BINDS free ports.
fake_hog() {
	hog_errno=$1 hog_binds=$2
	start_hog() {
		left=$1
		echo "full: 4090 ports bound, errno $hog_errno (fake), $1 left" >"$2"
		(while :; do /bin/busybox sleep 1; done) &
		hog=$!
	}
	try_online() { [ "$left" -ge "$hog_binds" ]; }
}
