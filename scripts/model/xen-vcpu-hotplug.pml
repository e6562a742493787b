/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen vCPU bring-up, teardown and IPI contract, for SPIN.
 *
 * One control CPU walks the cpuhp states of NAP application processors
 * up and down to targets it chooses, as writes to
 * /sys/devices/system/cpu/cpuN/hotplug/target do; failures can be
 * injected at every step; senders pick CPUs from cpu_online_mask and send
 * them IPIs meanwhile.  Documentation/arch/x86/xen-vcpu-hotplug-model.rst
 * maps every state and inline below to the kernel code.
 *
 * The code under check, one of:
 *   -DSERIES      Debian 6.1/6.12 with our series, v2 (the default): the
 *                 channels bound and freed by CPUHP_XEN_CHANNELS_PREPARE
 *   -DV1          with v1 of the series: bound by CPUHP_XEN_PREPARE and
 *                 freed by its teardown, the kicker in the online state
 *   -DSTOCK       Debian 6.1/6.12 as shipped
 *   -DORDER2013   the 2013 ordering: IPIs bound after the CPU is online
 * The guest type: -DPV for the PV callbacks, else PVHVM/PVH.  The event
 * ABI: -DTWOLEVEL for the 2-level one (its per-CPU teardown clears the
 * CPU's event mask), else FIFO (its per-CPU teardown drains the CPU's
 * queues).
 * The properties, one class a run:
 *   -DCHECK_ORDER  a CPU in cpu_online_mask has its IPI channels bound,
 *                  no IPI is sent to an unbound channel, and no channel
 *                  of an online CPU is freed
 *   -DCHECK_SEND   only the senders' part: no IPI to an unbound channel
 *   -DCHECK_LEAK   a failed bring-up leaves nothing bound, nothing is
 *                  bound twice, and no sequence of targets and failures
 *                  leaves a timer or IPI channel behind
 *   -DCHECK_KICKER the same for the spinlock kicker
 *   -DCHECK_BUG    a refused IPI binding (domain out of event channels)
 *                  is an error, not a BUG()
 *   -DCHECK_DELIVERY  a CPU that marks itself online, and a CPU a sender
 *                  picks, has its IPIs and timer bound and delivered to
 *                  it (2-level: its event mask has their bits)
 *   -DCHECK_DRAIN  the event ABI's per-CPU teardown finds none of the
 *                  CPU's channels bound (FIFO: nothing live is drained)
 */

#ifndef NAP
#define NAP 2			/* application processors: cpu1..cpuNAP */
#endif
#define NCPU (NAP + 1)		/* cpu0, the control CPU, never goes down */
#ifndef MAXOPS
#define MAXOPS 4		/* target writes by the control CPU */
#endif
#ifndef MAXFAIL
#define MAXFAIL 2		/* injected failures in one run */
#endif
#ifndef NSEND
#define NSEND 1			/* concurrent IPI senders (0: none) */
#endif

#if !defined(SERIES) && !defined(V1) && !defined(STOCK) && !defined(ORDER2013)
#define SERIES
#endif

/*
 * The cpuhp states of one AP, bottom to top.  Every state between two of
 * these that does not touch Xen channels behaves like EVTCHN_PREPARE (on
 * the control CPU) or like AP_IDLE (on the AP), so they stand for them.
 */
#define S_OFFLINE		0	/* CPUHP_OFFLINE */
#define S_XEN_PREPARE		1	/* CPUHP_XEN_PREPARE */
#define S_EVTCHN_PREPARE	2	/* CPUHP_XEN_EVTCHN_PREPARE */
#define S_XEN_CHANNELS		3	/* CPUHP_XEN_CHANNELS_PREPARE (v2) ... */
#define S_BRINGUP		4	/* CPUHP_BRINGUP_CPU ... AP_ONLINE_IDLE */
#define S_XEN_ONLINE		5	/* CPUHP_AP_ONLINE_DYN "x86/xen/guest:online" */
#define S_ONLINE		6	/* CPUHP_ONLINE */

/* The lowest state that holds the channels, and the kicker. */
#ifdef SERIES
#define S_BIND		S_XEN_CHANNELS
#define S_KICK		S_XEN_CHANNELS
#else
#define S_BIND		S_XEN_PREPARE
#define S_KICK		S_BRINGUP
#endif

/* What the events below name. */
mtype = {
	timer_virq, ipis, pv_ipi, spinlock_kicker, upcall_vector,
	bringup_of_the_ap, online_state, state_of_another_subsystem,
	kicker_left_by_a_timed_out_offline, event_abi_percpu
};

bool online[NCPU];	/* cpu_online_mask */
bool timer[NCPU];	/* timer VIRQ (xen_setup_timer) */
bool ipi[NCPU];		/* resched, callfunc, callfuncsingle (xen_smp_intr_init) */
bool pvipi[NCPU];	/* PV irq_work IPI (xen_smp_intr_init_pv) */
bool kicker[NCPU];	/* spinlock kicker IPI (xen_init_lock_cpu) */
bool dipi[NCPU];	/* the IPIs delivered to the CPU (2-level: mask bits) */
bool dtimer[NCPU];	/* the timer VIRQ delivered to the CPU */
byte st[NCPU];		/* cpuhp state */
byte insend;		/* senders between picking a CPU and sending */
byte fails;		/* failures injected so far */
bool done;

/* A binding: nothing may be bound twice (a leak, and -EBUSY on retry). */
#ifdef CHECK_LEAK
#define CHECK_UNBOUND(x, c)	assert(!x[c])
#else
#define CHECK_UNBOUND(x, c)	skip
#endif
#ifdef CHECK_KICKER
#define CHECK_KICKER_UNBOUND(c)	assert(!kicker[c])
#else
#define CHECK_KICKER_UNBOUND(c)	skip
#endif
#define bind(x, c, what)						\
	CHECK_UNBOUND(x, c);						\
	x[c] = true;							\
	deliver(c, what);						\
	printf("cpu%d: bind ", c); ev = what; printm(ev); ev = 0; printf("\n")

/* bind_evtchn_to_cpu(): the channel's bit in the CPU's event mask. */
#define deliver(c, what)						\
	if								\
	:: what == ipis -> dipi[c] = true				\
	:: what == timer_virq -> dtimer[c] = true			\
	:: else								\
	fi

#define free(x, c, what)						\
	if								\
	:: x[c] -> x[c] = false;					\
		printf("cpu%d: free ", c); ev = what; printm(ev); ev = 0; printf("\n")	\
	:: else								\
	fi

/* May this step fail?  Sets err, counting the injected failures. */
inline may_fail(what)
{
	if
	:: fails < MAXFAIL -> fails++; err = true; printf("cpu%d: ", c); ev = what; printm(ev); ev = 0; printf(" fails (injected)\n")
	:: true
	fi
}

/*
 * A refused IPI binding, as when the domain is out of event channels:
 * BUG() in stock __bind_ipi_to_irq(), an error with the series (as any
 * other failure, may_fail()).  VIRQ bindings return errors in both.
 */
inline refused(what)
{
#ifdef CHECK_BUG
#if defined(STOCK) || defined(ORDER2013)
	if
	:: fails < MAXFAIL -> printf("cpu%d: hypervisor refuses ", c); ev = what; printm(ev); ev = 0; printf(": BUG()\n"); assert(false)
	:: true
	fi
#endif
#endif
	skip
}

inline free_ipis(c)
{
#ifdef CHECK_ORDER
	assert(!online[c]);	/* never take the channels of an online CPU */
#endif
	free(ipi, c, ipis);
#ifdef PV
	free(pvipi, c, pv_ipi);
#endif
}

/*
 * The binding of the timer VIRQ and the IPIs: CPUHP_XEN_PREPARE (stock,
 * v1) or CPUHP_XEN_CHANNELS_PREPARE (v2: xen_cpu_up_channels_hvm(),
 * xen_cpu_up_channels_pv(), which bind the kicker last).
 */
inline bind_channels(c)
{
#if !defined(PV) && !defined(SERIES)
	free(kicker, c, kicker_left_by_a_timed_out_offline);	/* xen_uninit_lock_cpu() */
	may_fail(upcall_vector);
#endif
	/* xen_setup_timer() */
	if
	:: !err ->
		may_fail(timer_virq);
		if
		:: err ->
#if !defined(SERIES) && !defined(V1)
			err = false	/* ignored: the CPU goes on without a timer */
#else
			skip
#endif
		:: else -> bind(timer, c, timer_virq)
		fi
	:: else
	fi;
#ifndef ORDER2013
	/* xen_smp_intr_init(): frees its own IPIs when one fails */
	if
	:: !err ->
		refused(ipis);
		may_fail(ipis);
		if
		:: err ->
#if defined(SERIES) || defined(V1)
			free(timer, c, timer_virq)	/* the unwind */
#else
			skip
#endif
		:: else -> bind(ipi, c, ipis)
		fi
	:: else
	fi;
#ifdef PV
	/* xen_smp_intr_init_pv() */
	if
	:: !err ->
		may_fail(pv_ipi);
		if
		:: err ->
#if defined(SERIES) || defined(V1)
			free(ipi, c, ipis);	/* the unwind */
			free(timer, c, timer_virq)
#else
			skip
#endif
		:: else -> bind(pvipi, c, pv_ipi)
		fi
	:: else
	fi;
#endif
#endif
#ifdef SERIES
	/* xen_init_lock_cpu(): its failure fails the bring-up too */
	if
	:: !err ->
		may_fail(spinlock_kicker);
		if
		:: err ->
			free(pvipi, c, pv_ipi);	/* the unwind */
			free(ipi, c, ipis);
			free(timer, c, timer_virq)
		:: else -> bind(kicker, c, spinlock_kicker)
		fi
	:: else
	fi;
#endif
	skip
}

/*
 * CPUHP_XEN_PREPARE startup, on the control CPU: xen_cpu_up_prepare_hvm()
 * or xen_cpu_up_prepare_pv().  Each step runs only if the ones before it
 * did not fail (err); what a failure unwinds is the variant's.  With v2
 * it binds nothing: the upcall vector (PVHVM/PVH) only.
 */
inline xen_prepare(c)
{
#ifdef SERIES
#ifndef PV
	may_fail(upcall_vector);
#endif
	skip
#else
	bind_channels(c)
#endif
}

/*
 * CPUHP_XEN_EVTCHN_PREPARE, the event ABI's per-CPU state
 * (xen_evtchn_cpu_prepare(), xen_evtchn_cpu_dead()).  The startup may
 * fail (the FIFO control block); the 2-level ABI sets no mask bit back.
 * The teardown drains the CPU's FIFO queues, dropping every pending
 * event of a live channel with a warning, or clears its 2-level mask.
 */
inline evtchn_prepare(c)
{
	may_fail(event_abi_percpu)
}

inline evtchn_dead(c)
{
#ifdef CHECK_DRAIN
	if
	:: ipi[c] || pvipi[c] || timer[c] || kicker[c] ->
		printf("cpu%d: the event ABI's teardown finds bound channels\n", c)
	:: else
	fi;
	assert(!ipi[c] && !pvipi[c] && !timer[c] && !kicker[c]);
#endif
#ifdef TWOLEVEL
	dipi[c] = false;
	dtimer[c] = false;
	printf("cpu%d: event mask cleared\n", c)
#else
	skip
#endif
}

/* CPUHP_XEN_CHANNELS_PREPARE (v2 only); another subsystem's otherwise. */
inline xen_channels(c)
{
#ifdef SERIES
	bind_channels(c)
#else
	may_fail(state_of_another_subsystem)
#endif
}

inline xen_channels_dead(c)
{
#ifdef SERIES
	free(kicker, c, spinlock_kicker);
	free_ipis(c);
	free(timer, c, timer_virq)
#else
	skip
#endif
}

/* CPUHP_XEN_PREPARE teardown: xen_cpu_dead_hvm(), xen_cpu_dead_pv(). */
inline xen_dead(c)
{
#ifndef SERIES
	free_ipis(c);
	free(timer, c, timer_virq)
#else
	skip
#endif
}

/*
 * CPUHP_BRINGUP_CPU startup: the AP runs its STARTING states and marks
 * itself online.  Our series checks its channels first (the contract
 * check on the AP): the model shows that check never fires.
 */
inline bringup(c)
{
	may_fail(bringup_of_the_ap);
	if
	:: err
	:: else ->
#ifdef V1
#ifdef PV
		assert(ipi[c] && pvipi[c] && timer[c]);
#else
		assert(ipi[c] && timer[c]);
#endif
#endif
		atomic {
			online[c] = true;
			printf("cpu%d: marks itself online\n", c);
#ifdef CHECK_ORDER
			assert(online[c] && ipi[c]);	/* the sender's ipi[c] is below */
#endif
#ifdef CHECK_DELIVERY
			assert(ipi[c] && dipi[c] && timer[c] && dtimer[c]);
#endif
		}
#ifdef ORDER2013
		/* xen_smp_intr_init() after native_cpu_up() */
		bind(ipi, c, ipis);
#ifdef PV
		bind(pvipi, c, pv_ipi);
#endif
#endif
	fi
}

/*
 * CPUHP_BRINGUP_CPU teardown: takedown_cpu().  stop_machine() runs
 * take_cpu_down() once no CPU is inside a preempt-disabled section (here:
 * no sender between picking and sending); the AP leaves the online mask
 * and dies; then the dead path (cleanup_dead_cpu on 6.12, cpu_die on 6.1).
 */
inline takedown(c)
{
	atomic {
		insend == 0 -> online[c] = false;
		printf("cpu%d: stop_machine: leaves the online mask\n", c)
	}
	printf("cpu%d: dead\n", c);
#if !defined(SERIES) && !defined(V1)
	free_ipis(c);
	free(timer, c, timer_virq);
#endif
#ifndef SERIES
	free(kicker, c, spinlock_kicker)
#else
	skip
#endif
}

/* CPUHP_AP_ONLINE_DYN "x86/xen/guest:online", on the AP; no teardown
 * (stock, v1; v2 has no such state). */
inline xen_online(c)
{
	may_fail(online_state);
#ifndef SERIES
	if
	:: err
	:: else ->
#ifdef V1
		if
		:: kicker[c] -> printf("cpu%d: kicker already bound\n", c)
		:: else -> CHECK_KICKER_UNBOUND(c); kicker[c] = true; printf("cpu%d: bind spinlock_kicker\n", c)
		fi
#else
		CHECK_KICKER_UNBOUND(c); kicker[c] = true; printf("cpu%d: bind spinlock_kicker\n", c)
#endif
	fi
#endif
}

inline startup(c, s)
{
	if
	:: s == S_XEN_PREPARE -> xen_prepare(c)
	:: s == S_EVTCHN_PREPARE -> evtchn_prepare(c)
	:: s == S_XEN_CHANNELS -> xen_channels(c)
	:: s == S_BRINGUP -> bringup(c)
	:: s == S_XEN_ONLINE -> xen_online(c)
	:: else -> may_fail(state_of_another_subsystem)
	fi
}

inline teardown(c, s)
{
	if
	:: s == S_XEN_PREPARE -> xen_dead(c)
	:: s == S_EVTCHN_PREPARE -> evtchn_dead(c)
	:: s == S_XEN_CHANNELS -> xen_channels_dead(c)
	:: s == S_BRINGUP -> takedown(c)
	:: else
	fi
}

/*
 * After every write, failed or not: a CPU below the state that binds its
 * channels holds none; a CPU below CPUHP_BRINGUP_CPU is not online; a
 * CPU below the state that binds the kicker holds none.
 */
inline check(c)
{
#ifdef CHECK_LEAK
	if
	:: st[c] < S_BIND -> assert(!ipi[c] && !pvipi[c] && !timer[c])
	:: else
	fi;
	if
	:: st[c] < S_BRINGUP -> assert(!online[c])
	:: else
	fi;
#endif
#ifdef CHECK_KICKER
	if
	:: st[c] < S_KICK -> assert(!kicker[c])
	:: else
	fi;
#endif
	skip
}

proctype control()
{
	byte op, c, target, prev, s;
	bool err;
	mtype ev;	/* for printm() only; 0 between events */

	for (op : 1 .. MAXOPS) {
		select (c : 1 .. NAP);
		select (target : S_OFFLINE .. S_ONLINE);
		prev = st[c];
		err = false;
		printf("cpu%d: target %d -> %d\n", c, prev, target);
		if
		:: target > prev ->
			/* cpuhp_up_callbacks(), and the AP's own states */
			do
			:: st[c] < target && !err ->
				s = st[c] + 1;
				startup(c, s);
				if :: !err -> st[c] = s :: else fi
			:: else -> break
			od;
			/*
			 * Rollback: the failing state's own teardown is not
			 * called; the states below it are torn down back to
			 * where the write started.  The AP rolls back its own
			 * states only: a CPU that got through BRINGUP stays.
			 */
			if
			:: err ->
				if
				:: s > S_BRINGUP && prev < S_BRINGUP -> prev = S_BRINGUP
				:: else
				fi;
				do
				:: st[c] > prev -> teardown(c, st[c]); st[c]--
				:: else -> break
				od;
				printf("cpu%d: write fails, back at %d\n", c, st[c])
			:: else
			fi
		:: target < prev ->
			do
			:: st[c] > target -> teardown(c, st[c]); st[c]--
			:: else -> break
			od
		:: else
		fi;
		check(c)
	}
	done = true
}

/* Reschedules, RCU, the clocksource watchdog, smp_call_function(). */
proctype sender()
{
	byte c;
	bool picked;

	do
	:: done -> break
	:: else ->
		/* pick a CPU of cpu_online_mask, preemption disabled */
		atomic {
			select (c : 0 .. NAP);
			if
			:: online[c] -> insend++; picked = true
			:: else -> picked = false
			fi
		}
		if
		:: picked ->
#if defined(CHECK_ORDER) || defined(CHECK_SEND)
			if
			:: !ipi[c] -> printf("cpu%d: IPI sent to an unbound channel\n", c)
			:: else
			fi;
			assert(ipi[c]);
#endif
#ifdef CHECK_DELIVERY
			assert(ipi[c] && dipi[c]);
#endif
			insend--
		:: else
		fi
	od
}

init
{
	byte c;

	atomic {
		online[0] = true; timer[0] = true; ipi[0] = true;
		pvipi[0] = true; kicker[0] = true; st[0] = S_ONLINE;
		dipi[0] = true; dtimer[0] = true;
		for (c : 1 .. NAP) {
			st[c] = S_ONLINE; online[c] = true; timer[c] = true;
			ipi[c] = true; kicker[c] = true; dipi[c] = true; dtimer[c] = true;
#ifdef PV
			pvipi[c] = true;
#endif
		}
		run control();
#if NSEND > 0
		for (c : 1 .. NSEND) {
			run sender()
		}
#endif
	}
}
