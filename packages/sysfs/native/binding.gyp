{
  "targets": [
    {
      "target_name": "katamon_sysfs",
      "sources": ["pread_batch.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
