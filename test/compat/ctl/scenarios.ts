// The supervisorctl scenarios, written once and run with both supervisorctls against the same daemon. Each starts
// from Daemon.baseline(); `prepare` moves the daemon further, `restore` undoes what the scenario changed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Daemon, TCP_PASSWORD, TCP_USER } from "./daemon";

export interface Scenario {
  name: string;
  args: (d: Daemon) => string[];
  stdin?: string;
  interruptWhen?: RegExp;
  /** The daemon answers "all" in an order of its own (equal priorities): compare the lines sorted. */
  unordered?: boolean;
  /**
   * Never reaches the daemon under test (refused before connecting, or pointed elsewhere), so its output cannot
   * depend on which daemon runs: it is played once, not once per daemon.
   */
  offline?: boolean;
  prepare?: (d: Daemon) => Promise<void>;
  restore?: (d: Daemon) => Promise<void>;
}

const c = (d: Daemon) => ["-c", d.conf];
const OFFLINE = { offline: true };
/** A scenario that is just a command line against the daemon's config. */
function cmd(line: string, extra: Partial<Scenario> = {}): Scenario {
  return { name: line || "(no command)", args: (d) => [...c(d), ...(line ? line.split(" ") : [])], ...extra };
}
const stopped = (...names: string[]) => async (d: Daemon) => {
  for (const n of names) await d.quietly("supervisor.stopProcess", n, true);
  await d.settle();
};
const started = (...names: string[]) => async (d: Daemon) => {
  for (const n of names) await d.quietly("supervisor.startProcess", n, true);
  await d.settle();
};
/**
 * For tail -f, which waits for a line: a "clear" played earlier on this daemon may have emptied grp:a's log, and a
 * fresh start writes the line again. Only when it is missing, so both supervisorctls see the same log.
 */
const logged = (line: string, channel: "Stdout" | "Stderr") => async (d: Daemon) => {
  const [tail] = (await d.call(`supervisor.tailProcess${channel}Log`, "grp:a", 0, 1024)) as [string];
  if (tail.includes(line)) return;
  await stopped("grp:a")(d);
  await started("grp:a")(d);
};
const NEW_PROGRAM = "\n[program:newprog]\ncommand=sleep 1000\nstartsecs=0\n";
const withConfig = (edit: (text: string) => string): Pick<Scenario, "prepare" | "restore"> => {
  let original = "";
  return {
    prepare: async (d) => {
      original = d.readConfig();
      d.writeConfig(edit(original));
    },
    restore: async (d) => {
      d.writeConfig(original);
      await d.syncConfig();
    },
  };
};
const changedB = (t: string) => t.replace("[program:b]\ncommand=sleep 1000", "[program:b]\ncommand=sleep 999");
const withoutMulti = (t: string) => t.replace(/\[program:multi\][^[]*/, "");

export const SCENARIOS: Scenario[] = [
  // status
  cmd("status"),
  cmd("status sleeper"),
  cmd("status grp:*"),
  cmd("status grp:b"),
  cmd("status nope"),
  cmd("status nope:*"),
  cmd("status grp:nope"),
  cmd("status all"),
  cmd("status sleeper nope multi:*"),
  // start / stop / restart
  cmd("start"),
  cmd("start nope"),
  cmd("start sleeper"),
  cmd("start b nope:* grp:nope"),
  cmd("start grp:b", { prepare: stopped("grp:b") }),
  cmd("start grp:*"),
  cmd("start multi:*", { prepare: stopped("multi:multi_00") }),
  cmd("start quick"),
  cmd("start all", { prepare: stopped("sleeper", "cat"), unordered: true }),
  cmd("stop"),
  cmd("stop sleeper"),
  cmd("stop quick"),
  cmd("stop grp:b"),
  cmd("stop nope nope:*"),
  cmd("stop grp:*"),
  cmd("stop all", { unordered: true }),
  cmd("restart"),
  cmd("restart sleeper"),
  cmd("restart grp:* nope"),
  cmd("restart quick"),
  // signal
  cmd("signal"),
  cmd("signal HUP"),
  cmd("signal HUP sleeper"),
  cmd("signal BOGUS sleeper"),
  cmd("signal USR1 nope grp:nope nope:*"),
  cmd("signal USR2 grp:b"),
  cmd("signal HUP multi:*"),
  cmd("signal USR1 all", { prepare: stopped("grp:a", "multi:multi_00", "multi:multi_01", "cat"), unordered: true }),
  { name: "signal as Ansible passes it (one argument)", args: (d) => [...c(d), "signal USR1", "sleeper"] },
  // pid
  cmd("pid"),
  cmd("pid sleeper"),
  cmd("pid grp:b"),
  cmd("pid nope sleeper"),
  cmd("pid all"),
  // config changes
  cmd("avail"),
  cmd("avail x", OFFLINE),
  cmd("reread"),
  cmd("reread x", OFFLINE),
  cmd("update"),
  cmd("update all"),
  cmd("update nope grp"),
  cmd("add nope"),
  cmd("add grp"),
  cmd("remove nope"),
  cmd("remove grp"),
  cmd("remove quick", { restore: async (d) => d.syncConfig() }),
  cmd("add quick", { prepare: async (d) => d.quietly("supervisor.removeProcessGroup", "quick"), restore: async (d) => d.settle() }),
  cmd("reread", { ...withConfig((t) => changedB(withoutMulti(t + NEW_PROGRAM))) }),
  cmd("update", { ...withConfig((t) => changedB(withoutMulti(t + NEW_PROGRAM))) }),
  cmd("update grp newprog", { ...withConfig((t) => changedB(t + NEW_PROGRAM)) }),
  cmd("add newprog", {
    prepare: async (d) => {
      d.writeConfig(d.readConfig() + NEW_PROGRAM);
      await d.call("supervisor.reloadConfig");
    },
    restore: async (d) => {
      d.writeConfig(d.readConfig().replace(NEW_PROGRAM, ""));
      await d.syncConfig();
    },
  }),
  // logs
  cmd("tail"),
  cmd("tail grp:a"),
  cmd("tail grp:a stderr"),
  cmd("tail -5 grp:a"),
  cmd("tail -x grp:a"),
  cmd("tail grp:a bogus"),
  cmd("tail grp:a x stdout"),
  cmd("tail -5 grp:a x STDERR"),
  cmd("tail a b c d"),
  cmd("tail nope"),
  cmd("tail -f grp:a", { interruptWhen: /hello-a/, prepare: logged("hello-a", "Stdout") }),
  cmd("tail -f grp:a stderr", { interruptWhen: /oops-a/, prepare: logged("oops-a", "Stderr") }),
  cmd("tail -f nope"),
  cmd("maintail -x"),
  cmd("maintail a b"),
  cmd("maintail x"),
  cmd("maintail -f", { interruptWhen: /Press Ctrl-C to exit <==\n.*\S/s }),
  cmd("clear"),
  cmd("clear grp:a"),
  cmd("clear nope grp:*"),
  cmd("clear all", { unordered: true }),
  // fg
  cmd("fg"),
  cmd("fg a b"),
  cmd("fg nope"),
  cmd("fg grp:b"),
  // the rest
  cmd("version"),
  cmd("version x", OFFLINE),
  cmd("shutdown x", OFFLINE),
  cmd("reload x", OFFLINE),
  cmd("help", OFFLINE),
  cmd("help start", OFFLINE),
  cmd("help nope", OFFLINE),
  {
    name: "help for every command, in the shell",
    args: (d) => c(d),
    stdin: ["help", "EOF", "stop", "restart", "signal", "status", "pid", "avail", "reread", "add", "remove", "update",
      "clear", "tail", "maintail", "fg", "open", "version", "shutdown", "reload", "quit", "exit", "help", ""]
      .map((n) => `help ${n}\n`).join(""),
  },
  cmd("foo", OFFLINE),
  cmd("!ls", OFFLINE),
  cmd("EOF", OFFLINE),
  cmd("quit", OFFLINE),
  { name: "a command glued to its argument", args: (d) => [...c(d), "status:x"] },
  // the shell, driven through a pipe
  cmd("", { stdin: "version\nhelp quit\n?\nstatus nope\n\nfoo bar\nquit\nversion\n" }),
  cmd("", { stdin: "shutdown\nn\nreload\nno\n" }),
  { name: "open in the shell", args: (d) => c(d), stdin: "open unix:///nonexistent.sock\nopen ftp://x\nopen\n" },
  { name: "-i with a command runs only the command", args: (d) => [...c(d), "-i", "version"], stdin: "status\n" },
  // options and settings
  { name: "-h", offline: true, args: () => ["-h"] },
  { name: "--help", offline: true, args: () => ["--help"] },
  { name: "unknown short option", offline: true, args: () => ["-x", "status"] },
  { name: "unknown long option", offline: true, args: () => ["--bogus", "status"] },
  { name: "--history-file is not an option", offline: true, args: () => ["--history-file", "x", "status"] },
  { name: "ambiguous prefix", offline: true, args: () => ["--hel"] },
  { name: "long option prefix", args: (d) => ["--conf", d.conf, "version"] },
  { name: "long option with =", args: (d) => [`--configuration=${d.conf}`, "version"] },
  { name: "option needing a value at the end", offline: true, args: () => ["-c"] },
  { name: "long option needing a value at the end", offline: true, args: () => ["--serverurl"] },
  { name: "flag given a value", offline: true, args: () => ["--interactive=1"] },
  { name: "conflicting -s", args: (d) => ["-s", d.unixUrl, "-s", d.unixUrl, "version"] },
  { name: "bad url", offline: true, args: () => ["-s", "localhost", "version"] },
  { name: "missing config file", offline: true, args: (d) => ["-c", `${d.dir}/nope.conf`, "version"] },
  {
    name: "config without [supervisorctl]",
    offline: true,
    args: (d) => {
      writeFileSync(join(d.dir, "other.conf"), "[supervisord]\nlogfile=x\n");
      return ["-c", join(d.dir, "other.conf"), "version"];
    },
  },
  { name: "-s overrides the config", offline: true, args: (d) => [...c(d), "-s", "unix:///nonexistent.sock", "status"] },
  { name: "unknown scheme", offline: true, args: (d) => [...c(d), "-s", "ftp://x", "status"] },
  // a daemon that is not there
  ...["status", "start sleeper", "pid", "tail -f x", "avail", "update", "remove x", "reload", "shutdown", "restart all"].map((line) => ({
    name: `no such socket: ${line}`,
    offline: true,
    args: () => ["-s", "unix:///nonexistent/sv.sock", ...line.split(" ")],
  })),
  { name: "refused connection: status", offline: true, args: (d) => ["-s", `unix://${d.conf}`, "status"] },
  { name: "refused connection: shutdown", offline: true, args: (d) => ["-s", `unix://${d.conf}`, "shutdown"] },
  { name: "refused connection: start", offline: true, args: (d) => ["-s", `unix://${d.conf}`, "start x"] },
  // TCP with authentication
  { name: "tcp: no credentials", args: (d) => ["-s", d.httpUrl, "status"] },
  { name: "tcp: wrong password", args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "-p", "wrong", "status"] },
  { name: "tcp: username only", args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "version"] },
  { name: "tcp: wrong password, avail", args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "-p", "x", "avail"] },
  { name: "tcp: status", args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "-p", TCP_PASSWORD, "status"] },
  { name: "tcp: stop and start", args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "-p", TCP_PASSWORD, "restart", "grp:*"] },
  {
    name: "tcp: tail -f",
    args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "-p", TCP_PASSWORD, "tail", "-f", "grp:a"],
    interruptWhen: /hello-a/,
    prepare: logged("hello-a", "Stdout"),
  },
  { name: "tcp: tail -f without credentials", args: (d) => ["-s", d.httpUrl, "-u", TCP_USER, "tail", "-f", "grp:a"] },
];
