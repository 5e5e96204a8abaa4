// SPDX-License-Identifier: MIT
/* fuzz_input.h — what the libFuzzer targets share: the parsers read files by path, so each input
 * is handed over as an anonymous in-memory file (memfd) named by /proc/self/fd/N. */
#ifndef PL_FUZZ_INPUT_H
#define PL_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data to a fresh memfd and puts its path in path (size n); returns the fd (close it
 * after), or -1. */
static inline int fuzz_as_file(const uint8_t *data, size_t size, char *path, size_t n)
{
    int fd = memfd_create("parley-fuzz", MFD_CLOEXEC);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(path, n, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
