// SPDX-License-Identifier: GPL-2.0
/*
 * evtchn-hog [LEAVE]: run the domain out of event channels.  Bind unbound
 * ports through /dev/xen/evtchn until the hypervisor refuses, give LEAVE
 * of them back (default 0), print "full N errno E left LEAVE", then hold
 * the rest until SIGTERM.  Exiting closes the device, which frees every
 * port it bound.  With LEAVE = k, the (k+1)th bind of the next bring-up
 * is the one that fails.
 *
 * Built static for the test initramfs (no libc there).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

#define MAX_PORTS 200000

static unsigned int ports[MAX_PORTS];

int main(int argc, char **argv)
{
	struct ioctl_evtchn_bind_unbound_port bind = { .remote_domain = 0 };
	struct ioctl_evtchn_unbind unbind;
	unsigned long n = 0, leave = argc > 1 ? strtoul(argv[1], NULL, 10) : 0;
	int fd, rc, err;

	fd = open("/dev/xen/evtchn", O_RDWR);
	if (fd < 0) {
		perror("evtchn-hog: /dev/xen/evtchn");
		return 1;
	}
	signal(SIGTERM, quit);
	while (n < MAX_PORTS &&
	       (rc = ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &bind)) >= 0)
		ports[n++] = rc;
	err = errno;
	if (leave > n)
		leave = n;
	for (unsigned long i = 0; i < leave; i++) {
		unbind.port = ports[n - 1 - i];
		if (ioctl(fd, IOCTL_EVTCHN_UNBIND, &unbind) < 0)
			perror("evtchn-hog: unbind");
	}
	printf("full %lu errno %d left %lu\n", n, err, leave);
	fflush(stdout);
	for (;;)
		pause();
}
