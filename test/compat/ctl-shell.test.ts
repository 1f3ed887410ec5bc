// The interactive shell through a real pseudo-terminal (tmux): the prompt from the config, tab completion of a
// process name, history kept across two runs in history_file, and the password prompt. Runs our supervisorctl
// against the daemon of test/compat/ctl/daemon.ts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUPERVISORCTL } from "../support/paths";
import { waitFor } from "../support/wait";
import { Daemon, daemonKinds, daemonSkipReason, TCP_PASSWORD, TCP_USER } from "./ctl/daemon";

const TMUX = ["/usr/bin/tmux", "/usr/local/bin/tmux"].find((p) => existsSync(p)) ?? null;

class Pane {
  private static count = 0;
  private readonly socket = `sv-ctl-${process.pid}-${Pane.count++}`;

  constructor(private readonly cwd: string) {}

  private tmux(...args: string[]) {
    const r = Bun.spawnSync([TMUX!, "-L", this.socket, "-f", "/dev/null", ...args], { cwd: this.cwd });
    if (r.exitCode !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr.toString()}`);
    return r.stdout.toString();
  }

  open(argv: string[], env = "NO_COLOR=1"): void {
    const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    this.tmux("new-session", "-d", "-x", "160", "-y", "40", `env -u NO_COLOR TZ=UTC LANG=C.UTF-8 ${env} ${quoted}; sleep 30`);
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "0", ...keys);
  }

  /** The visible text; with escapes, the colour codes too. tmux drops trailing blanks ("mysv> " reads "mysv>"). */
  screen(escapes = false): string {
    return this.tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", "0");
  }

  async waitFor(what: string, re: RegExp): Promise<string> {
    return waitFor(what, () => (re.test(this.screen()) ? this.screen() : null), { timeoutMs: 15_000 });
  }

  close(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}

for (const kind of daemonKinds()) {
  const skip = (TMUX ? null : "tmux not installed") ?? daemonSkipReason(kind) ?? (existsSync(SUPERVISORCTL) ? null : "dist/ not built");
  describe.skipIf(skip !== null)(`the interactive shell, through a pty (${kind} supervisord)${skip ? ` (skipped: ${skip})` : ""}`, () => {
    let d: Daemon;
    let conf: string;
    let history: string;
    beforeAll(async () => {
      d = await Daemon.start(kind);
      history = join(d.dir, "ctl.history");
      conf = join(d.dir, "ctl.conf");
      writeFileSync(conf, `[supervisorctl]\nserverurl=unix://${d.sock}\nprompt=mysv\nhistory_file=${history}\n`);
    }, 60_000);
    afterAll(async () => {
      await d?.stop();
    }, 30_000);

    test("prompt, completion of a process name, and history across two runs", async () => {
      const first = new Pane(d.dir);
      try {
        first.open([SUPERVISORCTL, "-c", conf]);
        await first.waitFor("the status table, then the prompt from the config", /sleeper\s+RUNNING[\s\S]*mysv>$/m);
        first.keys("stat", "Tab");
        await first.waitFor("the command completed", /mysv> status$/m);
        first.keys("sle", "Tab");
        await first.waitFor("the process name completed", /mysv> status sleeper$/m);
        first.keys("Enter");
        await first.waitFor("the status of sleeper", /mysv> status sleeper\nsleeper\s+RUNNING\s+pid \d+/);
        first.keys("version", "Enter");
        await first.waitFor("the version", /\n4\.2\.5\n/);
        first.keys("quit", "Enter");
        await waitFor("the history file", () => existsSync(history));
      } finally {
        first.close();
      }
      // As typed, completion's trailing blank included (GNU readline keeps it too).
      expect(readFileSync(history, "utf8")).toBe("status sleeper \nversion\nquit\n");

      const second = new Pane(d.dir);
      try {
        second.open([SUPERVISORCTL, "-c", conf]);
        await second.waitFor("the prompt", /mysv>$/m);
        second.keys("Up", "Up");
        await second.waitFor("the previous run's command recalled", /mysv> version$/m);
        second.keys("Enter");
        await second.waitFor("it runs again", /mysv> version\n4\.2\.5\n/);
        second.keys("C-d");
        await waitFor("history saved again", () => readFileSync(history, "utf8").endsWith("version\nquit\nversion\n"));
      } finally {
        second.close();
      }
    }, 60_000);

    test("the status column is coloured on a terminal, unless NO_COLOR is set", async () => {
      for (const [env, coloured] of [["", true], ["NO_COLOR=1", false]] as const) {
        const pane = new Pane(d.dir);
        try {
          pane.open([SUPERVISORCTL, "-c", d.conf, "status", "sleeper"], env);
          await pane.waitFor("the status line", /sleeper\s+RUNNING/);
          // tmux re-renders colours in its own words, so look for a green foreground of any spelling.
          expect(/\x1b\[[0-9;]*32m *RUNNING/.test(pane.screen(true))).toBe(coloured);
        } finally {
          pane.close();
        }
      }
    }, 30_000);

    test("a username without a password asks for it, without echo", async () => {
      const pane = new Pane(d.dir);
      try {
        pane.open([SUPERVISORCTL, "-s", d.httpUrl, "-u", TCP_USER, "version"]);
        await pane.waitFor("the password prompt", /Password:$/m);
        pane.keys(TCP_PASSWORD, "Enter");
        const screen = await pane.waitFor("the version", /4\.2\.5/);
        expect(screen).not.toContain(TCP_PASSWORD);
      } finally {
        pane.close();
      }
    }, 30_000);
  });
}
