#include "ring.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__) && __has_include(<linux/io_uring.h>)
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#endif
#if defined(__NR_io_uring_setup) && defined(__NR_io_uring_enter) && defined(IORING_OFF_SQ_RING)
#define KATAMON_HAVE_RING 1
#else
#define KATAMON_HAVE_RING 0
#endif

/** Reads per io_uring_enter: a container's sample is 10 to 40 files; longer batches go in rounds. */
#define RING_ENTRIES 64u
/** Below this share of the buffer per file a round would mostly re-read: preads instead. */
#define MIN_SHARE 256u

enum ring_state { RING_UNTRIED, RING_READY, RING_OFF, RING_UNAVAILABLE };

struct katamon_ring {
  enum ring_state state;
#if KATAMON_HAVE_RING
  int fd;
  unsigned *sq_tail, *sq_mask, *sq_array;
  unsigned *cq_head, *cq_tail, *cq_mask;
  struct io_uring_sqe *sqes;
  struct io_uring_cqe *cqes;
  void *sq_map, *cq_map;
  size_t sq_size, cq_size, sqes_size;
  int32_t result[RING_ENTRIES];
#endif
};

static ssize_t pread_retry(int fd, char *to, size_t length) {
  ssize_t n;
  do {
    n = pread(fd, to, length, 0);
  } while (n < 0 && errno == EINTR);
  return n < 0 ? -errno : n;
}

/** One file read at `used` with the rest of the buffer: its out entries; returns the new `used`. */
static size_t pread_one(int32_t fd, char *buffer, size_t capacity, size_t used, int32_t *entry) {
  entry[0] = (int32_t)used;
  if (used >= capacity) {
    entry[1] = -ENOBUFS;
    return used;
  }
  ssize_t n = pread_retry(fd, buffer + used, capacity - used);
  if (n < 0) {
    entry[1] = (int32_t)n;
  } else if ((size_t)n == capacity - used) {
    entry[1] = -ENOBUFS;
  } else {
    entry[1] = (int32_t)n;
    used += (size_t)n;
  }
  return used;
}

void katamon_pread_all(const int32_t *fds, size_t count, char *buffer, size_t capacity, int32_t *out) {
  if (capacity > INT32_MAX) capacity = INT32_MAX;
  size_t used = 0;
  for (size_t i = 0; i < count; i++) used = pread_one(fds[i], buffer, capacity, used, out + 2 * i);
}

katamon_ring *katamon_ring_new(void) {
  katamon_ring *ring = calloc(1, sizeof *ring);
  if (ring == NULL) return NULL;
  ring->state = RING_UNTRIED;
#if KATAMON_HAVE_RING
  ring->fd = -1;
#endif
  return ring;
}

#if KATAMON_HAVE_RING

static void unmap(katamon_ring *ring) {
  if (ring->sqes != NULL && ring->sqes != MAP_FAILED) munmap(ring->sqes, ring->sqes_size);
  if (ring->cq_map != NULL && ring->cq_map != MAP_FAILED && ring->cq_map != ring->sq_map) munmap(ring->cq_map, ring->cq_size);
  if (ring->sq_map != NULL && ring->sq_map != MAP_FAILED) munmap(ring->sq_map, ring->sq_size);
  if (ring->fd >= 0) close(ring->fd);
  ring->sqes = NULL;
  ring->sq_map = ring->cq_map = NULL;
  ring->fd = -1;
}

static int ring_setup(unsigned entries, struct io_uring_params *params) {
  return (int)syscall(__NR_io_uring_setup, entries, params);
}

static bool ring_open(katamon_ring *ring) {
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  int fd = ring_setup(RING_ENTRIES, &p);
  if (fd < 0) return false;
  ring->fd = fd;
  ring->sq_size = p.sq_off.array + p.sq_entries * sizeof(unsigned);
  ring->cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
  bool single = (p.features & IORING_FEAT_SINGLE_MMAP) != 0;
  if (single && ring->cq_size > ring->sq_size) ring->sq_size = ring->cq_size;
  ring->sq_map = mmap(NULL, ring->sq_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
  if (ring->sq_map == MAP_FAILED) return unmap(ring), false;
  ring->cq_map = single ? ring->sq_map
                        : mmap(NULL, ring->cq_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
  if (ring->cq_map == MAP_FAILED) return unmap(ring), false;
  ring->sqes_size = p.sq_entries * sizeof(struct io_uring_sqe);
  ring->sqes = mmap(NULL, ring->sqes_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
  if (ring->sqes == MAP_FAILED) return unmap(ring), false;
  char *sq = ring->sq_map, *cq = ring->cq_map;
  ring->sq_tail = (unsigned *)(sq + p.sq_off.tail);
  ring->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
  ring->sq_array = (unsigned *)(sq + p.sq_off.array);
  ring->cq_head = (unsigned *)(cq + p.cq_off.head);
  ring->cq_tail = (unsigned *)(cq + p.cq_off.tail);
  ring->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
  ring->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
  return true;
}

/**
 * Submits `n` reads already in the SQ and waits for their completions into ring->result. False when
 * io_uring_enter failed other than by an interruption or a transient shortage: the ring is then given up
 * (see katamon_ring_read). Pseudo-file reads complete during the submission, so none is left in flight.
 */
static bool submit_and_wait(katamon_ring *ring, unsigned n) {
  unsigned submitted = 0, completed = 0, retries = 0;
  while (completed < n) {
    long r = syscall(__NR_io_uring_enter, ring->fd, n - submitted, n - completed, IORING_ENTER_GETEVENTS, NULL, 0);
    if (r < 0) {
      if ((errno != EINTR && errno != EAGAIN && errno != EBUSY) || ++retries > 1000) return false;
    } else {
      submitted += (unsigned)r > n - submitted ? n - submitted : (unsigned)r;
    }
    unsigned head = *ring->cq_head;
    unsigned tail = __atomic_load_n(ring->cq_tail, __ATOMIC_ACQUIRE);
    for (; head != tail; head++) {
      struct io_uring_cqe *cqe = &ring->cqes[head & *ring->cq_mask];
      if (cqe->user_data < RING_ENTRIES) ring->result[cqe->user_data] = cqe->res;
      completed++;
    }
    __atomic_store_n(ring->cq_head, head, __ATOMIC_RELEASE);
  }
  return true;
}

#endif

bool katamon_ring_use(katamon_ring *ring, bool on) {
  if (!on) {
    if (ring->state == RING_READY || ring->state == RING_UNTRIED) ring->state = RING_OFF;
    return false;
  }
  if (ring->state == RING_OFF) ring->state = RING_UNTRIED;
#if KATAMON_HAVE_RING
  if (ring->state == RING_UNTRIED) {
    if (ring->fd >= 0 || ring_open(ring)) ring->state = RING_READY;
    else ring->state = RING_UNAVAILABLE;
  }
  return ring->state == RING_READY;
#else
  ring->state = RING_UNAVAILABLE;
  return false;
#endif
}

bool katamon_ring_read(katamon_ring *ring, const int32_t *fds, size_t count, char *buffer, size_t capacity, int32_t *out) {
#if KATAMON_HAVE_RING
  if (ring->state == RING_UNTRIED) katamon_ring_use(ring, true);
  if (ring->state != RING_READY) return false;
  if (capacity > INT32_MAX) capacity = INT32_MAX;
  size_t used = 0;
  for (size_t first = 0; first < count;) {
    unsigned n = count - first < RING_ENTRIES ? (unsigned)(count - first) : RING_ENTRIES;
    size_t share = (capacity - used) / n;
    if (share < MIN_SHARE) {
      for (size_t i = first; i < count; i++) used = pread_one(fds[i], buffer, capacity, used, out + 2 * i);
      return true;
    }
    unsigned tail = *ring->sq_tail;
    for (unsigned j = 0; j < n; j++) {
      unsigned slot = (tail + j) & *ring->sq_mask;
      struct io_uring_sqe *sqe = &ring->sqes[slot];
      memset(sqe, 0, sizeof *sqe);
      sqe->opcode = IORING_OP_READ;
      sqe->fd = fds[first + j];
      sqe->addr = (uint64_t)(uintptr_t)(buffer + used + j * share);
      sqe->len = (uint32_t)share;
      sqe->off = 0;
      sqe->user_data = j;
      ring->sq_array[slot] = slot;
      ring->result[j] = -EIO;
    }
    __atomic_store_n(ring->sq_tail, tail + n, __ATOMIC_RELEASE);
    if (!submit_and_wait(ring, n)) {
      // Entries may be left in the ring: it is not used again, and this batch is read with preads.
      ring->state = RING_UNAVAILABLE;
      katamon_pread_all(fds, count, buffer, capacity, out);
      return true;
    }
    // Pack the bytes to the front in file order (each share starts at or after where its bytes go).
    size_t base = used;
    for (unsigned j = 0; j < n; j++) {
      int32_t res = ring->result[j];
      int32_t *entry = out + 2 * (first + j);
      if (res >= 0 && (size_t)res < share) {
        memmove(buffer + used, buffer + base + j * share, (size_t)res);
        entry[0] = (int32_t)used;
        entry[1] = res;
        used += (size_t)res;
      } else if (res < 0 && res != -EAGAIN && res != -EINTR) {
        entry[0] = (int32_t)used;
        entry[1] = res;
      } else {
        entry[1] = INT32_MIN; // filled its share, or asks to be retried: read it again below
      }
    }
    for (unsigned j = 0; j < n; j++) {
      int32_t *entry = out + 2 * (first + j);
      if (entry[1] == INT32_MIN) used = pread_one(fds[first + j], buffer, capacity, used, entry);
    }
    first += n;
  }
  return true;
#else
  (void)ring;
  (void)fds;
  (void)count;
  (void)buffer;
  (void)capacity;
  (void)out;
  return false;
#endif
}

void katamon_ring_free(katamon_ring *ring) {
  if (ring == NULL) return;
#if KATAMON_HAVE_RING
  unmap(ring);
#endif
  free(ring);
}
