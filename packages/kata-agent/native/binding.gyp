{
  "targets": [
    {
      "target_name": "katamon_vsock",
      "sources": ["vsock.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
