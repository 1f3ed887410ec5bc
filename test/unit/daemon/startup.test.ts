import { afterAll, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { applyMinimums, StartupError } from "../../../src/daemon/limits";
import { PidFile } from "../../../src/daemon/pidfile";
import { type Limit, type Limits, RLIMIT_NOFILE, RLIMIT_NPROC } from "../../../src/platform/limits";
import { RecordingLogger } from "../../support/fake-platform";
import { makeTmpDir } from "../../support/tmp";

const tmp = makeTmpDir("sv-startup-");
afterAll(tmp.cleanup);

class FakeLimits implements Limits {
  set_: [number, Limit][] = [];
  constructor(
    private now: Record<number, Limit>,
    private refuse = false,
  ) {}
  get(r: number): Limit {
    return this.now[r]!;
  }
  set(r: number, l: Limit): void {
    if (this.refuse) throw new Error("EPERM");
    this.set_.push([r, l]);
  }
}

test("minfds/minprocs raise the soft limit, and the hard one when it is lower", () => {
  const limits = new FakeLimits({ [RLIMIT_NOFILE]: { soft: 256, hard: 512 }, [RLIMIT_NPROC]: { soft: -1, hard: -1 } });
  expect(applyMinimums(limits, 1024, 200)).toEqual(["Increased RLIMIT_NOFILE limit to 1024"]);
  expect(limits.set_).toEqual([[RLIMIT_NOFILE, { soft: 1024, hard: 1024 }]]);
});

test("limits already high enough are left alone", () => {
  const limits = new FakeLimits({ [RLIMIT_NOFILE]: { soft: 4096, hard: 4096 }, [RLIMIT_NPROC]: { soft: 500, hard: 500 } });
  expect(applyMinimums(limits, 1024, 200)).toEqual([]);
});

test("a refused raise is 4.2.5's usage error", () => {
  const limits = new FakeLimits({ [RLIMIT_NOFILE]: { soft: 100, hard: 100 }, [RLIMIT_NPROC]: { soft: -1, hard: -1 } }, true);
  expect(() => applyMinimums(limits, 1024, 200)).toThrow(StartupError);
  expect(() => applyMinimums(limits, 1024, 200)).toThrow(
    'The minimum number of file descriptors required to run this process is 1024 as per the "minfds" command-line argument or config file setting. The current environment will only allow you to open 1024 file descriptors.',
  );
});

test("the pid file is written with a newline and removed only by its writer", () => {
  const path = join(tmp.dir, "sd.pid");
  const log = new RecordingLogger();
  const pf = new PidFile(path);
  pf.write(1234, log);
  expect(readFileSync(path, "utf8")).toBe("1234\n");
  expect(log.messages()).toEqual(["supervisord started with pid 1234"]);
  pf.remove();
  expect(existsSync(path)).toBe(false);
  const bad = new PidFile(join(tmp.dir, "no", "such", "dir.pid"));
  bad.write(1, log);
  expect(log.lines.at(-1)).toEqual({ level: "critical", message: `could not write pidfile ${join(tmp.dir, "no", "such", "dir.pid")}` });
  bad.remove();
});
