// What echo_supervisord_conf prints: a starting config with the sections, keys and example values of 4.2.5's
// sample, active or commented out as there, with every line explained in our own words. One table feeds both the
// INI and the TOML rendering, so the two cannot drift apart.

interface SampleKey {
  key: string;
  value: string;
  note: string;
  /** Commented out (";key=value") unless true, as in 4.2.5's sample. */
  active?: boolean;
}

interface SampleSection {
  /** The INI section name, e.g. "program:theprogramname". */
  name: string;
  active?: boolean;
  headerNote?: string;
  /** Prose printed above the section. */
  intro?: string[];
  keys: SampleKey[];
}

type Format = "ini" | "toml";

/** Prose at the top; `only` marks notes about one syntax. */
const PREAMBLE: { text: string; only?: Format }[] = [
  { text: "A starting configuration for supervisord." },
  { text: "" },
  { text: "Every section and key is described at http://supervisord.org/configuration.html" },
  { text: "" },
  { text: "Things to know before editing:" },
  { text: " - No shell expansion: \"~\" and \"$HOME\" stay as written. To use an environment" },
  { text: "   variable, write %(ENV_NAME)s, for example \"%(ENV_HOME)s\"." },
  { text: " - Values are taken literally, quotes included; only environment= below", only: "ini" },
  { text: "   gives quotes a meaning.", only: "ini" },
  { text: " - A comment after a value needs a space before the semicolon:", only: "ini" },
  { text: "   \"a=b ;note\" works, \"a=b;note\" keeps \";note\" as part of the value.", only: "ini" },
  { text: " - For the same reason a command is cut at \" ;\": \"command=sh -c 'x ; y'\"", only: "ini" },
  { text: "   runs \"sh -c 'x\".", only: "ini" },
  { text: " - This is the TOML form: [program:x] becomes [program.x], and values are", only: "toml" },
  { text: "   TOML strings, numbers and booleans with the same meaning as in INI.", only: "toml" },
  { text: "" },
  { text: "Paths below:" },
  { text: "  The example paths are under /tmp only because every system has it. Move them" },
  { text: "  somewhere permanent for real use: some systems clean old files out of /tmp," },
  { text: "  and if the [unix_http_server] socket file disappears, supervisorctl can no" },
  { text: "  longer reach supervisord." },
];

const PROGRAM_KEYS: SampleKey[] = [
  { key: "command", value: "/bin/cat", note: "what to run, with arguments; a bare name is looked up in PATH" },
  { key: "process_name", value: "%(program_name)s", note: "name of each process (default %(program_name)s)" },
  { key: "numprocs", value: "1", note: "how many copies to run (default 1)" },
];

const CHILD_COMMON: SampleKey[] = [
  { key: "directory", value: "/tmp", note: "folder to change into before exec (default: stay put)" },
  { key: "umask", value: "022", note: "umask of the process (default: inherit)" },
];

const START_STOP: SampleKey[] = [
  { key: "autostart", value: "true", note: "start when supervisord starts (default true)" },
  { key: "startsecs", value: "1", note: "seconds it must stay up to count as started (default 1)" },
  { key: "startretries", value: "3", note: "failed start attempts in a row before FATAL (default 3)" },
];

const STOP_AND_USER: SampleKey[] = [
  { key: "exitcodes", value: "0", note: "exit codes that count as expected (default 0)" },
  { key: "stopsignal", value: "QUIT", note: "signal that asks it to stop (default TERM)" },
  { key: "stopwaitsecs", value: "10", note: "seconds to wait after it before SIGKILL (default 10)" },
  { key: "stopasgroup", value: "false", note: "send the stop signal to its whole process group (default false)" },
  { key: "killasgroup", value: "false", note: "send SIGKILL to its whole process group (default false)" },
  { key: "user", value: "chrism", note: "run it as this UNIX user (supervisord must be root)" },
];

const AUTORESTART: SampleKey = {
  key: "autorestart",
  value: "unexpected",
  note: "restart after exit: true, false or unexpected (default unexpected)",
};
const SERVERURL: SampleKey = { key: "serverurl", value: "AUTO", note: "SUPERVISOR_SERVER_URL for the child (default AUTO)" };

function streamKeys(stream: "stdout" | "stderr", capture: boolean): SampleKey[] {
  const keys: SampleKey[] = [
    { key: `${stream}_logfile`, value: "/a/path", note: `file for its ${stream}; NONE for no file (default AUTO)` },
    { key: `${stream}_logfile_maxbytes`, value: "1MB", note: "size at which that file rotates (default 50MB)" },
    { key: `${stream}_logfile_backups`, value: "10", note: "rotated files to keep, 0 for none (default 10)" },
  ];
  if (capture) {
    keys.push({ key: `${stream}_capture_maxbytes`, value: "1MB", note: "buffer size in capture mode (default 0: off)" });
  }
  keys.push(
    { key: `${stream}_events_enabled`, value: "false", note: `emit an event for each ${stream} write (default false)` },
    { key: `${stream}_syslog`, value: "false", note: `also send ${stream} to syslog, tagged with its name (default false)` },
  );
  return keys;
}

const SECTIONS: SampleSection[] = [
  {
    name: "unix_http_server",
    active: true,
    keys: [
      { key: "file", value: "/tmp/supervisor.sock", note: "where the UNIX socket is created", active: true },
      { key: "chmod", value: "0700", note: "permission bits of the socket (default 0700)" },
      { key: "chown", value: "nobody:nogroup", note: "owner user:group of the socket" },
      { key: "username", value: "user", note: "leave unset for no authentication (the default)" },
      { key: "password", value: "123", note: "leave unset for no authentication (the default)" },
    ],
  },
  {
    name: "inet_http_server",
    headerNote: "TCP server; off unless this section is enabled",
    intro: [
      "About the TCP server:",
      "  It stays off until you enable the [inet_http_server] section below. Use it",
      "  only where every client is trusted: bind it to localhost, or to a network",
      "  that only trusted hosts can reach. It has no encryption, and it asks for no",
      "  password unless you set username= and password=. Never put it on the public",
      "  internet.",
    ],
    keys: [
      { key: "port", value: "127.0.0.1:9001", note: "host:port to listen on; *:port for every interface" },
      { key: "username", value: "user", note: "leave unset for no authentication (the default)" },
      { key: "password", value: "123", note: "leave unset for no authentication (the default)" },
    ],
  },
  {
    name: "supervisord",
    active: true,
    keys: [
      { key: "logfile", value: "/tmp/supervisord.log", note: "main log (default $CWD/supervisord.log)", active: true },
      { key: "logfile_maxbytes", value: "50MB", note: "size at which the main log rotates (default 50MB)", active: true },
      { key: "logfile_backups", value: "10", note: "rotated main logs to keep, 0 for none (default 10)", active: true },
      { key: "loglevel", value: "info", note: "critical, error, warn, info, debug, trace or blather (default info)", active: true },
      { key: "pidfile", value: "/tmp/supervisord.pid", note: "where the daemon writes its pid (default supervisord.pid)", active: true },
      { key: "nodaemon", value: "false", note: "true keeps it in the foreground (default false)", active: true },
      { key: "silent", value: "false", note: "true stops log lines going to stdout (default false)", active: true },
      { key: "minfds", value: "1024", note: "file descriptors needed to start (default 1024)", active: true },
      { key: "minprocs", value: "200", note: "processes needed to start (default 200)", active: true },
      { key: "umask", value: "022", note: "umask of supervisord (default 022)" },
      { key: "user", value: "supervisord", note: "drop root for this UNIX user after start-up; advised when root" },
      { key: "identifier", value: "supervisor", note: "name reported over RPC (default supervisor)" },
      { key: "directory", value: "/tmp", note: "folder to change into when daemonized (default: stay put)" },
      { key: "nocleanup", value: "true", note: "keep old AUTO child logs at start-up (default false)" },
      { key: "childlogdir", value: "/tmp", note: "folder for AUTO child logs (default: the system temp folder)" },
      { key: "environment", value: 'KEY="value"', note: "variables added to every child's environment" },
      { key: "strip_ansi", value: "false", note: "remove ANSI escapes from child logs (default false)" },
    ],
  },
  {
    name: "rpcinterface:supervisor",
    active: true,
    intro: [
      "Keep [rpcinterface:supervisor]: supervisorctl and the web page talk to",
      "supervisord through it. More interfaces can be added, each in its own",
      "[rpcinterface:x] section.",
    ],
    keys: [
      {
        key: "supervisor.rpcinterface_factory",
        value: "supervisor.rpcinterface:make_main_rpcinterface",
        note: "",
        active: true,
      },
    ],
  },
  {
    name: "supervisorctl",
    active: true,
    intro: [
      "[supervisorctl] tells supervisorctl how to reach supervisord: point it at",
      "the server enabled above, [unix_http_server] or [inet_http_server].",
    ],
    keys: [
      { key: "serverurl", value: "unix:///tmp/supervisor.sock", note: "unix:// followed by the socket path", active: true },
      { key: "serverurl", value: "http://127.0.0.1:9001", note: "or http:// for the TCP server" },
      { key: "username", value: "chris", note: "the same as in the server section, if set there" },
      { key: "password", value: "123", note: "the same as in the server section, if set there" },
      { key: "prompt", value: "mysupervisor", note: "prompt of the interactive shell (default \"supervisor\")" },
      { key: "history_file", value: "~/.sc_history", note: "keep the shell's command history in this file" },
    ],
  },
  {
    name: "program:theprogramname",
    intro: [
      "An example program with every key it accepts. Add one [program:x] section",
      "for each program that supervisord should run.",
    ],
    keys: [
      ...PROGRAM_KEYS,
      ...CHILD_COMMON,
      { key: "priority", value: "999", note: "lower starts earlier and stops later (default 999)" },
      ...START_STOP,
      AUTORESTART,
      ...STOP_AND_USER,
      { key: "redirect_stderr", value: "true", note: "send its stderr into its stdout log (default false)" },
      ...streamKeys("stdout", true),
      ...streamKeys("stderr", true),
      { key: "environment", value: 'A="1",B="2"', note: "variables added to its environment (default: none)" },
      SERVERURL,
    ],
  },
  {
    name: "eventlistener:theeventlistenername",
    intro: [
      "An example event listener with every key it accepts. Add one",
      "[eventlistener:x] section for each listener that should receive events.",
    ],
    keys: [
      { key: "command", value: "/bin/eventlistener", note: PROGRAM_KEYS[0]!.note },
      ...PROGRAM_KEYS.slice(1),
      { key: "events", value: "EVENT", note: "event types to subscribe to (required)" },
      { key: "buffer_size", value: "10", note: "events queued while it is busy (default 10)" },
      ...CHILD_COMMON,
      { key: "priority", value: "-1", note: "lower starts earlier and stops later (default -1)" },
      ...START_STOP,
      AUTORESTART,
      ...STOP_AND_USER,
      { key: "redirect_stderr", value: "false", note: "must stay false: a listener's stdout is the protocol" },
      ...streamKeys("stdout", false),
      ...streamKeys("stderr", false),
      { key: "environment", value: 'A="1",B="2"', note: "variables added to its environment" },
      SERVERURL,
    ],
  },
  {
    name: "group:thegroupname",
    intro: [
      "An example group. A [group:x] section puts several programs under one name,",
      "so that they start, stop and update together.",
    ],
    keys: [
      { key: "programs", value: "progname1,progname2", note: "the x of each [program:x] in the group" },
      { key: "priority", value: "999", note: "lower starts earlier and stops later (default 999)" },
    ],
  },
  {
    name: "include",
    intro: [
      "[include] has one key, files: file names or wildcards, separated by spaces",
      "or new lines, relative to this file. Each matching file is read as if it",
      "were part of this one.",
    ],
    keys: [{ key: "files", value: "relative/directory/*.ini", note: "" }],
  },
];

export interface SampleEntry {
  section: string;
  key: string;
  value: string;
  active: boolean;
}

/** The sample as data: every section's keys with their example values, in order. Tests compare it to 4.2.5's. */
export function sampleEntries(): SampleEntry[] {
  return SECTIONS.flatMap((s) =>
    s.keys.map((k) => ({ section: s.name, key: k.key, value: k.value, active: !!(s.active && k.active) })),
  );
}

const SYNTAX = {
  ini: {
    comment: ";",
    header: (name: string) => `[${name}]`,
    entry: (k: SampleKey) => `${k.key}=${k.value}`,
  },
  toml: {
    comment: "#",
    header: (name: string) => `[${name.replace(":", ".")}]`,
    entry: (k: SampleKey) => `${tomlKey(k.key)} = ${tomlValue(k.key, k.value)}`,
  },
} as const;

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

// Keys whose values are plain integers; a password of digits or an exitcodes list stays a string.
const INTEGER_KEY = /(?:^|_)(?:numprocs|priority|startsecs|startretries|stopwaitsecs|minfds|minprocs|backups|size)$/;

/** Counts and booleans keep their TOML type; everything else (sizes, octal modes, lists, names) is a string. */
function tomlValue(key: string, value: string): string {
  if (value === "true" || value === "false") return value;
  if (INTEGER_KEY.test(key)) return value;
  return value.includes('"') ? `'${value}'` : JSON.stringify(value);
}

function renderSample(format: Format): string {
  const syn = SYNTAX[format];
  const prose = (text: string) => (text === "" ? syn.comment : `${syn.comment} ${text}`);
  const out: string[] = PREAMBLE.filter((p) => !p.only || p.only === format).map((p) => prose(p.text));
  for (const section of SECTIONS) {
    out.push("");
    if (section.intro) out.push(...section.intro.map(prose), "");
    const off = (active: boolean | undefined) => (active ? "" : format === "ini" ? ";" : "# ");
    const lines = [
      { text: off(section.active) + syn.header(section.name), note: section.headerNote ?? "" },
      ...section.keys.map((k) => ({ text: off(section.active && k.active) + syn.entry(k), note: k.note })),
    ];
    // Notes line up in one column per section, a space past the longest setting.
    const column = Math.max(...lines.map((l) => l.text.length)) + 1;
    for (const l of lines) out.push(l.note ? `${l.text.padEnd(column)}${syn.comment} ${l.note}` : l.text);
  }
  return out.join("\n") + "\n";
}

export function sampleIni(): string {
  return renderSample("ini");
}

export function sampleToml(): string {
  return renderSample("toml");
}
