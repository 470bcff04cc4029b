/*
 * bench_tui.c - the TUI's speed, measured through the real binary on a
 * pseudo-terminal: time to the first complete paint, how long a keypress
 * takes to reach the screen, and resident memory.
 *
 * usage: bench_tui INVSYNC DB [ROWS COLS]
 *
 * A paint is "complete" when the terminal output goes quiet (no byte for
 * QUIET_MS); the figure is the time of its last byte, so the quiet wait
 * itself is not counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 60
#define NKEYS 200

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * Read until quiet; returns the time of the last byte (or -1 if nothing
 * came within timeout_ms) and the byte count in *n.
 */
static double
drain(int fd, int timeout_ms, size_t *n)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };
	char		buf[65536];
	double		last = -1, start = now_ms();
	ssize_t		r;
	int		wait;

	*n = 0;
	for (;;) {
		wait = last < 0 ? timeout_ms - (int)(now_ms() - start) :
		    QUIET_MS;
		if (wait <= 0 || poll(&pfd, 1, wait) <= 0)
			break;
		if ((r = read(fd, buf, sizeof buf)) <= 0)
			break;
		last = now_ms();
		*n += (size_t)r;
	}
	return last;
}

/*
 * The first complete frame: output until the status bar's last hint
 * (marker) has been drawn and the terminal goes quiet; the time of the
 * last byte. Terminal set-up sequences alone are not a frame.
 */
static double
drain_until(int fd, const char *marker, int timeout_ms, size_t *n)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };
	static char	seen[1 << 20];
	double		last = -1, start = now_ms();
	size_t		len = 0;
	ssize_t		r;
	int		wait, found = 0;

	*n = 0;
	for (;;) {
		wait = !found ? timeout_ms - (int)(now_ms() - start) : QUIET_MS;
		if (wait <= 0 || poll(&pfd, 1, wait) <= 0)
			break;
		if ((r = read(fd, seen + len, sizeof seen - 1 - len)) <= 0)
			break;
		last = now_ms();
		len += (size_t)r;
		*n += (size_t)r;
		seen[len] = '\0';
		if (!found && strstr(seen, marker) != NULL)
			found = 1;
		if (len > sizeof seen / 2)
			len = 0;	/* keep reading; the marker was looked for */
	}
	return found ? last : -1;
}

static long
rss_kb(pid_t pid)
{
	char	path[64], line[256];
	FILE	*fp;
	long	kb = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, fp) != NULL)
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(fp);
	return kb;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Send keys and time each answer; prints median, p95 and max. */
static void
time_keys(int fd, const char *label, const char *const *keys, int nkeys)
{
	double	lat[NKEYS], sent, last;
	size_t	n;
	int	i, got = 0;

	for (i = 0; i < nkeys && i < NKEYS; i++) {
		sent = now_ms();
		if (write(fd, keys[i], strlen(keys[i])) < 0)
			break;
		last = drain(fd, 2000, &n);
		if (last > 0)
			lat[got++] = last - sent;
	}
	if (got == 0) {
		printf("%-28s no response\n", label);
		return;
	}
	qsort(lat, (size_t)got, sizeof lat[0], cmp_double);
	printf("%-28s median %.2f ms  p95 %.2f ms  max %.2f ms  (%d keys)\n",
	    label, lat[got / 2], lat[got * 95 / 100], lat[got - 1], got);
}

int
main(int argc, char **argv)
{
	static const char *const down[] = { "j" }, *const filter[] = { "m" };
	const char	*keys[NKEYS];
	struct winsize	 ws = { 40, 120, 0, 0 };
	double		 start, first;
	size_t		 n;
	pid_t		 pid;
	int		 fd, i, status;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_tui INVSYNC DB [ROWS COLS]\n");
		return 2;
	}
	if (argc >= 5) {
		ws.ws_row = (unsigned short)atoi(argv[3]);
		ws.ws_col = (unsigned short)atoi(argv[4]);
	}
	start = now_ms();
	if ((pid = forkpty(&fd, NULL, NULL, &ws)) == -1) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		execl(argv[1], argv[1], "--db", argv[2], (char *)NULL);
		_exit(127);
	}
	first = drain_until(fd, "quit", 10000, &n);
	if (first < 0) {
		fprintf(stderr, "bench_tui: the TUI drew no complete screen\n");
		return 1;
	}
	printf("first complete paint         %.1f ms (%zu bytes)\n",
	    first - start, n);
	printf("resident memory after start  %.1f MB\n", rss_kb(pid) / 1024.0);

	for (i = 0; i < NKEYS; i++)
		keys[i] = down[0];
	time_keys(fd, "move selection (j)", keys, NKEYS);
	for (i = 0; i < NKEYS; i++)
		keys[i] = i % 2 ? "k" : "G";
	time_keys(fd, "jump End/Home (G/k)", keys, 50);
	if (write(fd, "/", 1) != 1)
		return 1;
	drain(fd, 2000, &n);
	for (i = 0; i < 30; i++)
		keys[i] = i % 2 ? "\x7f" : filter[0];
	time_keys(fd, "filter: type/erase a char", keys, 30);
	if (write(fd, "\x1b", 1) != 1)
		return 1;
	drain(fd, 2000, &n);
	printf("resident memory after keys   %.1f MB\n", rss_kb(pid) / 1024.0);

	if (write(fd, "q", 1) != 1)
		return 1;
	drain(fd, 2000, &n);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	close(fd);
	return 0;
}
