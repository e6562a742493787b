// SPDX-License-Identifier: GPL-2.0
/*
 * hp-latency CPU N: time N cycles of "echo 0" then "echo 1" to
 * /sys/devices/system/cpu/cpuCPU/online, with CLOCK_MONOTONIC around each
 * write() alone (the file stays open).
 *
 * Prints one line per direction, for the host to parse:
 *   hp-latency: cpu1 offline n=100 median_us=1234 p95_us=2345 min_us=.. max_us=..
 * Exit status: 0 if every write succeeded, 1 otherwise, 2 on usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of a sorted array. */
static long long pct(const long long *v, int n, int p)
{
	int k = (p * n + 99) / 100;

	return v[k < 1 ? 0 : k - 1];
}

static void report(int cpu, const char *what, long long *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	printf("hp-latency: cpu%d %s n=%d median_us=%lld p95_us=%lld min_us=%lld max_us=%lld\n",
	       cpu, what, n, pct(v, n, 50), pct(v, n, 95), v[0], v[n - 1]);
}

/* One write of VAL through fd, timed; -1 on failure. */
static long long timed_write(int fd, const char *val)
{
	long long t0 = now_us();

	if (pwrite(fd, val, 1, 0) != 1)
		return -1;
	return now_us() - t0;
}

int main(int argc, char **argv)
{
	long long *off, *on;
	char path[64];
	int cpu, n, i, fd;

	if (argc != 3 || (cpu = atoi(argv[1])) < 1 || (n = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: hp-latency CPU N (CPU >= 1)\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	fd = open(path, O_WRONLY);
	off = calloc(n, sizeof(*off));
	on = calloc(n, sizeof(*on));
	if (fd < 0 || !off || !on) {
		perror("hp-latency");
		return 2;
	}
	for (i = 0; i < n; i++) {
		off[i] = timed_write(fd, "0");
		on[i] = timed_write(fd, "1");
		if (off[i] < 0 || on[i] < 0) {
			printf("hp-latency: cpu%d cycle %d: write failed: %s\n",
			       cpu, i, strerror(errno));
			return 1;
		}
	}
	report(cpu, "offline", off, n);
	report(cpu, "online", on, n);
	return 0;
}
