import { expect, test } from "bun:test";
import { parseProcLimits, RLIMIT_NOFILE, RLIMIT_NPROC, SystemLimits } from "../../../src/platform/limits";

const SAMPLE = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max processes             96364                unlimited            processes
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

test("/proc/PID/limits rows: numbers, and unlimited as -1", () => {
  expect(parseProcLimits(SAMPLE, RLIMIT_NOFILE)).toEqual({ soft: 1024, hard: 524288 });
  expect(parseProcLimits(SAMPLE, RLIMIT_NPROC)).toEqual({ soft: 96364, hard: -1 });
});

test("a resource we do not manage, or a missing row, is an error naming it", () => {
  expect(() => parseProcLimits(SAMPLE, 3)).toThrow("no limits for resource 3");
  expect(() => parseProcLimits("Limit Soft Hard Units\n", RLIMIT_NOFILE)).toThrow("no limits for resource 7");
});

test("the real limits read back what setrlimit set", () => {
  const limits = new SystemLimits();
  const now = limits.get(RLIMIT_NOFILE);
  expect(now.soft === -1 || now.soft > 0).toBe(true);
  const lower = now.soft === -1 ? 4096 : now.soft - 1;
  limits.set(RLIMIT_NOFILE, { soft: lower, hard: now.hard });
  expect(limits.get(RLIMIT_NOFILE)).toEqual({ soft: lower, hard: now.hard });
  limits.set(RLIMIT_NOFILE, now);
  expect(limits.get(RLIMIT_NOFILE)).toEqual(now);
  expect(() => limits.set(RLIMIT_NPROC, { soft: 1, hard: 0 })).toThrow("setrlimit(6) failed");
});
