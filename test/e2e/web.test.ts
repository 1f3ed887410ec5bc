// The web page in headless Chromium, against a real supervisord (see test/support/web-target.ts for which one).
// Everything the page claims is checked through the XML-RPC API, never through the page alone.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT } from "../support/paths";
import { BROWSER_SKIP_REASON, launchChromium } from "../support/browser";
import { waitFor } from "../support/wait";
import { PASSWORD, USER, startWebTarget, targetKinds, targetSkipReason, type WebTarget } from "../support/web-target";

const SHOTS = join(ROOT, "test-artifacts", "web");

// Prints out.msg on stdout and err.msg on stderr when the test drops them, so a line appears on demand.
const TALKER = `while :; do
  if [ -f out.msg ]; then cat out.msg; rm -f out.msg; fi
  if [ -f err.msg ]; then cat err.msg >&2; rm -f err.msg; fi
  sleep 0.1
done
`;

const PROGRAMS = `
[program:talker]
command=sh %(here)s/talker.sh
directory=%(here)s
startsecs=0

[program:sleeper]
command=sleep 1000
startsecs=0

[program:web]
command=sleep 1000
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=0

[program:idle]
command=sleep 1000
autostart=false

[program:broken]
command=/nonexistent/bin/tool
autostart=false
`;

const ALL = ["talker", "sleeper", "web:web_0", "web:web_1", "idle", "broken"];

interface Info {
  name: string;
  group: string;
  statename: string;
  description: string;
}

let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
});

for (const kind of targetKinds()) {
  const skip = BROWSER_SKIP_REASON ?? targetSkipReason(kind);
  describe.skipIf(skip !== null)(`web UI on ${kind} supervisord${skip ? ` (skipped: ${skip})` : ""}`, () => {
    let target: WebTarget;
    let ctx: BrowserContext;
    let page: Page;
    const requested: string[] = [];
    const problems: string[] = [];

    const badge = (ns: string) => page.locator(`tr.proc[data-name="${ns}"] .badge`).textContent({ timeout: 1000 });
    const stateOf = async (ns: string) => ((await target.call("supervisor.getProcessInfo", ns)) as unknown as Info).statename;
    /** Makes the talker print `text` on `stream`: written aside, then renamed, so it never reads half a file. */
    const say = (stream: "out" | "err", text: string) => {
      writeFileSync(join(target.dir, `${stream}.tmp`), `${text}\n`);
      renameSync(join(target.dir, `${stream}.tmp`), join(target.dir, `${stream}.msg`));
    };

    beforeAll(async () => {
      target = await startWebTarget(kind, PROGRAMS, { "talker.sh": TALKER });
      browser ??= await launchChromium();
      ctx = await browser.newContext({ httpCredentials: { username: USER, password: PASSWORD }, viewport: { width: 1280, height: 800 } });
      page = await ctx.newPage();
      page.on("request", (r) => requested.push(r.url()));
      page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
      page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
      await page.goto(target.url);
    }, 60_000);

    afterAll(async () => {
      await ctx?.close();
      await target?.stop();
    });

    test("lists every program with the state the API reports", async () => {
      await waitFor("sleeper RUNNING", async () => (await stateOf("sleeper")) === "RUNNING");
      const infos = (await target.call("supervisor.getAllProcessInfo")) as unknown as Info[];
      expect(infos.map((i) => (i.group === i.name ? i.name : `${i.group}:${i.name}`)).sort()).toEqual([...ALL].sort());
      for (const info of infos) {
        const ns = info.group === info.name ? info.name : `${info.group}:${info.name}`;
        await waitFor(`${ns} shown as ${info.statename}`, async () => (await badge(ns)) === info.statename);
      }
      expect(await page.locator('tr.proc[data-name="idle"] td.desc').textContent()).toBe("Not started");
      expect(await page.locator('tr.proc[data-name="sleeper"] td.pid').textContent()).toMatch(/^\d+$/);
      expect(await page.locator('tr.proc[data-name="sleeper"] td.up').textContent()).toMatch(/^0:00:\d\d$/);
    }, 20_000);

    test("Stop stops the process (per the API) and the page shows it within 2 s, without a reload", async () => {
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await page.click('tr.proc[data-name="sleeper"] button[data-act="stop"]');
      await waitFor("the API to say sleeper is STOPPED", async () => (await stateOf("sleeper")) === "STOPPED");
      await waitFor("the page to show sleeper STOPPED", async () => (await badge("sleeper")) === "STOPPED", { timeoutMs: 2000 });
      // A change made by another client shows up too: the page follows the daemon, not its own clicks.
      await target.call("supervisor.startProcess", "sleeper", true);
      await waitFor("the page to show sleeper RUNNING", async () => (await badge("sleeper")) === "RUNNING", { timeoutMs: 2000 });
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    }, 20_000);

    test("the tail view shows lines the child prints after it opened, on stdout and then stderr", async () => {
      await page.click('tr.proc[data-name="talker"] button[data-act="tail"]');
      await page.waitForSelector("#tail:not([hidden])");
      await waitFor("the tail to follow", async () => (await page.textContent("#tail-status"))?.startsWith("Following"));
      const outLine = `stdout line ${crypto.randomUUID()}`;
      say("out", outLine);
      await waitFor("the stdout line in the tail view", async () => (await page.textContent("#tail-text"))?.includes(outLine), { timeoutMs: 5000 });
      await page.click('#tail button[data-stream="stderr"]');
      expect(page.url()).toContain("stream=stderr");
      await waitFor("the stderr tail to follow", async () => (await page.textContent("#tail-status"))?.startsWith("Following"));
      const errLine = `stderr line ${crypto.randomUUID()}`;
      say("err", errLine);
      await waitFor("the stderr line in the tail view", async () => (await page.textContent("#tail-text"))?.includes(errLine), { timeoutMs: 5000 });
      expect(await page.textContent("#tail-text")).not.toContain(outLine);
      await page.screenshot({ path: join(SHOTS, `${kind}-tail-desktop.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SHOTS, `${kind}-tail-phone.png`) });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.click("#tail-close");
      await page.waitForSelector("#tail", { state: "hidden" });
    }, 20_000);

    test("a failed action shows a readable message, not a fault", async () => {
      await page.click('tr.proc[data-name="broken"] button[data-act="start"]');
      const msg = page.locator(".msg.error").last();
      await msg.waitFor({ timeout: 5000 });
      const text = (await msg.textContent()) ?? "";
      expect(text).toContain("broken");
      expect(text).not.toMatch(/fault|NO_FILE|SPAWN_ERROR|<\?xml|\bcode\b/i);
      await msg.locator("button").click();
    }, 20_000);

    test("the filter narrows the list by name, and a group folds", async () => {
      await page.fill("#filter", "web");
      await waitFor("only web's processes shown", async () => {
        const shown = await page.locator("tr.proc:visible").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name));
        return JSON.stringify(shown) === JSON.stringify(["web:web_0", "web:web_1"]);
      });
      await page.fill("#filter", "");
      await page.click('tbody[data-group="web"] button.fold');
      await waitFor("web folded", async () => (await page.locator('tr.proc[data-name^="web:"]:visible').count()) === 0);
      expect(await page.locator('tr.proc[data-name="talker"]').isVisible()).toBe(true);
      await page.click('tbody[data-group="web"] button.fold');
      await waitFor("web unfolded", async () => (await page.locator('tr.proc[data-name^="web:"]:visible').count()) === 2);
    }, 20_000);

    test("screenshots at desktop and phone width; the phone layout does not scroll sideways", async () => {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${kind}-desktop.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await waitFor("the phone layout", async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
      await page.screenshot({ path: join(SHOTS, `${kind}-phone.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: join(SHOTS, `${kind}-phone-dark.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 1280, height: 800 });
    }, 20_000);

    test("the page asked nothing of any other server, and raised no error", () => {
      const origin = new URL(target.url).origin;
      expect(requested.length).toBeGreaterThan(0);
      expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
      expect(problems).toEqual([]);
    }, 20_000);

    test("a wrong password gets no page and no data", async () => {
      const listCall = '<?xml version="1.0"?><methodCall><methodName>supervisor.getAllProcessInfo</methodName></methodCall>';
      const asks = [["GET", "ui/app.js"], ["POST", "RPC2"]] as const;
      const other = await browser!.newContext({ httpCredentials: { username: USER, password: "wrong" } });
      try {
        // Chromium either shows the 401 answer or, once the credentials are refused, gives up the load.
        const res = await (await other.newPage()).goto(target.url).catch((e: Error) => e);
        if (res instanceof Error) expect(res.message).toContain("ERR_INVALID_AUTH_CREDENTIALS");
        else {
          expect(res?.status()).toBe(401);
          expect(await res?.text()).not.toContain("data-supervisor-ui");
        }
        for (const [method, path] of asks) {
          const r = await other.request.fetch(new URL(path, target.url).href, { method, data: method === "POST" ? listCall : undefined });
          expect(r.status()).toBe(401);
          expect(await r.text()).not.toMatch(/talker|import /);
        }
      } finally {
        await other.close();
      }
      for (const [method, path] of [["GET", ""], ...asks]) {
        const r = await fetch(new URL(path, target.url), { method, body: method === "POST" ? listCall : undefined });
        expect(r.status).toBe(401);
        expect(await r.text()).not.toMatch(/talker|import |data-supervisor-ui/);
      }
    }, 20_000);

    test("another site cannot make a logged-in browser act", async () => {
      const stopTalker =
        '<?xml version="1.0"?><methodCall><methodName>supervisor.stopProcess</methodName>' +
        "<params><param><value><string>talker</string></value></param></params></methodCall>";
      const rpc = new URL("RPC2", target.url).href;
      // A text/plain form posts "name=value": split the XML at its first "=" to send it verbatim.
      const cut = stopTalker.indexOf("=");
      const [name, value] = [stopTalker.slice(0, cut), stopTalker.slice(cut + 1)];
      const evil = Bun.serve({
        hostname: "127.0.0.1",
        port: 0,
        fetch: () =>
          new Response(
            `<form method="post" enctype="text/plain" action="${rpc}"><input name='${name}' value='${value}'></form>` +
              `<script>fetch(${JSON.stringify(rpc)}, { method: "POST", mode: "no-cors", credentials: "include", ` +
              `body: ${JSON.stringify(stopTalker)} }).finally(() => document.forms[0].submit());</script>`,
            { headers: { "Content-Type": "text/html" } },
          ),
      });
      try {
        const attacked = await ctx.newPage();
        const posted = attacked.waitForResponse((r) => r.url() === rpc && r.request().resourceType() === "document");
        await attacked.goto(`http://127.0.0.1:${evil.port}/`);
        expect((await posted).status()).toBe(403);
        await attacked.waitForURL(rpc); // closing a page mid-navigation can hang
        await attacked.close();
        expect(await stateOf("talker")).toBe("RUNNING");
      } finally {
        evil.stop(true);
      }
    }, 20_000);

    test("Restart, Clear log, Restart all and Stop all act through the API", async () => {
      const pidOf = async (ns: string) => ((await target.call("supervisor.getProcessInfo", ns)) as unknown as { pid: number }).pid;
      const before = await pidOf("sleeper");
      await page.click('tr.proc[data-name="sleeper"] button[data-act="restart"]');
      await waitFor("sleeper restarted with a new pid", async () => (await stateOf("sleeper")) === "RUNNING" && (await pidOf("sleeper")) !== before);

      say("out", "to be cleared");
      // The log already holds the earlier tests' lines: wait for this one, or it could land after the clear.
      await waitFor("talker's log to hold the line", async () =>
        ((await target.call("supervisor.tailProcessStdoutLog", "talker", 0, 100)) as [string])[0].includes("to be cleared"),
      );
      await page.click('tr.proc[data-name="talker"] button[data-act="clear"]');
      await waitFor("talker's log emptied", async () => ((await target.call("supervisor.tailProcessStdoutLog", "talker", 0, 100)) as [string, number])[1] === 0);

      const pids = await Promise.all(["talker", "web:web_0"].map(pidOf));
      await page.click("#restart-all");
      expect(await page.textContent("#restart-all")).toBe("Restart all?"); // the first click only arms it
      await page.click("#restart-all");
      await waitFor("talker and web:web_0 restarted", async () => (await Promise.all(["talker", "web:web_0"].map(pidOf))).every((p, i) => p && p !== pids[i]));
      // startAllProcesses also tried "broken", whose command does not exist: the page says so in words.
      await waitFor("the page to report broken", async () => (await page.locator(".msg.error").allTextContents()).some((t) => t.includes("broken")));

      await page.click("#stop-all");
      await page.click("#stop-all");
      await waitFor("every process stopped, per the API", async () =>
        ((await target.call("supervisor.getAllProcessInfo")) as unknown as Info[]).every((i) => !["RUNNING", "STARTING", "STOPPING"].includes(i.statename)),
      );
      await waitFor("the page to show them stopped", async () => (await badge("talker")) === "STOPPED" && (await badge("web:web_1")) === "STOPPED", { timeoutMs: 2000 });
    }, 30_000);

    test("when supervisord goes away, the page says so in words", async () => {
      // Whether the reply to shutdown itself arrives is not this test's subject (ours may close first when no process
      // is left to stop; reported to the RPC side), only what the page says afterwards.
      await target.call("supervisor.shutdown").catch((e: Error) => expect(e.message).toContain("ECONNRESET"));
      const msg = page.locator(".msg.error", { hasText: "supervisord" }).last();
      await msg.waitFor({ timeout: 10_000 });
      expect(await msg.textContent()).not.toMatch(/fault|<\?xml|SHUTDOWN_STATE/i);
      expect(await page.textContent("#summary")).toBe("The list below may be out of date.");
    }, 20_000);
  });
}
