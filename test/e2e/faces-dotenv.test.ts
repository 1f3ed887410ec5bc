// A compiled Bun binary reads .env and bunfig.toml from its working directory unless built not to. supervisord
// started in a folder holding them must not pass their variables to its programs, nor run a bunfig preload:
// 4.2.5 reads neither file.
import { expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DaemonRun, testScope, writeConfig } from "../support/daemon";
import { waitFor } from "../support/wait";

const scope = testScope();

test("a .env and a bunfig.toml in supervisord's working directory reach neither it nor its programs", async () => {
  const cfg = writeConfig("[program:env]\ncommand=print-env %(here)s/env.txt\nstartsecs=0\n");
  scope.cleanups.push(cfg.cleanup);
  const marker = join(cfg.dir, "preloaded");
  writeFileSync(join(cfg.dir, ".env"), "SV_DOTENV_LEAK=from-dotenv\nPATH=/nonexistent\n");
  writeFileSync(join(cfg.dir, "preload.ts"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "");\n`);
  writeFileSync(join(cfg.dir, "bunfig.toml"), `preload = ["./preload.ts"]\n[define]\nSV_VERSION = "'from-bunfig'"\n`);

  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  scope.started.push(d.proc.pid);
  const envFile = join(cfg.dir, "env.txt");
  const text = await waitFor("the program's environment", () => (existsSync(envFile) ? readFileSync(envFile, "utf8") : null));
  scope.started.push(d.spawnedPid("env"));
  expect(await d.stop()).toBe(0);

  const env = text.split("\n");
  expect(env.some((l) => l.startsWith("SV_DOTENV_LEAK="))).toBe(false);
  // PATH is supervisord's own (the fixture programs were found through it), not the .env's.
  expect(env.find((l) => l.startsWith("PATH="))).not.toBe("PATH=/nonexistent");
  expect(existsSync(marker)).toBe(false);
});
