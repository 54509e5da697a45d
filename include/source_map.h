/* source_map.h - a regular file read through a memory mapping (source.c's).
 *
 * source_fill() on a plain regular file maps the next window of the file
 * instead of copying it: the window starts at the page holding the first
 * unparsed byte, so the unparsed tail is simply in it again, and the
 * window behind is unmapped (a streaming run keeps one window resident).
 * The bytes after buf[end] are zeros, as source.h promises: either the
 * rest of the file's last page, which the kernel fills with zeros, or one
 * page of anonymous memory reserved right behind the window.
 *
 * Once the file's bytes (its size when the window is mapped) are used up,
 * or when the file cannot be mapped, the source carries on with read()
 * from where the mapping stopped: a file that grows as it is read reads
 * on, and one that ends reads 0 bytes and is at its end, as with read()
 * throughout.
 */
#ifndef VMTRACE_SOURCE_MAP_H
#define VMTRACE_SOURCE_MAP_H

#include "source.h"

/*
 * source_map_fill - map the window after buf[pos], or switch the source to
 * read() (src->window becomes 0; buf then holds the unparsed tail in a
 * buffer of its own and the descriptor is positioned after it).  Compressed
 * input, seen at the first window, switches before any byte is used.
 * Return: 0, or an exit code after a message.
 */
int source_map_fill(struct source *src);

/* Unmap the window, if any. */
void source_map_release(struct source *src);

#endif
