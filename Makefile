# vmtrace - page-replacement trace analyzer.
#   make          build ./vmtrace
#   make check    install missing Debian packages (as root), build, run all tests
#   make demo     install missing packages, build, replay a bundled trace
#   make bench    benchmark against `wc -w` on generated traces
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
LDLIBS   += $(JANSSON_LIBS) -lpthread

OBJS = \
	src/addrmap.o \
	src/belady.o \
	src/cmd_belady.o \
	src/cmd_common.o \
	src/cmd_plot.o \
	src/cmd_policies.o \
	src/cmd_replay.o \
	src/cmd_stats.o \
	src/cmd_sweep.o \
	src/error.o \
	src/fheap.o \
	src/machine.o \
	src/nextuse.o \
	src/options.o \
	src/outfile.o \
	src/output.o \
	src/output/csv.o \
	src/output/json.o \
	src/output/text.o \
	src/plot.o \
	src/plot_templates.o \
	src/policy.o \
	src/policy/clock.o \
	src/policy/fifo.o \
	src/policy/lfu.o \
	src/policy/lru.o \
	src/policy/opt.o \
	src/policy/ws.o \
	src/progress.o \
	src/reader/lackey.o \
	src/reader/lineindex.o \
	src/reader/scan.o \
	src/reader/seq.o \
	src/replay.o \
	src/source.o \
	src/stackdist.o \
	src/sweep.o \
	src/trace.o \
	src/ws_sweep.o

MAIN_OBJ = src/main.o

TEST_SRCS = $(sort $(wildcard tests/unit/test_*.c))
TEST_OBJS = $(TEST_SRCS:.c=.o)

.PHONY: all check unit cli demo bench deps clean

all: vmtrace

vmtrace: $(MAIN_OBJ) $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

%.o: %.c $(wildcard include/*.h src/reader/*.h)
	$(CC) $(WARN) $(CPPFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) -c -o $@ $<

tests/unit/%.o: tests/unit/%.c $(wildcard include/*.h tests/unit/*.h)
	$(CC) $(WARN) $(CPPFLAGS) $(CRITERION_CFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) -c -o $@ $<

tests/unit/run-tests: $(TEST_OBJS) $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LDLIBS)

deps:
	@sh scripts/deps.sh

check: deps
	$(MAKE) vmtrace tests/unit/run-tests
	$(MAKE) unit cli

unit: tests/unit/run-tests
	./tests/unit/run-tests --jobs 2

cli: vmtrace
	sh tests/cli/run.sh
	sh tests/cli/man-examples.sh
	if command -v mandoc >/dev/null; then mandoc -Tlint -W warning man/vmtrace.1; fi

demo: deps
	$(MAKE) vmtrace
	sh scripts/demo.sh

bench: vmtrace
	sh tests/bench/run.sh

# The gnuplot templates, compiled in (src/plot.c); generated, never edited.
src/plot_templates.c: scripts/embed-templates.sh $(sort $(wildcard plots/*.gp))
	sh scripts/embed-templates.sh $@ $(sort $(wildcard plots/*.gp))

clean:
	rm -f vmtrace $(MAIN_OBJ) $(OBJS) $(TEST_OBJS) tests/unit/run-tests src/plot_templates.c
