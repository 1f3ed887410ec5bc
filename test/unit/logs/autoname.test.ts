import { afterEach, beforeEach, expect, test } from "bun:test";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { autoLogPath, clearAutoChildLogs } from "../../../src/logs/autoname";
import { LEVELS } from "../../../src/logs/levels";
import { MainLog } from "../../../src/logs/main-log";
import { makeTmpDir } from "../../support/tmp";

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTmpDir("sv-auto-");
});
afterEach(() => tmp.cleanup());

test("AUTO names follow 4.2.5: <name>-<channel>---<identifier>-<8 random>.log, created 0600", () => {
  const a = autoLogPath(tmp.dir, "cat_00", "stdout", "supervisor");
  const b = autoLogPath(tmp.dir, "cat_00", "stdout", "supervisor");
  expect(a).not.toBe(b);
  for (const p of [a, b]) {
    expect(p).toMatch(new RegExp(`^${tmp.dir}/cat_00-stdout---supervisor-[a-z0-9_]{8}\\.log$`));
    expect(statSync(p).size).toBe(0);
    expect(statSync(p).mode & 0o777).toBe(0o600);
  }
  expect(autoLogPath(tmp.dir, "web", "stderr", "id")).toContain("/web-stderr---id-");
});

test("start-up cleanup removes AUTO logs and their backups for this identifier only", () => {
  const names = [
    "x-stdout---supervisor-abcdefgh.log",
    "x-stdout---supervisor-abcdefgh.log.1",
    "x-stderr---supervisor-zzzzzzzz.log.12",
    "x-stdout---other-abcdefgh.log",
    "keep.log",
  ];
  for (const n of names) writeFileSync(join(tmp.dir, n), "");
  const log = new MainLog({ stdout: () => {} });
  clearAutoChildLogs(tmp.dir, "supervisor", log);
  expect(readdirSync(tmp.dir).sort()).toEqual(["keep.log", "x-stdout---other-abcdefgh.log"]);
});

test("an unreadable childlogdir is a warning, as in 4.2.5", () => {
  const warnings: string[] = [];
  const log = new MainLog({ stdout: () => {} });
  log.log = (level, msg) => {
    if (level === LEVELS.warn) warnings.push(msg);
  };
  clearAutoChildLogs(join(tmp.dir, "missing"), "supervisor", log);
  expect(warnings).toEqual(["Could not clear childlog dir"]);
});
