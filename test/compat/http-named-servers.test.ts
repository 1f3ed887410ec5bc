// Named server sections on both daemons: 4.2.5's supervisord and ours are given the same config and must serve the
// same servers (both supervisorctls reach the daemon through each), log the same unauthenticated ones, and point
// their children at the same SUPERVISOR_SERVER_URL. (Which server that is for every mix of sections is compared
// on the config alone, by config.test.ts with the http-* fixtures.)
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Flavour } from "../support/daemon";
import { daemonScope } from "../support/daemon-scope";
import { FIXTURE_BIN, SUPERVISORCTL } from "../support/paths";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON, refBin } from "../support/reference";
import { run } from "../support/run";
import { waitFor } from "../support/wait";
import { freePort } from "../support/web-target";

const { start } = daemonScope();

const PROGRAM = `[program:env]\ncommand=${FIXTURE_BIN}/print-env %(here)s/env.txt\nstartsecs=0\n`;
// The reference serves the supervisor namespace only when asked to; supervisorctl -s needs a [supervisorctl].
const COMMON = "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n[supervisorctl]\n";

/** Starts `flavour` on the config, waits for its program, and tells what a user sees of its servers. */
async function observe(flavour: Flavour, servers: string, urls: (dir: string) => string[]) {
  const d = start(PROGRAM, servers + COMMON, flavour);
  await d.waitForLine("success: env entered RUNNING state", 20_000);
  const envFile = join(d.dir, "env.txt");
  const env = await waitFor("the child's environment", () => (existsSync(envFile) ? readFileSync(envFile, "utf8") : null));
  const reached: Record<string, string[]> = {};
  for (const url of urls(d.dir)) {
    reached[url.replace(d.dir, "DIR")] = await Promise.all(
      [SUPERVISORCTL, refBin("supervisorctl")].map(async (ctl) => {
        const r = await run([ctl, "-s", url, "status", "env"], { cwd: d.dir, env: { PYTHONPATH: REFERENCE_SITE! } });
        return `${r.exitCode} ${r.stdout.replace(/pid \d+, uptime \S+/, "pid P")}`;
      }),
    );
  }
  const serverUrl = /^SUPERVISOR_SERVER_URL=(.*)$/m.exec(env)?.[1]?.replace(d.dir, "DIR") ?? null;
  const unauthenticated = d.messages().filter((m) => m.startsWith("Server '"));
  expect(await d.stop()).toBe(0);
  return { serverUrl, unauthenticated, reached };
}

describe.skipIf(!REFERENCE_SITE)(`named server sections, ours against 4.2.5${REFERENCE_SKIP_REASON ? ` (${REFERENCE_SKIP_REASON})` : ""}`, () => {
  test("two named inet servers and a named unix socket: each one served, children get the socket", async () => {
    const [web, api] = [await freePort(), await freePort()];
    const servers =
      `[inet_http_server:web]\nport=127.0.0.1:${web}\n[unix_http_server:main]\nfile=%(here)s/main.sock\n` +
      `[inet_http_server:api]\nport=127.0.0.1:${api}\nusername=admin\npassword=secret\n`;
    const urls = (dir: string) => [`http://127.0.0.1:${web}`, `unix://${dir}/main.sock`];
    const reference = await observe("reference", servers, urls);
    const ours = await observe("ours", servers, urls);
    expect(ours).toEqual(reference);
    expect(ours.serverUrl).toBe("unix://DIR/main.sock");
    expect(Object.values(ours.reached).flat().every((r) => r.startsWith("0 env "))).toBe(true);
  }, 60_000);
});
