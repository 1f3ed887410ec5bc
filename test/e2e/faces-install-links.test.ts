import { afterAll, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN, SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";

// A copy of the binary under the name a release user gives it, in a folder of its own.
const tmp = makeTmpDir("sv-links-");
afterAll(tmp.cleanup);
const bin = join(tmp.dir, "bin");
mkdirSync(bin);
const binary = join(bin, "supervisord");
copyFileSync(SUPERVISORD, binary);

test("--install-links makes both faces beside the binary, says so, and the faces answer", async () => {
  const r = await run([binary, "--install-links"]);
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(
    `created ${bin}/supervisorctl -> supervisord\ncreated ${bin}/echo_supervisord_conf -> supervisord\n`,
  );
  expect(readlinkSync(join(bin, "supervisorctl"))).toBe("supervisord");
  const echo = await run([join(bin, "echo_supervisord_conf")]);
  expect(echo.stdout).toBe(readFileSync(join(GOLDEN, "echo_supervisord_conf.ini"), "utf8"));

  const again = await run([binary, "--install-links"]);
  expect(again.exitCode).toBe(0);
  expect(again.stdout).toContain(`${bin}/supervisorctl -> supervisord (already there)`);
});

test("--install-links DIR links to the binary's full path, and never replaces someone else's file", async () => {
  const other = join(tmp.dir, "other");
  mkdirSync(other);
  writeFileSync(join(other, "supervisorctl"), "#!/bin/sh\necho the old one\n");
  const r = await run([binary, "--install-links", other]);
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toBe(`created ${other}/echo_supervisord_conf -> ${binary}\n`);
  expect(r.stderr).toBe(
    `Error: ${other}/supervisorctl exists and is a file that is not a link; remove it first to link it to ${binary}\n`,
  );
  expect(readFileSync(join(other, "supervisorctl"), "utf8")).toContain("the old one");
});

test("invoked through a link, the faces go beside the link, not beside the file it points to", async () => {
  const onPath = join(tmp.dir, "on-path");
  mkdirSync(onPath);
  symlinkSync(binary, join(onPath, "supervisord"));
  const r = await run([join(onPath, "supervisord"), "--install-links"]);
  expect(r.exitCode).toBe(0);
  expect(readlinkSync(join(onPath, "supervisorctl"))).toBe("supervisord");
  // A link that already reaches the same file by another path counts as in place.
  const again = await run([join(onPath, "supervisord"), "--install-links", bin]);
  expect(again.exitCode).toBe(0);
  expect(again.stdout).toContain("(already there)");
});

test("a release file name still selects the supervisord face", async () => {
  const renamed = join(tmp.dir, "supervisord-linux-x64");
  copyFileSync(SUPERVISORD, renamed);
  const r = await run([renamed, "-v"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toStartWith("4.2.5 ");
});
