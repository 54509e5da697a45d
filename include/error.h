/* error.h - reporting problems the way every vmtrace module does.
 *
 * Library code never exits: it prints one line to stderr, prefixed
 * "vmtrace: ", and returns the exit code the problem deserves, so a caller
 * can write `return vt_error(VT_DATAERR, "%s:%llu: bad token", ...)`.
 */
#ifndef VMTRACE_ERROR_H
#define VMTRACE_ERROR_H

#if defined(__GNUC__)
#define VT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define VT_PRINTF(a, b)
#endif

/* Print "vmtrace: MESSAGE\n" to stderr; return code. */
int vt_error(int code, const char *fmt, ...) VT_PRINTF(2, 3);

/* Print "vmtrace: warning: MESSAGE\n" to stderr. */
void vt_warn(const char *fmt, ...) VT_PRINTF(1, 2);

#endif
