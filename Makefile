# SPDX-License-Identifier: GPL-2.0
# pmp - top-level build.
#
#   make            build pmp.ko, the selftests and the user space programs
#   make check      run every test (kernel tests inside the QEMU VM, on
#                   Debian's kernel and on the debug kernel)
#   make check-fast make check without the debug kernel
#   make check-debug the VM suites on the KASAN + lockdep + kmemleak kernel
#                   (built once, cached in /var/cache/pmp)
#   make check-debug-selftest  show that check-debug catches a planted bug
#   make check-kernels the VM suites on Debian's 6.1, 6.12 and 6.1-rt
#   make demo       run the demo inside the VM
#   make bench      run the benchmark inside the VM (build/results/)
#   make fuzz       the ioctl fuzzer in the VM (FUZZ_S seconds, FUZZ_SEED)
#   make soak       hosts and clients killed at random in the VM (SOAK_S)
#   make lint       sparse, W=1 and checkpatch.pl on the module
#   make install    libpmp, pmphost, pmpctl, components, headers, manual
#                   pages, the udev rule and the module (PREFIX, default
#                   /usr/local, and DESTDIR as usual)
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

check-fast: deps
	@$(MAKE) --no-print-directory all
	@sh tools/check.sh host vm

# These build pmp.ko in scratch copies under build/, never in kmod/.
check-debug: deps
	@$(MAKE) --no-print-directory selftests userspace
	@sh tools/check.sh debug

check-debug-selftest: deps
	@$(MAKE) --no-print-directory selftests userspace
	@sh tools/debug-kernel/plant-uaf.sh

check-kernels: deps
	@$(MAKE) --no-print-directory selftests userspace
	@sh tools/check-kernels.sh

# pmp-demo's host is the demo exec'd again: trusted beside pmphost.
DEMO_TRUSTED = /usr/libexec/pmp/pmphost,/usr/local/libexec/pmp/pmphost,$(CURDIR)/userspace/demo/pmp-demo
demo: deps
	@$(MAKE) --no-print-directory all
	@PMP_VM_STDIN=/dev/null $(VM) --insmod-args \
		"trusted_exe=$(DEMO_TRUSTED)" userspace/demo/demo.sh

# idle=poll: an idle emulated CPU otherwise wakes on the next tick, and
# cross-CPU wake-ups would measure the emulator's tick, not pmp.
bench: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p build/results
	@PMP_VM_APPEND=idle=poll PMP_VM_STDIN=/dev/null $(VM) \
		userspace/bench/bench.sh build/results/bench-$(KVER).txt

# On the debug kernel (PMP_FUZZ_KERNEL=stock: Debian's), with pmp.ko built
# in a scratch copy under build/; see Documentation/dev-tools/pmp-fuzz.rst.
fuzz: deps
	@sh tools/fuzz/run.sh fuzz

soak: deps
	@sh tools/fuzz/run.sh soak

.PHONY: fuzz soak

lint: deps
	@sh tools/lint.sh $(KDIR)

# The module goes through DKMS when dkms is installed: its source tree is
# copied to /usr/src/pmp-VERSION and, unless DESTDIR is set (a package
# build), added, built and installed.  A package build always gets the DKMS
# tree; a direct install without dkms builds the module for KVER and
# installs it with modules_install.
PREFIX ?= /usr/local
UDEVRULESDIR ?= /etc/udev/rules.d
PMP_VERSION := $(shell cat VERSION)
DKMS_SRC = $(DESTDIR)/usr/src/pmp-$(PMP_VERSION)
DKMS := $(shell command -v dkms 2>/dev/null)
KMOD_SOURCES = $(filter-out %.mod.c,$(wildcard kmod/*.c)) $(wildcard kmod/*.h) \
	kmod/Kbuild kmod/Makefile

install: install-userspace install-udev install-module

install-userspace:
	$(MAKE) -C userspace install PREFIX=$(PREFIX)

install-udev:
	install -D -m 0644 kmod/99-pmp.rules $(DESTDIR)$(UDEVRULESDIR)/99-pmp.rules
	@if [ -z "$(DESTDIR)" ] && command -v udevadm >/dev/null; then \
		udevadm control --reload 2>/dev/null || :; fi

install-module:
ifneq ($(DKMS)$(DESTDIR),)
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)/kmod $(DKMS_SRC)/include/uapi/linux
	install -m 0644 $(KMOD_SOURCES) $(DKMS_SRC)/kmod/
	install -m 0644 include/uapi/linux/pmp.h $(DKMS_SRC)/include/uapi/linux/
	install -m 0644 VERSION $(DKMS_SRC)/
	sed 's/@VERSION@/$(PMP_VERSION)/' kmod/dkms.conf > $(DKMS_SRC)/dkms.conf
ifeq ($(DESTDIR),)
	dkms remove -m pmp -v $(PMP_VERSION) --all >/dev/null 2>&1 || :
	dkms add -m pmp -v $(PMP_VERSION)
	dkms build -m pmp -v $(PMP_VERSION)
	dkms install -m pmp -v $(PMP_VERSION)
endif
else
	$(MAKE) module
	$(MAKE) -C kmod KDIR=$(KDIR) modules_install
	@# Kbuild skips depmod when the build tree has no System.map (Debian's).
	depmod -a $(KVER)
endif

clean:
	$(MAKE) -C kmod KDIR=$(KDIR) clean
	$(MAKE) -C selftests/pmp clean
	$(MAKE) -C userspace clean
	rm -rf build

.PHONY: all deps module selftests userspace check demo bench lint clean \
	check-fast check-debug check-debug-selftest check-kernels \
	install install-userspace install-udev install-module
