// echo_supervisord_conf: the pinned output, in INI and TOML, and a file that both 4.2.5 and we accept with the same
// settings as 4.2.5's own sample.
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load";
import { configShape } from "../compat/config/shape";
import { ECHO_CONF, GOLDEN, ROOT, SUPERVISORD } from "../support/paths";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON, refBin } from "../support/reference";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";

const tmp = makeTmpDir("sv-echo-");
afterAll(tmp.cleanup);

test("echo_supervisord_conf prints the pinned INI sample", async () => {
  const r = await run([ECHO_CONF]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(readFileSync(join(GOLDEN, "echo_supervisord_conf.ini"), "utf8"));
});

test("--toml prints the pinned TOML sample", async () => {
  const r = await run([ECHO_CONF, "--toml"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(readFileSync(join(GOLDEN, "echo_supervisord_conf.toml"), "utf8"));
});

test("an unknown argument is refused rather than ignored", async () => {
  const r = await run([ECHO_CONF, "--tmol"]);
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe("Error: unknown argument '--tmol'\nFor help, use echo_supervisord_conf -h\n");
});

test("our supervisord accepts both samples, and reads the TOML one as the INI one", async () => {
  const ini = join(tmp.dir, "x.conf");
  const toml = join(tmp.dir, "x.toml");
  writeFileSync(ini, (await run([ECHO_CONF])).stdout);
  writeFileSync(toml, (await run([ECHO_CONF, "--toml"])).stdout);
  for (const file of [ini, toml]) {
    const r = await run([SUPERVISORD, "-c", file, "--check-config"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`config OK: ${file}: 0 programs in 0 groups\n`);
  }
  const load = (file: string) => {
    const { file: _f, files: _fs, ...settings } = loadConfig({ file, cwd: tmp.dir, executable: SUPERVISORD, env: {} });
    return settings;
  };
  expect(load(toml)).toEqual(load(ini));
});

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`against 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  test("`echo_supervisord_conf > x.conf`: 4.2.5 reads it as it reads its own sample, and we read it as 4.2.5 does", async () => {
    const ours = join(tmp.dir, "ours.conf");
    const theirs = join(tmp.dir, "theirs.conf");
    writeFileSync(ours, (await run([ECHO_CONF])).stdout);
    writeFileSync(theirs, (await run([refBin("echo_supervisord_conf")])).stdout);
    // The config differential test's own dump of 4.2.5's parse, and its shape of ours.
    const r = await run(["python3", join(ROOT, "test/compat/config/dump_reference.py"), ours, theirs], {
      cwd: tmp.dir,
      env: { PYTHONPATH: REFERENCE_SITE! },
      timeoutMs: 60_000,
    });
    expect(r.exitCode).toBe(0);
    const reference = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(reference[ours]!.error).toBeUndefined();
    expect(reference[ours]).toEqual(reference[theirs]!);
    const mine = loadConfig({ file: ours, cwd: tmp.dir, executable: SUPERVISORD, env: {}, hostname: "testhost" });
    expect(configShape(mine)).toEqual(reference[ours]!);
  }, 60_000);
});
