# vfio-wc: write-combining mmap cookies for vfio-pci, as a kernel patch series.
#
#   make check     everything CI runs (see README.md)
#   make debug     the tests under KASAN/lockdep/kmemleak kernels
#   make demo      the user-visible demo
#   make bench     cost of the cookie path (ratios, out/bench-ARCH.md)
#   make baseline  the upstream regression suites on the unpatched kernel
#   make dpdk      DPDK's EAL maps a BAR write-combined (dpdk/patches), x86_64
#   make tree      linux/ = Linux 7.3 base + patches/ as git commits
#   make refresh   patches/ = git format-patch of linux/ (base..HEAD)
#   make lint      checkpatch --strict + kernel-doc on the series
#   make dpdk-tree     dpdk/tree = Debian's DPDK + dpdk/patches as git commits
#   make dpdk-refresh  dpdk/patches = git format-patch of dpdk/tree
#   make dpdk-lint     DPDK's checkpatches.sh + check-git-log.sh on dpdk/tree
#   make build-GUEST   test kernel from linux/ (GUEST: a file in guests/, e.g. x86_64)
#   make guest-GUEST   build + boot the test guest from linux/

SHELL := /bin/bash
GUESTS := $(basename $(notdir $(wildcard guests/*.sh)))

.PHONY: check debug demo bench baseline dpdk dpdk-tree dpdk-refresh dpdk-lint tree refresh lint deps clean $(addprefix build-,$(GUESTS)) $(addprefix guest-,$(GUESTS))

check:
	@./scripts/check.sh

debug:
	@./scripts/debug.sh

demo:
	@./scripts/demo.sh

bench:
	@./scripts/bench.sh

baseline:
	@./scripts/baseline.sh

dpdk:
	@./scripts/dpdk.sh

dpdk-tree: deps
	@./scripts/dpdk-tree.sh

dpdk-refresh:
	@./scripts/refresh.sh $(CURDIR)/dpdk/tree $(CURDIR)/dpdk/patches

dpdk-lint:
	@./scripts/dpdk-lint.sh

deps:
	@./scripts/deps.sh

tree: deps
	@./scripts/tree.sh

refresh:
	@./scripts/refresh.sh

lint:
	@LINUX=$(CURDIR)/linux ./scripts/gates-static.sh /dev/stdout

$(addprefix build-,$(GUESTS)): build-%:
	@./scripts/guest.sh $* kernel

$(addprefix guest-,$(GUESTS)): guest-%:
	@./scripts/guest.sh $*

clean:
	rm -rf out
