/*
 * Batched positional reads through io_uring, with plain preads as the fallback.
 *
 * A batch of n files becomes n IORING_OP_READ entries at offset 0 submitted and waited for with one
 * io_uring_enter. Pseudo-files (cgroupfs, procfs) complete inline, in the submitting thread: no worker
 * thread is involved. Each read gets an equal share of the buffer; the bytes are then packed to the front
 * in file order, and a file that filled its share (it may be longer) is read again with pread into what is
 * left, so the result is the same as preads over the whole buffer.
 *
 * The ring is made at the first batch. When the kernel refuses it (older than 5.1, io_uring_disabled, a
 * seccomp filter) or an io_uring_enter fails in a way a pread would not, batches use preads from then on.
 */
#ifndef KATAMON_RING_H
#define KATAMON_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct katamon_ring katamon_ring;

katamon_ring *katamon_ring_new(void);
void katamon_ring_free(katamon_ring *ring);

/** Turns the ring on or off; true when batches will go through it (made now if it was not yet). */
bool katamon_ring_use(katamon_ring *ring, bool on);

/** The batch through the ring; false when the ring is off or unavailable (nothing was read then). */
bool katamon_ring_read(katamon_ring *ring, const int32_t *fds, size_t count, char *buffer, size_t capacity, int32_t *out);

/** The batch with one pread per file, each after the previous file's bytes. */
void katamon_pread_all(const int32_t *fds, size_t count, char *buffer, size_t capacity, int32_t *out);

#endif
