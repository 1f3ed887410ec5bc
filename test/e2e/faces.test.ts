import { expect, test } from "bun:test";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, ECHO_CONF, GOLDEN, SUPERVISORCTL, SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";

test("an unknown argv[0] prints a one-line usage naming the three faces and exits 2", async () => {
  const { dir, cleanup } = makeTmpDir();
  try {
    const other = join(dir, "something-else");
    copyFileSync(SUPERVISORD, other);
    const r = await run([other]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    for (const face of ["supervisord", "supervisorctl", "echo_supervisord_conf"]) expect(lines[0]).toContain(face);
  } finally {
    cleanup();
  }
});

test("supervisord answers to its name: -v starts with 4.2.5, -h is the pinned help", async () => {
  const v = await run([SUPERVISORD, "-v"]);
  expect(v.exitCode).toBe(0);
  expect(v.stdout).toMatch(/^4\.2\.5 \(supervisor-bun \S+, commit \S+, target .+\)\n$/);
  // Invoked through PATH, argv[0] is the bare name, as in the golden file.
  const h = await run(["supervisord", "-h"], { env: { PATH: `${DIST}:/usr/bin:/bin` } });
  expect(h.exitCode).toBe(0);
  expect(h.stdout).toBe(readFileSync(join(GOLDEN, "supervisord-help.txt"), "utf8"));
});

test("echo_supervisord_conf answers through its symlink with the pinned sample", async () => {
  const r = await run([ECHO_CONF]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(readFileSync(join(GOLDEN, "echo_supervisord_conf.ini"), "utf8"));
});

test("supervisorctl answers through its symlink as its own face", async () => {
  const r = await run([SUPERVISORCTL, "-h"]);
  const out = r.stdout + r.stderr;
  expect(out).toContain("supervisorctl");
  expect(out).not.toContain("invoke this binary as");
  expect(out).not.toContain("supervisord -- start");
});
