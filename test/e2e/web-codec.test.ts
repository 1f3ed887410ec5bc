// The page's XML-RPC decoder runs on the browser's DOMParser, so it is checked in Chromium: the answers our daemon's
// encoder writes, the forms 4.2.5 (Python's xmlrpc.client) writes, and replies that are not XML-RPC at all.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { encodeFault, encodeResponse, type XmlRpcValue } from "../../src/rpc/codec";
import { webResponse } from "../../src/web/assets";
import { BROWSER_SKIP_REASON, launchChromium } from "../support/browser";

type Outcome = { value: unknown } | { fault: [number, string] } | { error: string };

describe.skipIf(BROWSER_SKIP_REASON !== null)(`the page's XML-RPC decoder${BROWSER_SKIP_REASON ? ` (skipped: ${BROWSER_SKIP_REASON})` : ""}`, () => {
  let browser: Browser;
  let page: Page;
  let server: ReturnType<typeof Bun.serve>;

  /** Decodes `xml` with the page's module, in the browser. */
  const decode = (xml: string): Promise<Outcome> =>
    page.evaluate(async (body) => {
      // Relative to the page, not to this file: the checker is told which module it is.
      const url = "./ui/xmlrpc.js";
      const m: typeof import("../../src/web/ui/xmlrpc.js") = await import(url);
      try {
        return { value: m.decodeResponse(body, "m") };
      } catch (e) {
        const err = e as { name: string; code?: number; faultString?: string; message: string };
        return err.name === "RpcFault" ? { fault: [err.code!, err.faultString!] } : { error: `${err.name}: ${err.message}` };
      }
    }, xml);

  beforeAll(async () => {
    // The page's own files, from a bare server: the decoder needs no daemon.
    server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: async (req) => (await webResponse("GET", `/ui/${new URL(req.url).pathname.split("/").pop()}`, null)) ?? new Response("<!doctype html>"),
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/blank`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop(true);
  });

  test("every value our daemon's encoder writes decodes to the same value", async () => {
    const values: XmlRpcValue[] = [
      "plain",
      "",
      "<&> é ✓\nline",
      0,
      -2147483648,
      3.25,
      true,
      false,
      [],
      [1, "two", [3]],
      { name: "web_0", group: "web", pid: 42, nested: { ok: true }, list: ["a"] },
    ];
    for (const v of values) expect(await decode(encodeResponse(v))).toEqual({ value: v });
  }, 20_000);

  test("the forms Python's xmlrpc.client writes: bare strings, i4, base64, nil, dateTime, whitespace", async () => {
    const wrap = (v: string) =>
      `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>${v}</value>\n</param>\n</params>\n</methodResponse>\n`;
    expect(await decode(wrap("bare text"))).toEqual({ value: "bare text" });
    expect(await decode(wrap(""))).toEqual({ value: "" });
    expect(await decode(wrap("<string/>"))).toEqual({ value: "" });
    expect(await decode(wrap("<i4> 7 </i4>"))).toEqual({ value: 7 });
    expect(await decode(wrap("<base64>\nw6kg4pyT\n</base64>"))).toEqual({ value: "é ✓" });
    expect(await decode(wrap("<nil/>"))).toEqual({ value: null });
    expect(await decode(wrap("<dateTime.iso8601>20260101T00:00:00</dateTime.iso8601>"))).toEqual({ value: "20260101T00:00:00" });
    const struct = "<struct>\n<member>\n<name>a</name>\n<value><int>1</int></value>\n</member>\n</struct>";
    expect(await decode(wrap(`<array><data>\n<value>${struct}</value>\n<value>x</value>\n</data></array>`))).toEqual({
      value: [{ a: 1 }, "x"],
    });
  }, 20_000);

  test("a fault comes out as its code and string", async () => {
    expect(await decode(encodeFault(70, "NOT_RUNNING: web:web_0"))).toEqual({ fault: [70, "NOT_RUNNING: web:web_0"] });
  }, 20_000);

  test("what is not an XML-RPC answer is a transport error, never a value", async () => {
    for (const body of ["", "<html><body>Error code 500</body></html>", "<methodResponse><params>", "<methodResponse/>"]) {
      const out = await decode(body);
      expect(out).toHaveProperty("error");
      expect((out as { error: string }).error).toStartWith("TransportError: unexpected reply");
    }
    expect(await decode(encodeResponse(1).replace("<int>", "<bignum>").replace("</int>", "</bignum>"))).toEqual({
      error: "TransportError: unexpected reply: unknown XML-RPC type <bignum>",
    });
  }, 20_000);
});
