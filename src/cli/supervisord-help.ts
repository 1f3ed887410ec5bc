// The text of `supervisord -h`: 4.2.5's flags in 4.2.5's layout, described in our words, plus our two additions.
// "%s" stands for the name the binary was invoked by, as 4.2.5 substitutes its argv[0].

const HELP = `supervisord -- start a set of programs and keep them running.

Usage: %s [options]

Options:
-c/--configuration FILENAME -- the config file (searched for when not given)
-n/--nodaemon -- stay in the foreground (like 'nodaemon=true' in the config)
-s/--silent -- write no log lines to stdout (like 'silent=true' in the config)
-h/--help -- show this message and exit
-v/--version -- show the version and exit
-u/--user USER -- switch to this user (name or numeric uid) after start-up
-m/--umask UMASK -- octal umask for supervisord and its children (default 022)
-d/--directory DIRECTORY -- folder to change into after becoming a daemon
-l/--logfile FILENAME -- path of the main log file
-y/--logfile_maxbytes BYTES -- rotate the main log once it reaches BYTES
-z/--logfile_backups NUM -- how many rotated main logs to keep
-e/--loglevel LEVEL -- log level (critical,error,warn,info,debug,trace,blather)
-j/--pidfile FILENAME -- where the daemon writes its process id
-i/--identifier STR -- the name this supervisord gives itself over RPC
-q/--childlogdir DIRECTORY -- folder for the automatic child log files
-k/--nocleanup -- keep old automatic child log files at start-up instead of
                  removing them
-a/--minfds NUM -- file descriptors that must be available to start
-t/--strip_ansi -- remove ANSI escape sequences from child output in logs
--minprocs NUM -- processes that must be available to start
--profile_options OPTIONS -- accepted for compatibility with 4.2.5 and ignored
                             (it selected Python profiler output)

Beyond 4.2.5:
--check-config -- load and check the config, report what it defines, start
                  nothing; exit 0 if it is valid, 2 if not
--install-links [DIR] -- create the supervisorctl and echo_supervisord_conf
                         links to this binary, beside it or in DIR
`;

export function helpText(progname: string): string {
  return HELP.replaceAll("%s", progname);
}
