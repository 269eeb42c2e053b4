/*
 * The physical floor for reading cgroup files: every file opened once, then per iteration one pread at offset 0
 * into a fixed buffer, no parsing. Prints the CPU time per iteration (user + system, from getrusage) in ns.
 *   pread-floor <iterations> <file>...
 *   pread-floor <iterations> -        (file names on stdin, one per line: a fleet's tens of thousands)
 */
#include <fcntl.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

static char buf[1 << 16];

static double cpu_ns(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <iterations> <file>...\n", argv[0]);
    return 2;
  }
  long iterations = strtol(argv[1], NULL, 10);
  int n = 0;
  int capacity = argc;
  int *fds = calloc(capacity, sizeof(int));
  char line[4096];
  int from_stdin = argc == 3 && strcmp(argv[2], "-") == 0;
  for (int i = 2;; i++) {
    const char *name;
    if (from_stdin) {
      if (fgets(line, sizeof line, stdin) == NULL) break;
      line[strcspn(line, "\n")] = 0;
      if (line[0] == 0) continue;
      name = line;
    } else {
      if (i >= argc) break;
      name = argv[i];
    }
    if (n == capacity) {
      capacity *= 2;
      fds = realloc(fds, capacity * sizeof(int));
    }
    fds[n] = open(name, O_RDONLY | O_CLOEXEC);
    if (fds[n] < 0) {
      perror(name);
      return 1;
    }
    n++;
  }
  long bytes = 0;
  double start = cpu_ns();
  for (long it = 0; it < iterations; it++) {
    for (int i = 0; i < n; i++) {
      ssize_t r = pread(fds[i], buf, sizeof buf, 0);
      if (r < 0) {
        perror("pread");
        return 1;
      }
      bytes += r;
    }
  }
  double per = (cpu_ns() - start) / iterations;
  printf("{\"files\":%d,\"iterations\":%ld,\"bytesPerIteration\":%ld,\"cpuNsPerIteration\":%.0f}\n", n, iterations,
         bytes / iterations, per);
  return 0;
}
