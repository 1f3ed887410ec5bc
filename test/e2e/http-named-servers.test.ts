// Named server sections, served by the compiled supervisord all at once as 4.2.5 does: two [inet_http_server:NAME]
// on two loopback ports, each with its own credentials, beside a [unix_http_server:NAME] socket; supervisorctl -s
// reaches the daemon through each. Two sections on one port refuse the start with 4.2.5's usage error.
import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { daemonScope } from "../support/daemon-scope";
import { FIXTURE_BIN, SUPERVISORCTL } from "../support/paths";
import { run } from "../support/run";
import { waitFor } from "../support/wait";
import { freePort } from "../support/web-target";

const { start } = daemonScope();

test("two named inet servers and a named unix socket: each serves supervisorctl with its own credentials", async () => {
  const [web, api] = [await freePort(), await freePort()];
  const d = start(
    `[program:env]\ncommand=${FIXTURE_BIN}/print-env %(here)s/env.txt\nstartsecs=0\n`,
    `[inet_http_server:web]\nport=127.0.0.1:${web}\n` +
      `[unix_http_server:main]\nfile=%(here)s/main.sock\n` +
      `[inet_http_server:api]\nport=127.0.0.1:${api}\nusername=admin\npassword=secret\n[supervisorctl]\n`,
  );
  const sock = join(d.dir, "main.sock");
  await d.waitForLine("success: env entered RUNNING state");
  const ctl = (...args: string[]) => run([SUPERVISORCTL, ...args, "status", "env"], { cwd: d.dir });
  const running = /^env +RUNNING +pid \d+/;

  expect((await ctl("-s", `http://127.0.0.1:${web}`)).stdout).toMatch(running);
  expect((await ctl("-s", `unix://${sock}`)).stdout).toMatch(running);
  expect((await ctl("-s", `http://127.0.0.1:${api}`, "-u", "admin", "-p", "secret")).stdout).toMatch(running);
  const refused = await ctl("-s", `http://127.0.0.1:${api}`);
  expect(refused.stdout).toStartWith("Server requires authentication\n");
  expect(refused.exitCode).toBe(1);

  // Children are pointed at the first unix socket; the log names each server by its section.
  const env = await waitFor("the child's environment", () => existsSync(join(d.dir, "env.txt")) && readFileSync(join(d.dir, "env.txt"), "utf8"));
  expect(env).toContain(`SUPERVISOR_SERVER_URL=unix://${sock}\n`);
  const open = d.messages().filter((m) => m.startsWith("Server '"));
  expect(open).toEqual([
    "Server 'inet_http_server:web' running without any HTTP authentication checking",
    "Server 'unix_http_server:main' running without any HTTP authentication checking",
  ]);

  expect(await d.stop()).toBe(0);
  expect(existsSync(sock)).toBe(false);
}, 30_000);

test("two server sections on one port: 4.2.5's usage error, exit 2, nothing left listening", async () => {
  const port = await freePort();
  const d = start("", `[unix_http_server:a]\nfile=%(here)s/a.sock\n[inet_http_server:a]\nport=127.0.0.1:${port}\n[inet_http_server:b]\nport=127.0.0.1:${port}\n`);
  expect(await d.exited()).toBe(2);
  const stderr = await new Response(d.proc.stderr as ReadableStream).text();
  expect(stderr).toStartWith(
    "Error: Another program is already listening on a port that one of our HTTP servers is configured to use.  " +
      "Shut this program down first before starting supervisord.\n",
  );
  expect(stderr).toMatch(/\nFor help, use \S*supervisord -h\n$/);
  expect(existsSync(join(d.dir, "a.sock"))).toBe(false);
}, 30_000);
