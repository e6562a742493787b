// SPDX-License-Identifier: GPL-2.0
/*
 * Run the domain out of event channels: bind unbound ports through
 * /dev/xen/evtchn until the hypervisor refuses, print "full N errno E",
 * then hold them until SIGTERM.  Exiting closes the device, which frees
 * every port it bound.
 *
 * Built static for the test initramfs (no libc there).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <stdint.h>
#include <unistd.h>

/* The uapi header uses the hypervisor's domid_t without defining it. */
typedef uint16_t domid_t;
#include <xen/evtchn.h>

static void quit(int sig)
{
	(void)sig;
	_exit(0);
}

int main(void)
{
	struct ioctl_evtchn_bind_unbound_port bind = { .remote_domain = 0 };
	unsigned long n = 0;
	int fd;

	fd = open("/dev/xen/evtchn", O_RDWR);
	if (fd < 0) {
		perror("evtchn-hog: /dev/xen/evtchn");
		return 1;
	}
	signal(SIGTERM, quit);
	while (ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &bind) >= 0)
		n++;
	printf("full %lu errno %d\n", n, errno);
	fflush(stdout);
	for (;;)
		pause();
}
