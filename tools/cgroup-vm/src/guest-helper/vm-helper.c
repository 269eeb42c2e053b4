/*
 * Workloads busybox cannot produce, built with `gcc -static` on the host and placed at /bin/vm-helper in
 * the guest. Each mode prints "ready" once its memory is really faulted in, then waits to be killed, so
 * the checks read the cgroup while the charge is held.
 *
 *   vm-helper hog <MiB>     anonymous memory, every page written
 *   vm-helper huge <pages>  MAP_HUGETLB mapping of default-size huge pages, every page written
 *   vm-helper spin          burn CPU in user space
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void hold(void) {
    puts("ready");
    fflush(stdout);
    for (;;) pause();
}

static void touch(unsigned char *p, size_t len, size_t step) {
    for (size_t i = 0; i < len; i += step) p[i] = (unsigned char)(i >> 12);
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "hog") == 0) {
        size_t len = strtoull(argv[2], NULL, 10) << 20;
        unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) { perror("mmap"); return 2; }
        touch(p, len, 4096);
        hold();
    }
    if (argc >= 3 && strcmp(argv[1], "huge") == 0) {
        size_t len = strtoull(argv[2], NULL, 10) * (2u << 20);
        unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
        if (p == MAP_FAILED) { perror("mmap MAP_HUGETLB"); return 2; }
        touch(p, len, 2u << 20);
        hold();
    }
    if (argc >= 2 && strcmp(argv[1], "spin") == 0) {
        puts("ready");
        fflush(stdout);
        for (volatile unsigned long n = 0;; n++) {}
    }
    fprintf(stderr, "usage: vm-helper hog <MiB> | huge <pages> | spin\n");
    return 64;
}
