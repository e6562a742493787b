# Sourced by the round-trip fixtures: a boot killed in the middle of a
# part, then the part taken up at the last token the killed boot printed.
#   tick: one unit of the part's work begins; the DIE_AT-th kills the
#         "boot" (the subshell that runs the part), like the emulation.
#   roundtrip PART_FUNCTION: both boots; each tick goes in $FX/ticks.
tick() {
	echo x >>"$FX/ticks"
	[ "$(wc -l <"$FX/ticks")" != "${DIE_AT:-0}" ] || exit 0
}
roundtrip() {
	out=$("$1")
	echo "$out"
	tok=$(echo "$out" | sed -n 's/^# xhp\.resume=//p' | tail -n 1)
	echo "# killed after $(wc -l <"$FX/ticks") ticks, taken up at $tok"
	DIE_AT=
	XHP_RESUME=$tok "$1"
	echo "# ticks in all: $(wc -l <"$FX/ticks")"
}
