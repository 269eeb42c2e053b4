/*
 * katamon_sysfs: one call that re-reads many held kernel pseudo-files, each with one read at offset 0.
 *
 *   readBatch(fds: Int32Array, buffer: Buffer, out: Int32Array, ring?: boolean) -> undefined
 *                                             ring: through io_uring (see ring.h), for cgroupfs files
 *   ENOBUFS: this platform's errno value
 *   useRing(on: boolean) -> boolean          whether batches go through io_uring (see ring.h); false when the
 *                                             kernel refuses it (too old, io_uring_disabled, a seccomp filter)
 *   watchOpen() -> fd | -errno              a non-blocking inotify instance
 *   watchAdd(fd, dir: string) -> wd | -errno  writes to the directory's files (and files created, removed,
 *                                             renamed there, for trees that are not cgroupfs)
 *   watchDrain(fd, buffer: Buffer) -> bytes | -errno   struct inotify_event records; 0 when none is queued
 *   watchRemove(fd, wd) -> 0 | -errno
 *
 * The watch lets a reader keep limit files until someone writes them: the kernel queues IN_MODIFY during the
 * write(2) itself, so a drain at the start of a sample sees every write that completed before it.
 *
 * File i's bytes are at out[2i] in `buffer`, out[2i+1] is their length, or -errno when the read failed, or
 * -ENOBUFS when the file filled the rest of the buffer (it may be truncated: the caller reads that file again
 * its own way and grows the buffer). The bytes are those of one pread(fd, buf, rest of the buffer, 0).
 *
 * Why one call: a JavaScript loop of fs.readSync costs about a microsecond of binding work per file on top of
 * the system call, and a sample of a container reads some 10 to 40 files, every tick. With io_uring the whole
 * batch is one system call too: on a kernel with page-table isolation and no PCID (common in VMs) every kernel
 * entry flushes the TLB, and one io_uring_enter for a container's ten files costs about two thirds of ten
 * preads (tools/bench).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/inotify.h>
#include <unistd.h>
#include <node_api.h>
#include "ring.h"

static napi_value throw_type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
  return NULL;
}

static int int32_array(napi_env env, napi_value value, int32_t **data, size_t *length) {
  bool is_typed = false;
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return 0;
  if (napi_get_typedarray_info(env, value, &type, length, (void **)data, &buffer, &offset) != napi_ok) return 0;
  return type == napi_int32_array;
}

static napi_value read_batch(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3)
    return throw_type_error(env, "readBatch(fds: Int32Array, buffer: Buffer, out: Int32Array, ring?: boolean)");
  bool through_ring = false;
  if (argc > 3 && napi_get_value_bool(env, argv[3], &through_ring) != napi_ok) through_ring = false;
  int32_t *fds, *out;
  size_t count, out_length;
  if (!int32_array(env, argv[0], &fds, &count)) return throw_type_error(env, "fds must be an Int32Array");
  if (!int32_array(env, argv[2], &out, &out_length)) return throw_type_error(env, "out must be an Int32Array");
  if (out_length < 2 * count) return throw_type_error(env, "out must hold two entries per descriptor");
  bool is_buffer = false;
  if (napi_is_buffer(env, argv[1], &is_buffer) != napi_ok || !is_buffer) return throw_type_error(env, "buffer must be a Buffer");
  char *buffer;
  size_t capacity;
  if (napi_get_buffer_info(env, argv[1], (void **)&buffer, &capacity) != napi_ok) return throw_type_error(env, "buffer must be a Buffer");
  if (capacity > INT32_MAX) capacity = INT32_MAX;

  katamon_ring *ring = NULL;
  napi_get_instance_data(env, (void **)&ring);
  if (!through_ring || ring == NULL || count < 2 || !katamon_ring_read(ring, fds, count, buffer, capacity, out))
    katamon_pread_all(fds, count, buffer, capacity, out);
  return NULL;
}

static napi_value int32_value(napi_env env, int32_t v) {
  napi_value out;
  napi_create_int32(env, v, &out);
  return out;
}

static napi_value watch_open(napi_env env, napi_callback_info info) {
  (void)info;
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  return int32_value(env, fd < 0 ? -errno : fd);
}

static napi_value watch_add(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd;
  char path[4096];
  size_t length;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_int32(env, argv[0], &fd) != napi_ok ||
      napi_get_value_string_utf8(env, argv[1], path, sizeof path, &length) != napi_ok)
    return throw_type_error(env, "watchAdd(fd: number, dir: string)");
  if (length >= sizeof path - 1) return int32_value(env, -ENAMETOOLONG);
  int wd = inotify_add_watch(fd, path, IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR);
  return int32_value(env, wd < 0 ? -errno : wd);
}

static napi_value watch_drain(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd;
  bool is_buffer = false;
  char *buffer;
  size_t capacity;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_int32(env, argv[0], &fd) != napi_ok || napi_is_buffer(env, argv[1], &is_buffer) != napi_ok ||
      !is_buffer || napi_get_buffer_info(env, argv[1], (void **)&buffer, &capacity) != napi_ok)
    return throw_type_error(env, "watchDrain(fd: number, buffer: Buffer)");
  if (capacity > INT32_MAX) capacity = INT32_MAX;
  ssize_t n;
  do {
    n = read(fd, buffer, capacity);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return int32_value(env, errno == EAGAIN ? 0 : -errno);
  return int32_value(env, (int32_t)n);
}

static napi_value watch_remove(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd, wd;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_int32(env, argv[0], &fd) != napi_ok || napi_get_value_int32(env, argv[1], &wd) != napi_ok)
    return throw_type_error(env, "watchRemove(fd: number, wd: number)");
  return int32_value(env, inotify_rm_watch(fd, wd) < 0 ? -errno : 0);
}

static napi_value use_ring(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  bool on = false;
  katamon_ring *ring = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || napi_get_value_bool(env, argv[0], &on) != napi_ok)
    return throw_type_error(env, "useRing(on: boolean)");
  napi_get_instance_data(env, (void **)&ring);
  napi_value result;
  napi_get_boolean(env, ring != NULL && katamon_ring_use(ring, on), &result);
  return result;
}

static void finalize_ring(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  katamon_ring_free(data);
}

NAPI_MODULE_INIT() {
  napi_value fn, enobufs;
  if (napi_create_function(env, "readBatch", NAPI_AUTO_LENGTH, read_batch, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "readBatch", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "useRing", NAPI_AUTO_LENGTH, use_ring, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "useRing", fn) != napi_ok) return NULL;
  /* One ring per Node environment (a worker thread loads its own), made at its first batch. */
  katamon_ring *ring = katamon_ring_new();
  if (ring != NULL && napi_set_instance_data(env, ring, finalize_ring, NULL) != napi_ok) katamon_ring_free(ring);
  if (napi_create_function(env, "watchOpen", NAPI_AUTO_LENGTH, watch_open, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "watchOpen", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "watchAdd", NAPI_AUTO_LENGTH, watch_add, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "watchAdd", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "watchDrain", NAPI_AUTO_LENGTH, watch_drain, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "watchDrain", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "watchRemove", NAPI_AUTO_LENGTH, watch_remove, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "watchRemove", fn) != napi_ok) return NULL;
  /* This platform's ENOBUFS, so callers need no errno table. */
  if (napi_create_int32(env, ENOBUFS, &enobufs) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "ENOBUFS", enobufs) != napi_ok) return NULL;
  return exports;
}
