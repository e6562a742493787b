# A fake fail_function: the bring-up calls bind_ipi_to_irqhandler IPIS
# times and bind_virq_to_irqhandler VIRQS times; the call that finds
# "space" at 1 fails once ("times" goes to 0) and fails the write.
fake_debugfs
mkdir -p "$XHP_DEBUGFS/fail_function/bind_ipi_to_irqhandler" \
	"$XHP_DEBUGFS/fail_function/bind_virq_to_irqhandler"
cpuhp_thread_dir() { mkdir -p "$FX/proc/20"; echo "$FX/proc/20"; }
ff_online() {
	ff=$XHP_DEBUGFS/fail_function
	case $(cat "$ff/inject") in
	bind_ipi_to_irqhandler) calls=$IPIS ;;
	*) calls=$VIRQS ;;
	esac
	[ "$(cat "$ff/space")" -le "$calls" ] || return 0
	echo 0 >"$ff/times"
	return 1
}
failing_online() { ff_online; }
