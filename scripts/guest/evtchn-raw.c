// SPDX-License-Identifier: GPL-2.0
/*
 * evtchn-raw [MIN]: make the next port Xen hands out the first of a
 * 1024-port block that Linux has never used.  Allocate unbound ports
 * straight from Xen (EVTCHNOP_alloc_unbound through /dev/xen/privcmd, so
 * the kernel's event code never sees them) until the port just allocated
 * is at least MIN (default 0) and the last of its block; print "upto P
 * ports N", then hold them until SIGTERM and close them all
 * (EVTCHNOP_close).  Xen gives out the lowest free port, so the next bind
 * gets P + 1: the kernel must then allocate a row of its port-to-irq
 * table (and on FIFO a page of the event array) there.
 *
 * Ports bound through /dev/xen/evtchn (evtchn-hog) would not do: each
 * bind allocates the row itself, and the kernel never frees a row.  When
 * the domain's limit comes first (a domU's 1023 ports under xl), every
 * port is closed again and "limit N errno E" is printed instead; so too
 * when fewer than ROOM ports would be left after P for the bring-up's
 * binds (tried by allocating and closing them).
 *
 * Built static for the test initramfs (no libc there).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/types.h>

/*
 * From include/uapi/xen/privcmd.h: the installed copy includes
 * <xen/interface/xen.h>, which is not installed.
 */
struct privcmd_hypercall {
	__u64 op;
	__u64 arg[5];
};

#define IOCTL_PRIVCMD_HYPERCALL \
	_IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define HYPERVISOR_event_channel_op 32
#define EVTCHNOP_close 3
#define EVTCHNOP_alloc_unbound 6
#define DOMID_SELF 0x7ff0U
#define BLOCK 1024
#define MAX_PORTS (16 * BLOCK)
#define ROOM 16

struct evtchn_alloc_unbound {
	uint16_t dom, remote_dom;
	uint32_t port;
};

struct evtchn_close {
	uint32_t port;
};

static int fd;
static uint32_t ports[MAX_PORTS];
static unsigned int n;

static long evtchn_op(int cmd, void *arg)
{
	struct privcmd_hypercall call = {
		.op = HYPERVISOR_event_channel_op,
		.arg = { cmd, (uintptr_t)arg },
	};

	return ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call);
}

/* One more unbound port into ports[]: 0, or why not. */
static int alloc_port(void)
{
	struct evtchn_alloc_unbound a = {
		.dom = DOMID_SELF,
		.remote_dom = DOMID_SELF,
	};

	if (n == MAX_PORTS)
		return E2BIG;
	if (evtchn_op(EVTCHNOP_alloc_unbound, &a) < 0)
		return errno;
	ports[n++] = a.port;
	return 0;
}

static void close_all(void)
{
	struct evtchn_close c;

	while (n > 0) {
		c.port = ports[--n];
		if (evtchn_op(EVTCHNOP_close, &c) < 0)
			perror("evtchn-raw: close");
	}
}

static void quit(int sig)
{
	(void)sig;
	close_all();
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned long min = argc > 1 ? strtoul(argv[1], NULL, 10) : 0;
	struct evtchn_close c;
	int err;

	fd = open("/dev/xen/privcmd", O_RDWR);
	if (fd < 0) {
		perror("evtchn-raw: /dev/xen/privcmd");
		return 1;
	}
	signal(SIGTERM, quit);
	do
		err = alloc_port();
	while (!err && (ports[n - 1] < min || ports[n - 1] % BLOCK != BLOCK - 1));
	/* Room for the bring-up after the block: ROOM ports allocated, closed. */
	for (unsigned int i = 0; !err && i < ROOM; i++)
		err = alloc_port();
	if (err) {
		printf("limit %u errno %d\n", n, err);
		close_all();
		return 0;
	}
	for (unsigned int i = 0; i < ROOM; i++) {
		c.port = ports[--n];
		if (evtchn_op(EVTCHNOP_close, &c) < 0)
			perror("evtchn-raw: close");
	}
	printf("upto %u ports %u\n", ports[n - 1], n);
	fflush(stdout);
	for (;;)
		pause();
}
