// The same bad command lines, given to 4.2.5's supervisord and to ours: the same two lines on stderr, the same
// exit code. The reference's side runs its own option handling (ServerOptions.realize, which is what its
// supervisord runs first) for every case in one Python process, since starting Python per case is slow.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIST } from "../support/paths";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON } from "../support/reference";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";

const tmp = makeTmpDir("sv-flags-");
afterAll(tmp.cleanup);
const minimal = join(tmp.dir, "minimal.conf");
writeFileSync(minimal, "[supervisord]\n");

const CASES = [
  ["-x"],
  ["-u"],
  ["--user"],
  ["--nodaemon=1"],
  ["--log"],
  ["-n", "-n"],
  ["-n", "foo", "-s"],
  ["-m", "999"],
  ["-d", "/nonexistent-dir"],
  ["-l", "/nonexistent-dir/x.log"],
  ["-y", "1.5MB"],
  ["-e", "loud"],
  ["-c", "/nonexistent.conf"],
  ["-c", minimal, "-u", "no-such-user-xyz"],
  ["-c", minimal, "-u", "98765"],
];

const DRIVER = `
import io, json, sys
from supervisor.options import ServerOptions
out = []
for args in json.load(sys.stdin):
    o = ServerOptions()
    o.stderr = io.StringIO()
    o.stdout = io.StringIO()
    try:
        o.realize(args, doc="", progname="supervisord")
        code = 0
    except SystemExit as e:
        code = e.code
    out.append({"stderr": o.stderr.getvalue(), "exitCode": code})
print(json.dumps(out))
`;

let reference: { stderr: string; exitCode: number }[] = [];
beforeAll(async () => {
  if (REFERENCE_SKIP_REASON) return;
  const r = await run(["python3", "-c", DRIVER], {
    env: { PYTHONPATH: REFERENCE_SITE! },
    stdin: JSON.stringify(CASES),
    timeoutMs: 60_000,
  });
  if (r.exitCode !== 0) throw new Error(`reference driver failed: ${r.stderr}`);
  reference = JSON.parse(r.stdout);
}, 60_000);

const ours = (args: string[]) => run(["supervisord", ...args], { env: { PATH: `${DIST}:/usr/bin:/bin` } });

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`supervisord flags against 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  CASES.forEach((args, i) => {
    test(args.join(" "), async () => {
      const theirs = reference[i]!;
      expect(theirs.exitCode).toBe(2);
      const mine = await ours(args);
      expect({ stderr: mine.stderr, exitCode: mine.exitCode }).toEqual(theirs);
    });
  });
});
