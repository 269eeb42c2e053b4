{
  "targets": [
    {
      "target_name": "katamon_sysfs",
      "sources": ["pread_batch.c", "ring.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
