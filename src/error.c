/* error.c - one-line diagnostics on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int vt_error(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("vmtrace: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

void vt_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("vmtrace: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
