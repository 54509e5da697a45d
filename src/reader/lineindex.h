/* lineindex.h - where the lines are (private).
 *
 * Finding every newline of a block first, 64 bytes at a step with vector
 * compares,
 * and only then parsing the lines, frees the parser from a serial chain
 * (the next line starts where this one's scan ends): lines are parsed
 * independently and the CPU overlaps them.
 */
#ifndef VMTRACE_LINEINDEX_H
#define VMTRACE_LINEINDEX_H

#include <stddef.h>
#include <stdint.h>

struct line_ix {
	uint32_t start;  /* offset of the line's first byte */
	uint32_t end;    /* offset of its '\n' */
};

/*
 * index_lines - index the complete lines of base[0..len), at most max.
 * len must be below 4 GiB; 64 bytes past base[len] must be readable.
 * Return: the number of lines indexed (each ends in '\n').
 */
size_t index_lines(const unsigned char *base, size_t len, struct line_ix *ix, size_t max);

#endif
