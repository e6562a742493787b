// SPDX-License-Identifier: GPL-2.0
/*
 * fail-nth N FILE VALUE: write VALUE to FILE with the Nth fault site of
 * this task failing (/proc/self/fail-nth), and nothing else in between:
 * FILE is opened before the fault is armed, and the counter is read back
 * through the descriptor that armed it.
 *
 * Prints "write ok|<errno name> injected yes|no".  Exit status: 0 if the
 * write succeeded, 1 if it failed, 2 on a usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char arm[32], back[32] = "";
	int nth, fd, err = 0;
	ssize_t r;

	if (argc != 4) {
		fprintf(stderr, "usage: fail-nth N FILE VALUE\n");
		return 2;
	}
	nth = open("/proc/self/fail-nth", O_RDWR);
	fd = open(argv[2], O_WRONLY);
	if (nth < 0 || fd < 0) {
		perror("fail-nth: open");
		return 2;
	}
	snprintf(arm, sizeof(arm), "%d", atoi(argv[1]));
	if (write(nth, arm, strlen(arm)) < 0) {
		perror("fail-nth: arm");
		return 2;
	}
	r = write(fd, argv[3], strlen(argv[3]));
	if (r < 0)
		err = errno;
	/* "0": the fault was injected; N > 0: it was not reached. */
	if (pread(nth, back, sizeof(back) - 1, 0) < 0)
		back[0] = '?';
	if (write(nth, "0", 1) < 0)
		perror("fail-nth: disarm");
	printf("write %s injected %s\n", r < 0 ? strerrorname_np(err) : "ok",
	       back[0] == '0' ? "yes" : "no");
	return r < 0;
}
