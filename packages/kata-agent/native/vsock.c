/*
 * katamon_vsock: the few AF_VSOCK calls Node lacks. connect() runs in a worker thread and hands back a
 * connected non-blocking fd; adopt() moves that fd under a placeholder fd that net.Socket already wraps
 * (libuv refuses to wrap an AF_VSOCK fd directly, but reads and writes on any stream socket just work).
 */
#define _GNU_SOURCE /* dup3 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/vm_sockets.h>
#include <node_api.h>

typedef struct {
  unsigned int cid;
  unsigned int port;
  unsigned int timeout_ms;
  int fd;
  int err;
  napi_deferred deferred;
  napi_async_work work;
} connect_req;

static const char *errno_name(int e) {
  switch (e) {
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case ENETUNREACH: return "ENETUNREACH";
    case ENODEV: return "ENODEV";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EMFILE: return "EMFILE";
    case EINTR: return "EINTR";
    default: return "EIO";
  }
}

static napi_value errno_error(napi_env env, int e, const char *syscall) {
  napi_value code, msg, err;
  char text[160];
  snprintf(text, sizeof text, "%s %s: %s", syscall, errno_name(e), strerror(e));
  napi_create_string_utf8(env, errno_name(e), NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, code, msg, &err);
  return err;
}

static void connect_execute(napi_env env, void *data) {
  (void)env;
  connect_req *r = data;
  int fd = socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) { r->err = errno; return; }
  if (r->timeout_ms > 0) {
    struct timeval tv = { .tv_sec = r->timeout_ms / 1000, .tv_usec = (r->timeout_ms % 1000) * 1000 };
    setsockopt(fd, AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT, &tv, sizeof tv); /* best effort */
  }
  struct sockaddr_vm addr;
  memset(&addr, 0, sizeof addr);
  addr.svm_family = AF_VSOCK;
  addr.svm_cid = r->cid;
  addr.svm_port = r->port;
  int rc;
  do rc = connect(fd, (struct sockaddr *)&addr, sizeof addr); while (rc < 0 && errno == EINTR);
  if (rc < 0) { r->err = errno; close(fd); return; }
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) { r->err = errno; close(fd); return; }
  r->fd = fd;
}

static void connect_complete(napi_env env, napi_status status, void *data) {
  connect_req *r = data;
  if (status != napi_ok && r->err == 0) r->err = EINTR;
  if (r->err != 0) {
    napi_reject_deferred(env, r->deferred, errno_error(env, r->err, "connect"));
  } else {
    napi_value fd;
    napi_create_int32(env, r->fd, &fd);
    napi_resolve_deferred(env, r->deferred, fd);
  }
  napi_delete_async_work(env, r->work);
  free(r);
}

/* connect(cid, port, timeoutMs) -> Promise<fd> */
static napi_value js_connect(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], promise, name;
  uint32_t cid = 0, port = 0, timeout = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 3 || napi_get_value_uint32(env, argv[0], &cid) != napi_ok ||
      napi_get_value_uint32(env, argv[1], &port) != napi_ok || napi_get_value_uint32(env, argv[2], &timeout) != napi_ok) {
    napi_throw_type_error(env, NULL, "connect(cid, port, timeoutMs) takes three uint32");
    return NULL;
  }
  connect_req *r = calloc(1, sizeof *r);
  if (r == NULL) { napi_throw_error(env, "ENOMEM", "out of memory"); return NULL; }
  r->cid = cid; r->port = port; r->timeout_ms = timeout; r->fd = -1;
  napi_create_promise(env, &r->deferred, &promise);
  napi_create_string_utf8(env, "katamon_vsock_connect", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, connect_execute, connect_complete, r, &r->work);
  napi_queue_async_work(env, r->work);
  return promise;
}

static int int_arg(napi_env env, napi_value v, int32_t *out) {
  return napi_get_value_int32(env, v, out) == napi_ok && *out >= 0;
}

/* placeholder() -> fd of a fresh AF_UNIX stream socket, for net.Socket({ fd }) to wrap */
static napi_value js_placeholder(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) { napi_throw(env, errno_error(env, errno, "socket")); return NULL; }
  napi_create_int32(env, fd, &out);
  return out;
}

/* adopt(targetFd, fd): targetFd now refers to fd's socket; fd is closed */
static napi_value js_adopt(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t target, fd;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2 || !int_arg(env, argv[0], &target) || !int_arg(env, argv[1], &fd)) {
    napi_throw_type_error(env, NULL, "adopt(targetFd, fd) takes two fds");
    return NULL;
  }
  if (dup3(fd, target, O_CLOEXEC) < 0) { napi_throw(env, errno_error(env, errno, "dup3")); return NULL; }
  close(fd);
  return NULL;
}

/* closeFd(fd) */
static napi_value js_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t fd;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc == 1 && int_arg(env, argv[0], &fd)) close(fd);
  return NULL;
}

/* socketPair() -> [fd, fd], non-blocking AF_UNIX: lets tests exercise adopt() without any VM */
static napi_value js_socket_pair(napi_env env, napi_callback_info info) {
  (void)info;
  int sv[2];
  napi_value out, a, b;
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) < 0) {
    napi_throw(env, errno_error(env, errno, "socketpair"));
    return NULL;
  }
  napi_create_array_with_length(env, 2, &out);
  napi_create_int32(env, sv[0], &a);
  napi_create_int32(env, sv[1], &b);
  napi_set_element(env, out, 0, a);
  napi_set_element(env, out, 1, b);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    { "connect", NULL, js_connect, NULL, NULL, NULL, napi_enumerable, NULL },
    { "placeholder", NULL, js_placeholder, NULL, NULL, NULL, napi_enumerable, NULL },
    { "adopt", NULL, js_adopt, NULL, NULL, NULL, napi_enumerable, NULL },
    { "closeFd", NULL, js_close, NULL, NULL, NULL, napi_enumerable, NULL },
    { "socketPair", NULL, js_socket_pair, NULL, NULL, NULL, napi_enumerable, NULL },
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
