# SPDX-License-Identifier: GPL-2.0
#
# The pipeline, one script a step (scripts/):
#
#   deps -> bases -> apply -> build -> boot on Xen -> hot-plug test -> verdict
#
#   make                 the main job: the PVHVM domU, then PVH and PV dom0,
#                        on BASE, with a verdict table
#   make check           everything CI runs (.ci/run calls exactly this)
#   make check-full      the evidence run: check, the fresh-machine install
#                        test, every fault, mutant and evtchn row
#
#   make bases           unpack Debian's linux-source-6.1 and -6.12 into the cache
#   make apply           git am the series onto BASE (or KDIR=your/tree, new branch;
#                        SERIES=patches/6.1 picks the series instead of the version)
#   make verify KDIR=your/tree [VARIANT=stock] [KCONFIG=.config] [SERIES=...]
#                        the main job on your own kernel tree, left unchanged
#   make build           build BASE with the test config
#   make lint            checkpatch --strict on every patch, both bases
#   make xen-test        one run: BASE, GUEST, TEST, CYCLES, VARIANT
#   make faults          fault injection at each bring-up failure point
#   make mutants         every mutant must turn the tests red
#   make soak            HOTPLUGS verified hot-plug cycles in one boot per guest
#                        type and event ABI on BASE (default 1000 on 6.12, 200
#                        on 6.1), rows kept in Documentation/xen-hotplug-soak.txt;
#                        XHP_SOAK_PART=N: this sitting verifies N more at most
#   make model           the SPIN model of the bring-up contract
#   make bench           stock against patched, one run [BENCH_BASES=6.12]
#
# The cache (bases, worktrees, builds, logs) is XHP_CACHE, by default
# $${XDG_CACHE_HOME:-~/.cache}/xen-hotplug.

BASE    ?= 6.12
GUEST   ?= pvh
TEST    ?= hotplug
CYCLES  ?= 5
VARIANT ?= series
BENCH_BASES ?=

S := scripts

.PHONY: all main check check-full deps bases apply build lint xen-test soak faults mutants model bench verify

all: main

main: deps bases
	$(S)/main.sh $(BASE)

check: deps bases
	$(S)/check.sh

check-full: deps bases
	$(S)/check.sh "selftest verdict" "selftest emulation" "selftest deps" "selftest guest" "selftest check" "selftest model" "selftest scenarios" "selftest kdir" "selftest gaps" "selftest soak" "selftest boot" model lint \
		"selftest lint" "selftest lint-matrix" fresh-root "xen-scenarios check" "xen-scenarios faults" "xen-scenarios evtchn" \
		"xen-scenarios mutants" "xen-scenarios stable"

deps:
	$(S)/deps.sh

bases: deps
	$(S)/bases.sh

apply: bases
ifdef KDIR
	$(S)/apply.sh --kdir $(KDIR) $(SERIES)
else
	$(S)/apply.sh $(BASE) $(VARIANT)
endif

build: apply
	$(S)/build.sh $(BASE)

lint: bases
	$(S)/lint.sh

verify: deps bases
	$(if $(KDIR),,$(error make verify needs KDIR=/path/to/your/kernel))
	$(S)/verify.sh $(KDIR) $(VARIANT)

xen-test: bases
	$(S)/xen-test.sh $(BASE) $(GUEST) $(TEST) $(CYCLES) $(VARIANT)

soak: deps bases
	$(S)/soak.sh $(BASE) $(HOTPLUGS)

faults: deps bases
	$(S)/check.sh "xen-scenarios faults"

mutants: deps bases
	$(S)/check.sh "xen-scenarios mutants"

model: deps
	$(S)/check.sh model

bench: deps bases
	$(S)/bench.sh $(BENCH_BASES)
