// SPDX-License-Identifier: GPL-2.0
/*
 * evtchn-pingpong PAIRS [CHURN]: events through user event channels,
 * counted.  Each pair is two ports of this domain joined to each other
 * through /dev/xen/evtchn (an unbound port for DOMID_SELF, and an
 * interdomain bind to it), on a file of its own.  In turn, for each pair,
 * one end notifies and the other must receive within 2 s, then the other
 * way; a miss is a lost event.  With CHURN = k, every k rounds each pair
 * is closed and bound again (new channels: the IRQ's startup puts each on
 * the online CPU with the fewest channels, select_target_cpu()).
 *
 * Xen sets a port pending when it is bound to an unbound one (an event
 * sent before the bind is not lost), and Linux delivers it: each bind
 * first takes that event (or nothing in 2 s).  Each ping takes what is
 * queued: the port expected is a received event, any other port of the
 * pair (or the same one again) a spurious one.  Xen's events are
 * notifications that may come more often than sent (the kernel ignores
 * some events re-raised by an affinity change, not all), never fewer:
 * a spurious event is counted and said, a lost one fails.
 *
 * evtchn-pingpong hold: one pair, whose port a is left masked with an
 * event pending (the first event read and not written back, which keeps
 * it masked, lateeoi; then a second one sent).  Prints "held A" and waits
 * for SIGUSR1 (meanwhile the test moves the port's vCPU offline and
 * back); then unmasks a and prints "held: N delivered": exactly one
 * event must come, exit 0; else exit 1.
 *
 * evtchn-pingpong sink: in a domU, a port for dom0 to send to (an
 * unbound port for domain 0); prints "xhp-flood: port P" (dom0's init
 * starts "flood" on it), takes and unmasks every event until SIGTERM,
 * then prints "sink: N events".
 *
 * evtchn-pingpong flood DOMID PORT [US]: in dom0, bind to DOMID's PORT
 * and notify it until SIGTERM, with US microseconds between (default 0:
 * back to back); prints "flood: N notifies".
 * Events from another domain can come at any time, also while the
 * receiving vCPU is in stop_machine going offline.
 *
 * Prints "ports ..." once bound, then runs until SIGTERM or SIGINT and
 * prints "sent S received R lost L spurious X rebinds B".  Exits 0 when
 * every event sent arrived and at least one was sent, 1 otherwise, 2
 * when a bind fails.
 *
 * The interrupts of the ports are named "evtchn:evtchn-pingpong" in
 * /proc/interrupts: the test moves them onto the vCPU it takes offline.
 *
 * Built static for the test initramfs (no libc there).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The uapi header uses the hypervisor's domid_t without defining it. */
typedef uint16_t domid_t;
#include <xen/evtchn.h>

#define DOMID_SELF	0x7ff0
#define MAX_PAIRS	64

struct pair {
	int fd;
	unsigned int a, b;	/* a: the unbound end, b: bound to a */
};

static volatile sig_atomic_t stop, go;
static unsigned long sent, received, lost, spurious, rebinds;
static unsigned int said;

/* At most 10 lines on stderr for the misses and spurious events. */
#define SAY(...) do { if (said++ < 10) fprintf(stderr, __VA_ARGS__); } while (0)

static unsigned int seen[16];	/* the ports of the last take() */

/*
 * Take and unmask what the pair's file has queued, waiting up to ms for
 * the first port; returns how many ports were taken, the last in *last.
 */
static int take(struct pair *p, int ms, unsigned int *last)
{
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	unsigned int port;
	int n = 0, rc;

	for (;;) {
		rc = poll(&pfd, 1, n ? 0 : ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0 || !(pfd.revents & POLLIN))
			return n;
		if (read(p->fd, &port, sizeof(port)) != sizeof(port)) {
			perror("evtchn-pingpong: read");
			return n;
		}
		/* Writing the port back unmasks it. */
		if (write(p->fd, &port, sizeof(port)) != sizeof(port))
			perror("evtchn-pingpong: unmask");
		*last = port;
		if (n < 16)
			seen[n] = port;
		n++;
	}
}

static void quit(int sig)
{
	(void)sig;
	stop = 1;
}

/* A file of its own for p, with p->a an unbound port for domain remote. */
static int open_unbound(struct pair *p, unsigned int remote)
{
	struct ioctl_evtchn_bind_unbound_port unbound = {
		.remote_domain = remote,
	};
	int rc;

	p->fd = open("/dev/xen/evtchn", O_RDWR);
	if (p->fd < 0) {
		perror("evtchn-pingpong: /dev/xen/evtchn");
		return -1;
	}
	rc = ioctl(p->fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
	if (rc < 0) {
		perror("evtchn-pingpong: bind unbound port");
		return -1;
	}
	p->a = rc;
	return 0;
}

static int bind_pair(struct pair *p)
{
	struct ioctl_evtchn_bind_interdomain inter = {
		.remote_domain = DOMID_SELF,
	};
	unsigned int port;
	int rc;

	if (open_unbound(p, DOMID_SELF))
		return -1;
	inter.remote_port = p->a;
	rc = ioctl(p->fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
	if (rc < 0) {
		perror("evtchn-pingpong: bind interdomain");
		return -1;
	}
	p->b = rc;
	/* The bind's own event, if Linux delivers it. */
	take(p, 2000, &port);
	return 0;
}

/* Notify port from, expect port to on the pair's file, unmask it. */
static void ping(struct pair *p, unsigned int from, unsigned int to)
{
	struct ioctl_evtchn_notify notify = { .port = from };
	unsigned int port = 0;
	int n, i, got = 0;

	if (ioctl(p->fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0) {
		perror("evtchn-pingpong: notify");
		lost++;
		return;
	}
	sent++;
	n = take(p, 2000, &port);
	for (i = 0; i < n && i < 16; i++)
		if (seen[i] == to)
			got = 1;
	if (got)
		received++;
	else
		lost++;
	spurious += n - got;
	if (!got || n > 1)
		SAY("evtchn-pingpong: port %u -> %u: %d ports:%s%s%s\n", from, to, n,
		    n > 0 ? (seen[0] == to ? " to" : " from") : " none",
		    n > 1 ? (seen[1] == to ? " to" : " from") : "",
		    n > 2 ? " ..." : "");
}

static void release(int sig)
{
	(void)sig;
	go = 1;
}

static int hold(void)
{
	static struct pair p;
	struct ioctl_evtchn_notify notify;
	struct pollfd pfd;
	unsigned int port = 0;
	int n;

	if (bind_pair(&p))
		return 2;
	signal(SIGUSR1, release);
	notify.port = p.b;
	if (ioctl(p.fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0) {
		perror("evtchn-pingpong: notify");
		return 2;
	}
	pfd.fd = p.fd;
	pfd.events = POLLIN;
	/* The first event, left masked: not written back. */
	if (poll(&pfd, 1, 2000) != 1 || read(p.fd, &port, sizeof(port)) != sizeof(port) ||
	    port != p.a) {
		fprintf(stderr, "evtchn-pingpong: hold: no first event at port %u\n", p.a);
		return 2;
	}
	/* The second, pending behind the mask. */
	if (ioctl(p.fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0) {
		perror("evtchn-pingpong: notify");
		return 2;
	}
	printf("held %u\n", p.a);
	fflush(stdout);
	while (!go && !stop)
		pause();
	n = 0;
	if (write(p.fd, &port, sizeof(port)) != sizeof(port))
		perror("evtchn-pingpong: unmask");
	else
		n = take(&p, 2000, &port);
	printf("held: %d delivered%s\n", n, n && port != p.a ? " (at another port)" : "");
	return n == 1 && port == p.a ? 0 : 1;
}

static int sink(void)
{
	struct pair p;
	unsigned long n = 0;
	unsigned int port;

	if (open_unbound(&p, 0))
		return 2;
	printf("xhp-flood: port %u\n", p.a);
	fflush(stdout);
	while (!stop)
		n += take(&p, 1000, &port);
	printf("sink: %lu events\n", n);
	return 0;
}

static int flood(unsigned int domid, unsigned int remote, unsigned int us)
{
	struct ioctl_evtchn_bind_interdomain inter = {
		.remote_domain = domid,
		.remote_port = remote,
	};
	struct ioctl_evtchn_notify notify;
	unsigned long n = 0;
	int fd, rc;

	fd = open("/dev/xen/evtchn", O_RDWR);
	if (fd < 0) {
		perror("evtchn-pingpong: /dev/xen/evtchn");
		return 2;
	}
	rc = ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
	if (rc < 0) {
		perror("evtchn-pingpong: bind interdomain");
		return 2;
	}
	notify.port = rc;
	while (!stop) {
		if (ioctl(fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0) {
			perror("evtchn-pingpong: notify");
			break;
		}
		n++;
		if (us)
			usleep(us);
	}
	printf("flood: %lu notifies\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	static struct pair pairs[MAX_PAIRS];
	unsigned long npairs;
	unsigned long churn = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;
	unsigned long round = 0, i;

	signal(SIGTERM, quit);
	signal(SIGINT, quit);
	if (argc > 1 && !strcmp(argv[1], "hold"))
		return hold();
	if (argc > 1 && !strcmp(argv[1], "sink"))
		return sink();
	if (argc > 3 && !strcmp(argv[1], "flood"))
		return flood(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10),
			     argc > 4 ? strtoul(argv[4], NULL, 10) : 0);
	npairs = argc > 1 ? strtoul(argv[1], NULL, 10) : 4;
	if (npairs < 1 || npairs > MAX_PAIRS) {
		fprintf(stderr, "usage: %s PAIRS (1-%d) [CHURN] | hold | sink | flood DOMID PORT [US]\n", argv[0], MAX_PAIRS);
		return 2;
	}
	for (i = 0; i < npairs; i++)
		if (bind_pair(&pairs[i]))
			return 2;
	printf("ports");
	for (i = 0; i < npairs; i++)
		printf(" %u-%u", pairs[i].a, pairs[i].b);
	printf("\n");
	fflush(stdout);

	while (!stop) {
		for (i = 0; i < npairs && !stop; i++) {
			ping(&pairs[i], pairs[i].b, pairs[i].a);
			ping(&pairs[i], pairs[i].a, pairs[i].b);
		}
		if (churn && ++round % churn == 0) {
			for (i = 0; i < npairs; i++) {
				/* Closing the file frees both ports. */
				close(pairs[i].fd);
				if (bind_pair(&pairs[i]))
					return 2;
				rebinds++;
			}
		}
	}
	printf("sent %lu received %lu lost %lu spurious %lu rebinds %lu\n",
	       sent, received, lost, spurious, rebinds);
	return sent && received == sent && !lost ? 0 : 1;
}
