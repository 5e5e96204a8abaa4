# SPDX-License-Identifier: MIT
# parley — build, test, demo, install.
#   make            the library and the command (build/release)
#   make check      installs what is missing, builds with sanitizers, runs every test
#   make demo       installs what is missing, builds, runs the six-party scenario, writes its report
#   make fuzz       every libFuzzer target for FUZZ_SECONDS each (make check runs them briefly)
#   make bench      the benchmarks (figures go to docs/performance.md by hand)
#   make coverage   line and branch coverage of src/ by every test (gcov; slow, not part of check)
#   make docs       regenerates docs/strategies.md from the registry
#   make mpi        parley-mpi (build/mpi/parley-mpi): the command across MPI processes (Open MPI's mpicc)
#   make python     the Python package (python/) built and installed into build/python with the
#                   system Python (PYTHON=/usr/bin/python3), as `pip install .` installs it
#   make install    PREFIX=/usr/local DESTDIR= (also BINDIR, LIBDIR, INCLUDEDIR, DATADIR, MANDIR, DOCDIR,
#                   BASHCOMPDIR, ZSHCOMPDIR); the scenarios and docs go to DATADIR/parley, where the
#                   command looks for them; the bash and zsh completion to DATADIR/bash-completion, DATADIR/zsh
#   make uninstall  the same variables: removes exactly what install put
# The usual CPPFLAGS, CFLAGS and LDFLAGS are honoured by every compile and link (CFLAGS comes
# after the project's flags, so CFLAGS=-O2 wins); dependencies on headers are exact (-MMD -MP).
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/parley
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# shell completion (parley completion bash|zsh), where bash-completion and zsh look under PREFIX
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
CC ?= cc
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# one version, in the public header; the pkg-config file takes it from there
VERSION := $(shell sed -n 's/^\#define PARLEY_VERSION "\(.*\)"/\1/p' include/parley/parley.h)
# the shared library: libparley.so.MAJOR.MINOR.PATCH, its soname libparley.so.MAJOR, the dev link libparley.so
MAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME := libparley.so.$(MAJOR)

# popcount is the heart of window counts; every x86-64 machine since 2008 has the instruction.  BMI1 and
# BMI2 (a set's lowest bit found and cleared, shifts and masks without flags: 6 % fewer instructions in the
# agreement runs, docs/performance.md) where the machine that builds has them, as the builds here are made
# where they run: most x86-64 processors since 2013 have them, but not every Pentium or Celeron before 2020.
# PORTABLE=1 leaves them out (a build to copy to another machine).  Integer instructions only: the results
# are the same bytes either way.
ARCH    := $(shell uname -m)
ifeq ($(ARCH),x86_64)
  CPU   := -mpopcnt
  ifeq ($(PORTABLE),)
    ifneq ($(shell grep -qw bmi1 /proc/cpuinfo 2>/dev/null && grep -qw bmi2 /proc/cpuinfo && echo yes),)
      CPU += -mbmi -mbmi2
    endif
  endif
endif
# a function called without a declaration is an error, not a warning: its arguments and result would be guessed
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wstrict-prototypes -Werror=implicit-function-declaration
# -MMD -MP: each compile also writes its .d file (the headers it read), included below.
# -fvisibility=hidden: only what a public header marks PL_EXTERN (include/parley/common.h) is
# exported from libparley.so; the rest of the library stays internal to it.
BASE    := -std=c11 -D_GNU_SOURCE -Iinclude -Isrc -pthread -fPIC -fvisibility=hidden -MMD -MP $(CPU) $(WARN)
# NDEBUG: the assert()s on internal invariants run in the sanitizer build (the tests), not in release
RELEASE := -O3 -g -DNDEBUG $(BASE)
ASAN    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined $(BASE)
LDLIBS  := -ljansson -lyaml -lz -lm -pthread
# the command alone: libedit (BSD editline, Debian libedit-dev) gives `parley play` its line editing and history
CLI_LIBS := -ledit

LIB_SRC := $(sort $(wildcard src/core/*.c src/io/*.c src/strategies/*.c src/twoparty/*.c src/nparty/*.c src/agreement/*.c src/scenario/*.c src/population/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
HDRS := $(wildcard include/parley/*.h)

REL := build/release
SAN := build/asan

.PHONY: all deps deps-test deps-python mpi check demo bench docs install uninstall clean test-build python
all: $(REL)/parley $(REL)/libparley.a $(REL)/libparley.so

deps:
	@tools/install-deps.sh
deps-test:
	@tools/install-deps.sh --test
deps-python:
	@tools/install-deps.sh --python

define objs
$(patsubst %.c,$(1)/obj/%.o,$(2))
endef

# An object also depends on its .d file: one that is missing (a first build, or a build tree
# from before -MMD) makes the object rebuild, so no object is ever left without its dependencies.
# Each build tree remembers the compile command it was built with (its `flags` file, rewritten only
# when the command changes): a change of flags rebuilds every object, not only the edited ones.
REL_CC := $(CC) $(CPPFLAGS) $(RELEASE) $(CFLAGS)
SAN_CC := $(CC) $(CPPFLAGS) $(ASAN) $(CFLAGS)
# (compared when the Makefile is read, not by a rule, so `make -n` and `make -q` see the truth; a dry
# run, -n or -q, writes nothing: a file that differs is only taken as out of date, so that a dry run
# with other flags shows every object rebuilt and leaves the next real build as it was)
DRY_RUN := $(findstring n,$(firstword -$(MAKEFLAGS)))$(findstring q,$(firstword -$(MAKEFLAGS)))
.PHONY: remembered-out-of-date
define remember
$(if $(shell mkdir -p $(dir $(1)) && echo '$(2)' | cmp -s - $(1) && echo same),,$(if $(DRY_RUN),$(eval $(1): remembered-out-of-date ; echo '$(2)' > $(1)),$(shell echo '$(2)' > $(1))))
endef
$(call remember,$(REL)/flags,$(REL_CC))
$(call remember,$(SAN)/flags,$(SAN_CC))
$(REL)/obj/%.o: %.c $(REL)/obj/%.d $(REL)/flags
	@mkdir -p $(dir $@)
	$(REL_CC) $(OBJ_DEFS) -c $< -o $@
$(SAN)/obj/%.o: %.c $(SAN)/obj/%.d $(SAN)/flags
	@mkdir -p $(dir $@)
	$(SAN_CC) $(OBJ_DEFS) -c $< -o $@
# The one object that knows where `make install` puts the data (DATADIR/parley): only it is
# rebuilt when PREFIX or DATADIR changes, remembered like the flags in each tree's `datadir` file.
PL_DATA := $(DATADIR)/parley
$(call remember,$(REL)/datadir,$(PL_DATA))
$(call remember,$(SAN)/datadir,$(PL_DATA))
$(REL)/obj/src/scenario/shipped.o: $(REL)/datadir
$(SAN)/obj/src/scenario/shipped.o: $(SAN)/datadir
$(REL)/obj/src/scenario/shipped.o $(SAN)/obj/src/scenario/shipped.o: OBJ_DEFS = -DPL_DATADIR='"$(PL_DATA)"'

# The libraries and programs are written beside their names and renamed over them: a test that
# runs the command while another rebuilds it (install.sh's DATADIR relinks it) sees the old file
# or the new one, never half of one (tests/e2e/build_deps.sh).
$(REL)/libparley.a: $(call objs,$(REL),$(LIB_SRC))
	@rm -f $@.tmp; ar rcs $@.tmp $^ && mv -f $@.tmp $@
$(REL)/libparley.so: $(call objs,$(REL),$(LIB_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@.tmp $^ $(LDLIBS) && mv -f $@.tmp $@
	ln -sf libparley.so $(REL)/$(SONAME)
$(REL)/parley: $(call objs,$(REL),$(CLI_SRC)) $(REL)/libparley.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.tmp $^ $(LDLIBS) $(CLI_LIBS) && mv -f $@.tmp $@
# The command linked against the shared library, as a program of your own would be: any reach
# past the public headers into the library's internals fails to link here (tests/e2e/library_boundary.sh).
$(REL)/parley-shared: $(call objs,$(REL),$(CLI_SRC)) $(REL)/libparley.so
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--no-undefined -Wl,-rpath,'$$ORIGIN' -o $@.tmp $(call objs,$(REL),$(CLI_SRC)) \
	  $(REL)/libparley.so $(LDLIBS) $(CLI_LIBS) && mv -f $@.tmp $@

$(SAN)/libparley.a: $(call objs,$(SAN),$(LIB_SRC))
	@rm -f $@.tmp; ar rcs $@.tmp $^ && mv -f $@.tmp $@
$(SAN)/parley: $(call objs,$(SAN),$(CLI_SRC)) $(SAN)/libparley.a
	$(CC) -fsanitize=address,undefined $(CFLAGS) $(LDFLAGS) -o $@.tmp $^ $(LDLIBS) $(CLI_LIBS) && mv -f $@.tmp $@
# a test program is compiled and linked in one step; its .d file sits beside it
$(SAN)/tests/%: tests/unit/%.c $(SAN)/tests/%.d $(SAN)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ASAN) $(CFLAGS) -Itests $(LDFLAGS) $< -o $@ $(SAN)/libparley.a $(LDLIBS) -lcmocka

# test helpers (tests/tools/*.c): small programs the e2e tests drive, built with sanitizers
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
$(SAN)/tools/%: tests/tools/%.c $(SAN)/tools/%.d $(SAN)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ASAN) $(CFLAGS) -Itests $(LDFLAGS) $< -o $@ $(SAN)/libparley.a $(LDLIBS)
# the progress bar and the flag parser live with the command, not in the library: their tests
# and the demo link the command's objects directly
CLI_TEST_OBJS := $(SAN)/obj/src/cli/progress.o $(SAN)/obj/src/cli/cli_util.o $(SAN)/obj/src/cli/cli_flags.o $(SAN)/obj/src/cli/cli_data.o
# the unit tests of those objects (one list: the sanitizer and coverage trees both link them so)
CLI_TESTS := test_progress test_cli_flags test_cli_data
$(SAN)/tools/progress_demo: tests/tools/progress_demo.c $(SAN)/tools/progress_demo.d $(CLI_TEST_OBJS) $(SAN)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ASAN) $(CFLAGS) -Itests $(LDFLAGS) $< -o $@ $(CLI_TEST_OBJS) $(SAN)/libparley.a $(LDLIBS)
$(addprefix $(SAN)/tests/,$(CLI_TESTS)): $(SAN)/tests/%: tests/unit/%.c $(SAN)/tests/%.d $(CLI_TEST_OBJS) $(SAN)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ASAN) $(CFLAGS) -Itests $(LDFLAGS) $< -o $@ $(CLI_TEST_OBJS) $(SAN)/libparley.a $(LDLIBS) -lcmocka

# the benches' own code for this machine's processor; `make BENCH_ARCH= ...` (after removing the
# binary) builds one that valgrind 3.19 can run (it stops on the AVX-512 instructions -march=native gives)
BENCH_ARCH ?= -march=native
$(REL)/bench/%: bench/%.c $(REL)/bench/%.d $(REL)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(RELEASE) $(BENCH_ARCH) $(CFLAGS) $(LDFLAGS) $< -o $@ $(REL)/libparley.a $(LDLIBS)

# fuzzing (tests/fuzz/): one libFuzzer target per parser, built with clang, ASan and UBSan; the
# library is compiled again for them with coverage instrumentation (-fsanitize=fuzzer-no-link)
FUZZ_CC ?= clang
FUZZ := build/fuzz
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(FUZZ)/%,$(FUZZ_SRC))
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined $(BASE)
HAVE_FUZZ_CC := $(shell command -v $(FUZZ_CC) 2>/dev/null)
$(FUZZ)/obj/%.o: %.c $(FUZZ)/obj/%.d
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
	@touch $@  # clang writes the .d after the .o: without this every build would redo the tree
$(FUZZ)/libparley.a: $(call objs,$(FUZZ),$(LIB_SRC))
	@rm -f $@; ar rcs $@ $^
$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ)/fuzz_%.d $(FUZZ)/libparley.a
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Itests/fuzz $< -o $@ $(FUZZ)/libparley.a $(LDLIBS)
	@touch $@
.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)
# make fuzz FUZZ_SECONDS=3600: each target for that long (default 10 minutes); new inputs that
# add coverage go to build/fuzz/corpus/, crashes to build/fuzz/crashes/ (keep them in
# tests/fuzz/regressions/TARGET/ once fixed)
FUZZ_SECONDS ?= 600
fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

# coverage (not part of make check: it runs every test again, ~20 min on 2 cores): the library,
# the command and the unit tests built again with gcc's --coverage (no sanitizers, no optimisation,
# so each line counts), every unit test and e2e script run against them (tests/run.sh), then line
# and branch coverage of src/ per folder and in all from gcov (tools/coverage.sh).  The e2e helpers
# and the shared-library checks use the test-build tree; fuzz.sh is left out (its targets are
# clang's: their coverage is libFuzzer's, in docs/testing.md).
COV := build/coverage
COV_FLAGS := -O0 -g --coverage $(BASE)
$(COV)/obj/%.o: %.c $(COV)/obj/%.d
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(COV_FLAGS) $(CFLAGS) -c $< -o $@
$(COV)/libparley.a: $(call objs,$(COV),$(LIB_SRC))
	@rm -f $@; ar rcs $@ $^
$(COV)/parley: $(call objs,$(COV),$(CLI_SRC)) $(COV)/libparley.a
	$(CC) --coverage $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(CLI_LIBS)
COV_CLI_OBJS := $(patsubst $(SAN)/%,$(COV)/%,$(CLI_TEST_OBJS))
$(addprefix $(COV)/tests/,$(CLI_TESTS)): $(COV)/tests/%: tests/unit/%.c $(COV)/tests/%.d $(COV_CLI_OBJS) \
  $(COV)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(COV_FLAGS) $(CFLAGS) -Itests $(LDFLAGS) $< -o $@ $(COV_CLI_OBJS) $(COV)/libparley.a $(LDLIBS) -lcmocka
$(COV)/tests/%: tests/unit/%.c $(COV)/tests/%.d $(COV)/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(COV_FLAGS) $(CFLAGS) -Itests $(LDFLAGS) $< -o $@ $(COV)/libparley.a $(LDLIBS) -lcmocka
.PHONY: coverage coverage-build
coverage-build: $(COV)/parley $(patsubst tests/unit/%.c,$(COV)/tests/%,$(TEST_SRC))
coverage: test-build coverage-build
	@find $(COV) -name '*.gcda' -delete
	-@UNIT_DIR=$(COV)/tests PARLEY=$(CURDIR)/$(COV)/parley PARLEY_RELEASE=$(CURDIR)/$(COV)/parley \
	  TEST_LOGS=$(COV)/test-logs SKIP_E2E=fuzz tests/run.sh
	@tools/coverage.sh $(COV)

# what each object, test and tool was built from (written by -MMD; absent before the first build)
DEPFILES := $(patsubst %.c,$(REL)/obj/%.d,$(LIB_SRC) $(CLI_SRC)) $(patsubst %.c,$(SAN)/obj/%.d,$(LIB_SRC) $(CLI_SRC)) \
  $(patsubst tests/unit/%.c,$(SAN)/tests/%.d,$(TEST_SRC)) $(patsubst tests/tools/%.c,$(SAN)/tools/%.d,$(TOOL_SRC)) \
  $(patsubst bench/%.c,$(REL)/bench/%.d,$(BENCH_SRC)) \
  $(patsubst %.c,$(FUZZ)/obj/%.d,$(LIB_SRC)) $(patsubst tests/fuzz/%.c,$(FUZZ)/%.d,$(FUZZ_SRC)) \
  $(patsubst %.c,$(COV)/obj/%.d,$(LIB_SRC) $(CLI_SRC)) $(patsubst tests/unit/%.c,$(COV)/tests/%.d,$(TEST_SRC))
$(DEPFILES):
-include $(wildcard $(DEPFILES))

# (the benchmarks too: one that no longer builds against the library fails make check, tests/e2e/benches.sh)
test-build: $(SAN)/parley $(REL)/parley $(REL)/parley-shared $(REL)/libparley.a $(REL)/libparley.so \
  $(patsubst tests/unit/%.c,$(SAN)/tests/%,$(TEST_SRC)) $(patsubst tests/tools/%.c,$(SAN)/tools/%,$(TOOL_SRC)) \
  $(patsubst bench/%.c,$(REL)/bench/%,$(BENCH_SRC)) $(if $(HAVE_FUZZ_CC),$(FUZZ_BINS))

check: deps-test
	@$(MAKE) --no-print-directory -j$(JOBS) test-build
	@$(MAKE) --no-print-directory python
	@$(MAKE) --no-print-directory mpi
	@tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	$(REL)/parley run scenarios/korea/six-party-2007.yaml --runs 20000 --seed 1 --out build/demo
	@echo "report: build/demo/report.html"

bench: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(patsubst bench/%.c,$(REL)/bench/%,$(BENCH_SRC))
	@for b in $(patsubst bench/%.c,$(REL)/bench/%,$(BENCH_SRC)); do echo "== $$b"; $$b; done

# parley-mpi (docs/mpi.md): the command's main, renamed, under an MPI main (src/mpi/parley_mpi.c)
# that tells the library how to share work among processes; the plain build needs no MPI.
MPICC ?= mpicc
MPIDIR := build/mpi
CLI_LIB_OBJS := $(filter-out $(REL)/obj/src/cli/main.o,$(call objs,$(REL),$(CLI_SRC)))
mpi: $(MPIDIR)/parley-mpi
$(MPIDIR)/cli_main.o: src/cli/main.c $(REL)/flags
	@mkdir -p $(dir $@)
	$(REL_CC) -Dmain=parley_cli_main -c $< -o $@
-include $(wildcard $(MPIDIR)/*.d)
$(MPIDIR)/parley-mpi: src/mpi/parley_mpi.c $(MPIDIR)/cli_main.o $(CLI_LIB_OBJS) $(REL)/libparley.a
	$(MPICC) $(CPPFLAGS) $(RELEASE) $(CFLAGS) $(LDFLAGS) src/mpi/parley_mpi.c $(MPIDIR)/cli_main.o $(CLI_LIB_OBJS) \
	  $(REL)/libparley.a $(LDLIBS) $(CLI_LIBS) -o $@.tmp && mv -f $@.tmp $@

# The Python package (python/): pip builds the cffi extension against include/ and links
# build/release/libparley.a into it (python/parley/_build.py), and installs it into build/python,
# where the tests (tests/e2e/python.sh, pytest) import it.  The system Python, never a pyenv one:
# Debian's numpy, pandas and cffi belong to it.
PYTHON ?= /usr/bin/python3
PYDIR := build/python
python: deps-python $(REL)/libparley.a
	@rm -rf $(PYDIR)
	$(PYTHON) -m pip install --quiet --no-build-isolation --no-deps --no-index --disable-pip-version-check \
	  --root-user-action=ignore --target $(PYDIR) .
	@echo "python package in $(PYDIR) (PYTHONPATH=$(PYDIR) $(PYTHON) -c 'import parley')"

# The strategy reference is generated from the registry so that it cannot drift;
# tests/e2e/docs_strategies.sh fails when the committed file is stale.
docs: $(REL)/parley
	$(REL)/parley strategies --markdown > docs/strategies.md.tmp && mv docs/strategies.md.tmp docs/strategies.md
	@echo "docs/strategies.md regenerated"

# The shared library goes in under its full version name, with the soname link the loader
# follows and the dev link the linker follows.  uninstall removes exactly these files and the
# two folders that are parley's own (include/parley, share/doc/parley), never a shared one.
# the shipped scenarios (with the files they read) and the docs, as DATADIR/parley/scenarios/..., .../docs/...
SHARE_FILES := $(wildcard scenarios/*/*.yaml scenarios/*/*.csv docs/*.md)
SHARE_DIRS := $(sort $(patsubst %/,%,$(dir $(SHARE_FILES))))
INSTALLED_HEADERS = $(addprefix $(DESTDIR)$(INCLUDEDIR)/parley/,$(notdir $(HDRS)))
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/parley \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 755 $(REL)/parley $(DESTDIR)$(BINDIR)/parley
	install -m 644 $(REL)/libparley.a $(DESTDIR)$(LIBDIR)/libparley.a
	install -m 755 $(REL)/libparley.so $(DESTDIR)$(LIBDIR)/libparley.so.$(VERSION)
	ln -sf libparley.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libparley.so
	install -m 644 $(HDRS) $(DESTDIR)$(INCLUDEDIR)/parley/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|g' \
	  -e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|g' -e 's|@VERSION@|$(VERSION)|g' \
	  tools/parley.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/parley.pc
	install -m 644 docs/parley.1 $(DESTDIR)$(MANDIR)/man1/parley.1
	install -m 644 LICENSE $(DESTDIR)$(DOCDIR)/LICENSE
	install -m 644 src/strategies/data/NOTICE $(DESTDIR)$(DOCDIR)/NOTICE.axelrod-python
	for f in $(SHARE_FILES); do install -D -m 644 $$f $(DESTDIR)$(PL_DATA)/$$f || exit 1; done
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	$(REL)/parley completion bash > $(DESTDIR)$(BASHCOMPDIR)/parley
	$(REL)/parley completion zsh > $(DESTDIR)$(ZSHCOMPDIR)/_parley

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/parley $(DESTDIR)$(LIBDIR)/libparley.a $(DESTDIR)$(LIBDIR)/libparley.so.$(VERSION) \
	  $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libparley.so $(INSTALLED_HEADERS) \
	  $(DESTDIR)$(PKGCONFIGDIR)/parley.pc $(DESTDIR)$(MANDIR)/man1/parley.1 \
	  $(DESTDIR)$(DOCDIR)/LICENSE $(DESTDIR)$(DOCDIR)/NOTICE.axelrod-python \
	  $(DESTDIR)$(BASHCOMPDIR)/parley $(DESTDIR)$(ZSHCOMPDIR)/_parley
	rm -f $(addprefix $(DESTDIR)$(PL_DATA)/,$(SHARE_FILES))
	rmdir $(addprefix $(DESTDIR)$(PL_DATA)/,$(SHARE_DIRS)) 2>/dev/null || true
	rmdir $(DESTDIR)$(PL_DATA)/scenarios $(DESTDIR)$(PL_DATA) 2>/dev/null || true
	rmdir $(DESTDIR)$(INCLUDEDIR)/parley $(DESTDIR)$(DOCDIR) 2>/dev/null || true

clean:
	rm -rf build
