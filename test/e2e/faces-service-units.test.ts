// The example systemd units: their command lines are ones our supervisord accepts, and systemd itself finds them
// valid (systemd-analyze verify, with the binary paths pointed at dist/).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSupervisordArgs } from "../../src/cli/supervisord-options";
import { ROOT, SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";

const UNITS = { "supervisord.service": "forking", "supervisord-simple.service": "simple" } as const;
const unitText = (name: string) => readFileSync(join(ROOT, "examples", name), "utf8");
const setting = (text: string, key: string) => new RegExp(`^${key}=(.*)$`, "m").exec(text)?.[1];

describe("example systemd units", () => {
  for (const [name, type] of Object.entries(UNITS)) {
    test(`${name}: Type=${type}, and ExecStart's flags parse`, () => {
      const text = unitText(name);
      expect(setting(text, "Type")).toBe(type);
      const [exe, ...args] = setting(text, "ExecStart")!.split(" ");
      expect(exe).toBe("/usr/local/bin/supervisord");
      const inv = parseSupervisordArgs(args);
      if (inv.action !== "run") throw new Error(`ExecStart runs ${inv.action}`);
      expect(inv.flags.configFile).toBe("/etc/supervisord.conf");
      // A forking unit needs the daemon to fork; a simple one needs it to stay in the foreground.
      expect(inv.flags.overrides.nodaemon ?? false).toBe(type === "simple");
      if (type === "forking") expect(setting(text, "PIDFile")).toBe(inv.flags.overrides.pidfile);
    });
  }

  const analyze = Bun.which("systemd-analyze");
  test.skipIf(!analyze)(`systemd-analyze verify accepts both${analyze ? "" : " (skipped: systemd-analyze not installed)"}`, async () => {
    const { dir, cleanup } = makeTmpDir("sv-units-");
    try {
      const bin = join(dir, "bin");
      mkdirSync(bin);
      for (const face of ["supervisord", "supervisorctl"]) symlinkSync(SUPERVISORD, join(bin, face));
      const files = Object.keys(UNITS).map((name) => {
        const file = join(dir, name);
        writeFileSync(file, unitText(name).replaceAll("/usr/local/bin/", `${bin}/`));
        return file;
      });
      const r = await run([analyze!, "verify", ...files]);
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
    } finally {
      cleanup();
    }
  });
});
