# parley — build, test, demo, install.
#   make            the library and the command (build/release)
#   make check      installs what is missing, builds with sanitizers, runs every test
#   make demo       installs what is missing, builds, runs the six-party scenario, writes its report
#   make bench      the benchmarks (figures go to docs/performance.md by hand)
#   make docs       regenerates docs/strategies.md from the registry
#   make install    PREFIX=/usr/local DESTDIR=
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# one version, in the public header; the pkg-config file takes it from there
VERSION := $(shell sed -n 's/^\#define PARLEY_VERSION "\(.*\)"/\1/p' include/parley/parley.h)

# popcount is the heart of window counts; every x86-64 machine since 2008 has the instruction
ARCH    := $(shell uname -m)
ifeq ($(ARCH),x86_64)
  CPU   := -mpopcnt
endif
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wstrict-prototypes
BASE    := -std=c11 -D_GNU_SOURCE -Iinclude -Isrc -pthread -fPIC $(CPU) $(WARN)
# NDEBUG: the assert()s on internal invariants run in the sanitizer build (the tests), not in release
RELEASE := -O3 -g -DNDEBUG $(BASE)
ASAN    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined $(BASE)
LDLIBS  := -ljansson -lyaml -lz -lm -pthread

LIB_SRC := $(sort $(wildcard src/core/*.c src/io/*.c src/strategies/*.c src/twoparty/*.c src/nparty/*.c src/agreement/*.c src/scenario/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
HDRS := $(wildcard include/parley/*.h src/*/*.h src/*/*/*.h src/*/*.def)

REL := build/release
SAN := build/asan

.PHONY: all deps deps-test check demo bench docs install clean test-build
all: $(REL)/parley $(REL)/libparley.a $(REL)/libparley.so

deps:
	@tools/install-deps.sh
deps-test:
	@tools/install-deps.sh --test

define objs
$(patsubst %.c,$(1)/obj/%.o,$(2))
endef

$(REL)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(RELEASE) $(CFLAGS) -c $< -o $@
$(SAN)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN) $(CFLAGS) -c $< -o $@

$(REL)/libparley.a: $(call objs,$(REL),$(LIB_SRC))
	@rm -f $@; ar rcs $@ $^
$(REL)/libparley.so: $(call objs,$(REL),$(LIB_SRC))
	$(CC) -shared -Wl,-soname,libparley.so.0 -o $@ $^ $(LDLIBS)
$(REL)/parley: $(call objs,$(REL),$(CLI_SRC)) $(REL)/libparley.a
	$(CC) -o $@ $^ $(LDLIBS)

$(SAN)/libparley.a: $(call objs,$(SAN),$(LIB_SRC))
	@rm -f $@; ar rcs $@ $^
$(SAN)/parley: $(call objs,$(SAN),$(CLI_SRC)) $(SAN)/libparley.a
	$(CC) -fsanitize=address,undefined -o $@ $^ $(LDLIBS)
# tests/unit/*.h: helpers the unit tests share (strategy_testing.h)
$(SAN)/tests/%: tests/unit/%.c $(SAN)/libparley.a $(HDRS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN) -Itests $< -o $@ $(SAN)/libparley.a $(LDLIBS) -lcmocka

# test helpers (tests/tools/*.c): small programs the e2e tests drive, built with sanitizers
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
$(SAN)/tools/%: tests/tools/%.c $(SAN)/libparley.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN) -Itests $< -o $@ $(SAN)/libparley.a $(LDLIBS)
# the progress bar lives with the command, not in the library: its test and demo link it directly
PROGRESS_OBJS := $(SAN)/obj/src/cli/progress.o $(SAN)/obj/src/cli/cli_util.o
$(SAN)/tools/progress_demo: tests/tools/progress_demo.c $(PROGRESS_OBJS) $(SAN)/libparley.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN) -Itests $< -o $@ $(PROGRESS_OBJS) $(SAN)/libparley.a $(LDLIBS)
$(SAN)/tests/test_progress: tests/unit/test_progress.c $(PROGRESS_OBJS) $(SAN)/libparley.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN) -Itests $< -o $@ $(PROGRESS_OBJS) $(SAN)/libparley.a $(LDLIBS) -lcmocka

$(REL)/bench/%: bench/%.c $(REL)/libparley.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(RELEASE) -march=native $< -o $@ $(REL)/libparley.a $(LDLIBS)

test-build: $(SAN)/parley $(REL)/parley $(REL)/libparley.a $(REL)/libparley.so \
  $(patsubst tests/unit/%.c,$(SAN)/tests/%,$(TEST_SRC)) $(patsubst tests/tools/%.c,$(SAN)/tools/%,$(TOOL_SRC))

check: deps-test
	@$(MAKE) --no-print-directory -j$(JOBS) test-build
	@tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	$(REL)/parley run scenarios/korea/six-party-2007.yaml --runs 20000 --seed 1 --out build/demo
	@echo "report: build/demo/report.html"

bench: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(patsubst bench/%.c,$(REL)/bench/%,$(BENCH_SRC))
	@for b in $(patsubst bench/%.c,$(REL)/bench/%,$(BENCH_SRC)); do echo "== $$b"; $$b; done

# The strategy reference is generated from the registry so that it cannot drift;
# tests/e2e/docs_strategies.sh fails when the committed file is stale.
docs: $(REL)/parley
	$(REL)/parley strategies --markdown > docs/strategies.md.tmp && mv docs/strategies.md.tmp docs/strategies.md
	@echo "docs/strategies.md regenerated"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/parley \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(REL)/parley $(DESTDIR)$(PREFIX)/bin/parley
	install -m 644 $(REL)/libparley.a $(DESTDIR)$(PREFIX)/lib/libparley.a
	install -m 755 $(REL)/libparley.so $(DESTDIR)$(PREFIX)/lib/libparley.so.0
	ln -sf libparley.so.0 $(DESTDIR)$(PREFIX)/lib/libparley.so
	install -m 644 include/parley/*.h $(DESTDIR)$(PREFIX)/include/parley/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' tools/parley.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/parley.pc
	[ ! -f docs/parley.1 ] || install -m 644 docs/parley.1 $(DESTDIR)$(PREFIX)/share/man/man1/parley.1

clean:
	rm -rf build
