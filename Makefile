# SPDX-License-Identifier: GPL-2.0
# pmp - top-level build.
#
#   make            build pmp.ko, the selftests and the user space programs
#   make check      run every test (kernel tests inside the QEMU VM)
#   make demo       run the demo inside the VM
#   make bench      run the benchmark inside the VM (build/results/)
#   make lint       sparse, W=1 and checkpatch.pl on the module
#   make clean
#
# KVER selects the kernel release (default: the one Debian's
# linux-image-amd64 points to), KDIR its build tree.

KVER = $(shell tools/kver.sh)
KDIR = /lib/modules/$(KVER)/build
VM = tools/vm/run

export KVER

all: module selftests userspace

deps:
	@sh tools/deps.sh

module:
	$(MAKE) -C kmod KDIR=$(KDIR)

selftests:
	$(MAKE) -C selftests/pmp

userspace:
	$(MAKE) -C userspace

# Installs what is missing first, so that both work on a fresh machine.
check: deps
	@$(MAKE) --no-print-directory all
	@sh tools/check.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@PMP_VM_STDIN=/dev/null $(VM) userspace/demo/demo.sh

# idle=poll: an idle emulated CPU otherwise wakes on the next tick, and
# cross-CPU wake-ups would measure the emulator's tick, not pmp.
bench: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p build/results
	@PMP_VM_APPEND=idle=poll PMP_VM_STDIN=/dev/null $(VM) \
		userspace/bench/pmp-bench build/results/bench-$(KVER).txt

lint: deps
	@sh tools/lint.sh $(KDIR)

clean:
	$(MAKE) -C kmod KDIR=$(KDIR) clean
	$(MAKE) -C selftests/pmp clean
	$(MAKE) -C userspace clean
	rm -rf build

.PHONY: all deps module selftests userspace check demo bench lint clean
