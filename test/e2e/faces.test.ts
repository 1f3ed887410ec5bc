import { expect, test } from "bun:test";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { SUPERVISORD } from "../support/paths";
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
