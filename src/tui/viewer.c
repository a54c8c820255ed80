/* The outside viewer (see viewer.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/viewer.h"
#include "util/buf.h"
#include "util/xmalloc.h"


/* What a viewer needs of the environment to reach a display. */
static const char *const kept[] = {
	"PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "DISPLAY",
	"WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "XAUTHORITY",
	"DBUS_SESSION_BUS_ADDRESS",
};

static pid_t	 viewer;	/* the group's leader, or 0 */
static char	*shown;
static char	*configured;	/* viewer_configure's words, NUL-separated */
static int	 nconfigured;

void
viewer_configure(char *const *argv, int n)
{
	struct buf	b = BUF_INIT;
	int		i;

	for (i = 0; i < n && i < VIEWER_ARGS; i++)
		buf_add(&b, argv[i], strlen(argv[i]) + 1);
	free(configured);
	configured = b.data;
	nconfigured = i;
}

void
viewer_close(void)
{
	const struct timespec	tick = { 0, 10 * 1000 * 1000 };
	int			i;

	if (viewer > 0) {
		/* SIGTERM, and SIGKILL after 0.5 s for one that stays. */
		kill(-viewer, SIGTERM);
		for (i = 0; waitpid(viewer, NULL, WNOHANG) == 0; i++) {
			if (i == 50)
				kill(-viewer, SIGKILL);
			nanosleep(&tick, NULL);
		}
	}
	viewer = 0;
	free(shown);
	shown = NULL;
}

/* The child: its own group, /dev/null for its standard streams, the kept
 * variables only (env, made before the fork: the decoders' threads may
 * hold the allocator's lock), then the program. */
static void
child(char **argv, char **env)
{
	int	 fd;

	setpgid(0, 0);
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	execvpe(argv[0], argv, env);
	_exit(127);
}

void
viewer_show(const char *path)
{
	const char	*cmd = getenv("SCALEC_VIEWER");
	char		*words = NULL, *w, *save = NULL, *argv[VIEWER_ARGS + 2];
	char		*env[sizeof kept / sizeof kept[0] + 1];
	size_t		 i, k = 0;
	int		 n = 0;
	pid_t		 pid;

	if ((cmd == NULL || *cmd == '\0') && nconfigured == 0)
		return;
	if (path != NULL && shown != NULL && strcmp(path, shown) == 0)
		return;
	viewer_close();
	if (path == NULL)
		return;
	shown = xstrdup(path);
	if (cmd != NULL && *cmd != '\0') {
		words = xstrdup(cmd);
		for (w = strtok_r(words, " \t\n", &save); w != NULL &&
		    n < VIEWER_ARGS; w = strtok_r(NULL, " \t\n", &save))
			argv[n++] = w;
	} else
		for (w = configured; n < nconfigured; w += strlen(w) + 1)
			argv[n++] = w;
	argv[n++] = shown;
	argv[n] = NULL;
	for (i = 0; i < sizeof kept / sizeof kept[0]; i++)
		if (getenv(kept[i]) != NULL)
			env[k++] = xasprintf("%s=%s", kept[i],
			    getenv(kept[i]));
	env[k] = NULL;
	if (n > 1 && (pid = fork()) == 0)
		child(argv, env);
	else if (n > 1 && pid > 0) {
		setpgid(pid, pid);	/* whichever of the two runs first */
		viewer = pid;
	}
	free(words);
	for (i = 0; i < k; i++)
		free(env[i]);
}
