import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageVersion } from "../../scripts/release/defines";
import { checkGlibc, checkGlibcText } from "../../scripts/release/glibc";
import { RELEASE_TARGETS } from "../../scripts/release/targets";
import { ROOT } from "../support/paths";
import { run } from "../support/run";
import { RELEASE_DIR, releaseFile } from "./support";

test("dist/release holds the three binaries and a SHA256SUMS that sha256sum -c accepts", async () => {
  for (const t of RELEASE_TARGETS) expect(existsSync(releaseFile(t.file))).toBe(true);
  const sums = readFileSync(releaseFile("SHA256SUMS"), "utf8");
  expect(sums.trimEnd().split("\n").map((l) => l.split("  ")[1])).toEqual(RELEASE_TARGETS.map((t) => t.file).sort());
  const r = await run(["sha256sum", "-c", "SHA256SUMS"], { cwd: RELEASE_DIR, timeoutMs: 60_000 });
  expect(r.exitCode).toBe(0);
  expect(r.stdout.match(/: OK$/gm)).toHaveLength(RELEASE_TARGETS.length);
});

test("each glibc binary needs nothing newer than GLIBC_2.17", () => {
  for (const t of RELEASE_TARGETS.filter((x) => x.maxGlibc)) {
    const report = checkGlibc(releaseFile(t.file), t.maxGlibc!);
    expect({ file: t.file, tooNew: report.tooNew }).toEqual({ file: t.file, tooNew: [] });
    expect(report.newest).not.toBeNull();
  }
});

test("the glibc check fails on a binary that needs more: this Debian's /bin/ls", async () => {
  const report = checkGlibc("/bin/ls", "2.17");
  expect(report.tooNew.length).toBeGreaterThan(0);
  const r = await run(["bun", join(ROOT, "scripts/release/glibc.ts"), "/bin/ls", "2.17"], {
    env: { PATH: process.env.PATH! },
  });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toContain("glibc check FAILED: /bin/ls: needs glibc 2.");
  expect(r.stderr).toContain(report.tooNew[0]!);
});

test("the glibc check reads both objdump spellings and compares versions numerically", () => {
  const text = [
    "0000000000000000      DF *UND*	0000000000000000 (GLIBC_2.2.5) malloc",
    "0000000000000000      DF *UND*	0000000000000000  GLIBC_2.17  clock_gettime",
    "0000000000000000      DF *UND*	0000000000000000 (GLIBC_2.9) pipe2",
    "0000000000000000      DF *UND*	0000000000000000  Base        __libc_start_main",
  ].join("\n");
  expect(checkGlibcText(text, "2.17")).toEqual({ newest: "2.17", tooNew: [] });
  expect(checkGlibcText(text, "2.10")).toEqual({ newest: "2.17", tooNew: ["clock_gettime@GLIBC_2.17"] });
});

test("--version names the Supervisor version, our version, the commit and the target", async () => {
  const version = await packageVersion();
  const r = await run([releaseFile("supervisord-linux-x64"), "--version"]);
  expect(r.exitCode).toBe(0);
  const m = /^4\.2\.5 \(supervisor-bun (\S+), commit ([0-9a-f]{12})(-dirty)?, target linux-x64\)\n$/.exec(r.stdout);
  expect(m?.[1]).toBe(version);
  // A commit of this repository (others may have been made since the build).
  expect((await run(["git", "cat-file", "-e", `${m![2]}^{commit}`], { cwd: ROOT })).exitCode).toBe(0);
});
