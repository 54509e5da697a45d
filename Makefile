# vmtrace - page-replacement trace analyzer.
#   make          build ./vmtrace
#   make check    install missing Debian packages (as root), build, run all tests
#   make demo     install missing packages, build, replay a bundled trace
#   make bench    benchmark against `wc -w` on generated traces
#   make install  install under $(DESTDIR)$(PREFIX) (default /usr/local);
#                 make uninstall removes exactly what it installed
#   make dist     vmtrace-$(VERSION).tar.gz of the files git tracks
VERSION   = 0.1.0
CC       ?= cc
PKG_CONFIG ?= pkg-config
OPTFLAGS ?= -O2
CFLAGS   ?= $(OPTFLAGS) -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc/reader \
            -DVMTRACE_VERSION='"$(VERSION)"'
JANSSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS   := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
CRITERION_CFLAGS := $(shell $(PKG_CONFIG) --cflags criterion 2>/dev/null)
CRITERION_LIBS   := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null || echo -lcriterion)
ZLIB_LIBS      := $(shell $(PKG_CONFIG) --libs zlib 2>/dev/null || echo -lz)
ZSTD_LIBS      := $(shell $(PKG_CONFIG) --libs libzstd 2>/dev/null || echo -lzstd)
LDLIBS   += $(JANSSON_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS) -lpthread

# Installation directories (GNU conventions; DESTDIR stages a package).
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions
PKGDATADIR = $(DATADIR)/vmtrace
INSTALL  ?= install
# What goes under share/vmtrace: the bundled traces and the chart templates.
INSTALL_TRACES = $(sort $(wildcard traces/*.seq traces/*.lackey traces/*.events)) traces/README.md
INSTALL_PLOTS  = $(sort $(wildcard plots/*.gp))
DIST_NAME = vmtrace-$(VERSION)

OBJS = \
	src/addrmap.o \
	src/belady.o \
	src/buddy.o \
	src/cleanup.o \
	src/cmd_belady.o \
	src/cmd_common.o \
	src/cmd_merge.o \
	src/cmd_merge_lackey.o \
	src/cmd_plot.o \
	src/cmd_policies.o \
	src/cmd_record.o \
	src/cmd_replay.o \
	src/cmd_stats.o \
	src/cmd_sweep.o \
	src/cmd_thrash.o \
	src/compress.o \
	src/compress/gzip.o \
	src/compress/zstd.o \
	src/cost.o \
	src/curve_acc.o \
	src/error.o \
	src/fheap.o \
	src/machine.o \
	src/memopts.o \
	src/nextuse.o \
	src/numa.o \
	src/options.o \
	src/outfile.o \
	src/output.o \
	src/output/csv.o \
	src/output/json.o \
	src/output/text.o \
	src/plot.o \
	src/plot_nodes.o \
	src/plot_templates.o \
	src/policy.o \
	src/policy/2q.o \
	src/policy/aging.o \
	src/policy/arc.o \
	src/policy/clock.o \
	src/policy/clockpro.o \
	src/policy/esc.o \
	src/policy/fifo.o \
	src/policy/lfu.o \
	src/policy/linux2q.o \
	src/policy/lirs.o \
	src/policy/lru.o \
	src/policy/mru.o \
	src/policy/nru.o \
	src/policy/opt.o \
	src/policy/pff.o \
	src/policy/random.o \
	src/policy/s3fifo.o \
	src/policy/sieve.o \
	src/policy/ws.o \
	src/policy/wsclock.o \
	src/progress.o \
	src/reader/events.o \
	src/reader/lackey.o \
	src/reader/scan.o \
	src/reader/seq.o \
	src/replay.o \
	src/source.o \
	src/source_map.o \
	src/stackdist_lru.o \
	src/stackdist_opt.o \
	src/swap.o \
	src/sweep.o \
	src/tlb.o \
	src/trace.o \
	src/ws_sweep.o

MAIN_OBJ = src/main.o

TEST_SRCS = $(sort $(wildcard tests/unit/test_*.c))
TEST_OBJS = $(TEST_SRCS:.c=.o)

FUZZ_TARGETS = tests/fuzz/fuzz_seq tests/fuzz/fuzz_lackey tests/fuzz/fuzz_auto tests/fuzz/fuzz_options
FUZZ_REPLAYS = $(FUZZ_TARGETS:=-replay)
LIB_SRCS = $(OBJS:.o=.c)
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all check check-slow check-sanitize check-valgrind robustness unit cli fuzz fuzz-run fuzz-replay demo bench \
	deps clean install uninstall dist check-dist check-install

all: vmtrace

vmtrace: $(MAIN_OBJ) $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

%.o: %.c $(wildcard include/*.h src/reader/*.h src/policy/*.h)
	$(CC) $(WARN) $(CPPFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) -c -o $@ $<

tests/unit/%.o: tests/unit/%.c $(wildcard include/*.h tests/unit/*.h)
	$(CC) $(WARN) $(CPPFLAGS) $(CRITERION_CFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) -c -o $@ $<

tests/unit/run-tests: $(TEST_OBJS) $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LDLIBS)

deps:
	@sh scripts/deps.sh

check: deps
	$(MAKE) vmtrace tests/unit/run-tests $(FUZZ_REPLAYS)
	$(MAKE) unit cli robustness fuzz-replay check-install

# Also stream a generated 5 GB trace through a pipe (memory must stay flat).
check-slow: vmtrace
	SLOW=1 sh tests/robustness/run.sh

robustness: vmtrace
	sh tests/robustness/run.sh

unit: tests/unit/run-tests
	./tests/unit/run-tests --jobs 2

cli: vmtrace
	sh tests/cli/run.sh
	sh tests/cli/compressed.sh
	sh tests/cli/man-examples.sh
	sh tests/cli/readme-examples.sh
	sh tests/merge.sh
	bash tests/completion.sh
	sh tests/progress.sh
	sh tests/record.sh
	if command -v mandoc >/dev/null; then mandoc -Tlint -W warning man/vmtrace.1; fi

# The whole suite again with AddressSanitizer and UBSan (a clean rebuild
# before and after, since objects are built in the tree).
check-sanitize: deps
	$(MAKE) clean
	$(MAKE) vmtrace tests/unit/run-tests $(FUZZ_REPLAYS) CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
	ASAN_OPTIONS=detect_leaks=1 $(MAKE) unit cli robustness fuzz-replay CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
	$(MAKE) clean

# A replay, a sweep and a chart under valgrind memcheck: no error, no leak.
check-valgrind: vmtrace
	sh tests/valgrind.sh

# libFuzzer harnesses (clang): make fuzz builds them; make fuzz-run runs each
# for FUZZ_SECONDS over a copy of its corpus, keeping new inputs.
fuzz: $(FUZZ_TARGETS)

tests/fuzz/fuzz_seq: tests/fuzz/fuzz_trace.c $(LIB_SRCS)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) $(JANSSON_CFLAGS) -DFUZZ_FORMAT='"seq"' -o $@ $< $(filter-out $<,$^) $(LDLIBS)
tests/fuzz/fuzz_lackey: tests/fuzz/fuzz_trace.c $(LIB_SRCS)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) $(JANSSON_CFLAGS) -DFUZZ_FORMAT='"lackey"' -o $@ $< $(filter-out $<,$^) $(LDLIBS)
tests/fuzz/fuzz_auto: tests/fuzz/fuzz_trace.c $(LIB_SRCS)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) $(JANSSON_CFLAGS) -DFUZZ_FORMAT='"auto"' -o $@ $< $(filter-out $<,$^) $(LDLIBS)
tests/fuzz/fuzz_options: tests/fuzz/fuzz_options.c $(LIB_SRCS)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) $(JANSSON_CFLAGS) -o $@ $< $(filter-out $<,$^) $(LDLIBS)

fuzz-run: fuzz
	for t in seq lackey auto options; do \
		mkdir -p tests/fuzz/work/$$t && \
		./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=2 \
			-artifact_prefix=tests/fuzz/corpus/$$t/crash- \
			tests/fuzz/work/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# The corpus (seeds, and every crash ever found) replayed without libFuzzer.
tests/fuzz/fuzz_seq-replay: tests/fuzz/fuzz_trace.c tests/fuzz/replay.c $(OBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -DFUZZ_FORMAT='"seq"' -o $@ $^ $(LDLIBS)
tests/fuzz/fuzz_lackey-replay: tests/fuzz/fuzz_trace.c tests/fuzz/replay.c $(OBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -DFUZZ_FORMAT='"lackey"' -o $@ $^ $(LDLIBS)
tests/fuzz/fuzz_auto-replay: tests/fuzz/fuzz_trace.c tests/fuzz/replay.c $(OBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -DFUZZ_FORMAT='"auto"' -o $@ $^ $(LDLIBS)
tests/fuzz/fuzz_options-replay: tests/fuzz/fuzz_options.c tests/fuzz/replay.c $(OBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS)

fuzz-replay: $(FUZZ_REPLAYS)
	for t in seq lackey auto options; do \
		./tests/fuzz/fuzz_$$t-replay tests/fuzz/corpus/$$t/* 2>/dev/null || exit 1; \
	done

install: vmtrace
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(COMPLETIONDIR)' \
		'$(DESTDIR)$(PKGDATADIR)/traces' '$(DESTDIR)$(PKGDATADIR)/plots'
	$(INSTALL) -m 755 vmtrace '$(DESTDIR)$(BINDIR)/vmtrace'
	$(INSTALL) -m 644 man/vmtrace.1 '$(DESTDIR)$(MANDIR)/man1/vmtrace.1'
	$(INSTALL) -m 644 scripts/completion.bash '$(DESTDIR)$(COMPLETIONDIR)/vmtrace'
	$(INSTALL) -m 644 $(INSTALL_TRACES) '$(DESTDIR)$(PKGDATADIR)/traces'
	$(INSTALL) -m 644 $(INSTALL_PLOTS) '$(DESTDIR)$(PKGDATADIR)/plots'

# Removes the files install wrote, then the vmtrace directories if empty;
# never the shared directories (bin, man1, ...), which other packages use.
uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/vmtrace' '$(DESTDIR)$(MANDIR)/man1/vmtrace.1' \
		'$(DESTDIR)$(COMPLETIONDIR)/vmtrace'
	rm -f $(addprefix '$(DESTDIR)$(PKGDATADIR)/traces/,$(addsuffix ',$(notdir $(INSTALL_TRACES))))
	rm -f $(addprefix '$(DESTDIR)$(PKGDATADIR)/plots/,$(addsuffix ',$(notdir $(INSTALL_PLOTS))))
	for d in '$(DESTDIR)$(PKGDATADIR)/traces' '$(DESTDIR)$(PKGDATADIR)/plots' '$(DESTDIR)$(PKGDATADIR)'; do \
		if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null || echo "uninstall: kept $$d (not empty)"; fi; \
	done

# The release tarball: exactly the files git tracks (so nothing generated
# and nothing local slips in), under vmtrace-VERSION/.  Needs a git checkout.
dist:
	@git rev-parse --is-inside-work-tree >/dev/null 2>&1 || \
		{ echo 'dist: needs a git checkout (it packs the files git tracks)' >&2; exit 1; }
	rm -f $(DIST_NAME).tar.gz
	git ls-files -z | tar --null -T - --transform 's,^,$(DIST_NAME)/,' \
		--owner=0 --group=0 --numeric-owner -czf $(DIST_NAME).tar.gz
	@echo "dist: $(DIST_NAME).tar.gz"

# Install into a temporary DESTDIR, run the installed copy, uninstall.
check-install: vmtrace
	sh tests/install.sh
	sh tests/dist.sh

# Unpack the tarball in a temporary directory and run make check there
# (make check itself only builds from it: tests/dist.sh).
check-dist:
	DIST_FULL=1 sh tests/dist.sh

demo: deps
	$(MAKE) vmtrace
	sh scripts/demo.sh

bench: vmtrace
	sh tests/bench/run.sh

# The gnuplot templates, compiled in (src/plot.c); generated, never edited.
src/plot_templates.c: scripts/embed-templates.sh $(sort $(wildcard plots/*.gp))
	sh scripts/embed-templates.sh $@ $(sort $(wildcard plots/*.gp))

clean:
	rm -f vmtrace $(MAIN_OBJ) $(OBJS) $(TEST_OBJS) tests/unit/run-tests src/plot_templates.c \
		$(FUZZ_TARGETS) $(FUZZ_REPLAYS)
