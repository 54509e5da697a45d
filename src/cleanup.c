/* cleanup.c - unlink registered temporary files on SIGINT/SIGTERM/SIGHUP. */
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"

#define CLEANUP_SLOTS 8

/* Read by the handler: each slot is a pointer the main flow sets before
 * the file exists and clears after it is renamed or removed. */
static const char *volatile slots[CLEANUP_SLOTS];

static void on_signal(int sig)
{
	for (size_t i = 0; i < CLEANUP_SLOTS; i++)
		if (slots[i])
			unlink(slots[i]);   /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

void cleanup_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;
		/* Leave alone a signal the caller chose to ignore (nohup). */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int cleanup_register(const char *path)
{
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		if (!slots[i]) {
			slots[i] = path;
			return i;
		}
	}
	return -1;
}

void cleanup_unregister(int slot)
{
	if (slot >= 0 && slot < CLEANUP_SLOTS)
		slots[slot] = NULL;
}
