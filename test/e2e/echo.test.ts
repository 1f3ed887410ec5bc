// echo_supervisord_conf: the pinned output, in INI and TOML, and a file that both 4.2.5 and we accept with the same
// settings as 4.2.5's own sample.
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load";
import { ECHO_CONF, GOLDEN, SUPERVISORD } from "../support/paths";
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

// What 4.2.5 makes of a config: its server settings and [supervisorctl] settings, through its own classes.
const DUMP = `
import json, sys
from supervisor.options import ServerOptions, ClientOptions
s = ServerOptions(); s.realize(["-c", sys.argv[1]], doc="")
c = ClientOptions(); c.realize(["-c", sys.argv[1]], doc="")
keep = lambda d: {k: v for k, v in d.items() if k != "family"}
print(json.dumps({
  "servers": [keep(x) for x in s.server_configs],
  "supervisord": {k: getattr(s, k) for k in ["logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile",
      "nodaemon", "silent", "minfds", "minprocs", "umask", "identifier", "nocleanup", "strip_ansi", "user", "directory"]},
  "rpc": [(n, e) for n, f, e in s.rpcinterface_factories],
  "groups": len(s.process_group_configs),
  "ctl": {k: getattr(c, k) for k in ["serverurl", "username", "password", "prompt", "history_file"]},
}, sort_keys=True))
`;

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`against 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  test("`echo_supervisord_conf > x.conf` gives a file 4.2.5 reads exactly as it reads its own sample", async () => {
    const ours = join(tmp.dir, "ours.conf");
    const theirs = join(tmp.dir, "theirs.conf");
    writeFileSync(ours, (await run([ECHO_CONF])).stdout);
    writeFileSync(theirs, (await run([refBin("echo_supervisord_conf")])).stdout);
    const dump = async (file: string) => {
      const r = await run(["python3", "-c", DUMP, file], { env: { PYTHONPATH: REFERENCE_SITE! }, timeoutMs: 60_000 });
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
      return JSON.parse(r.stdout);
    };
    const [mine, reference] = await Promise.all([dump(ours), dump(theirs)]);
    expect(mine.servers[0].file).toBe("/tmp/supervisor.sock");
    expect(mine).toEqual(reference);
  }, 60_000);
});
