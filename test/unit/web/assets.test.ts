import { expect, test } from "bun:test";
import { loadWebAssets, webResponse, WEB_HEADERS } from "../../../src/web/assets";

test("every file the page refers to is embedded, with its type", async () => {
  const assets = await loadWebAssets();
  const page = assets.get("/")!.body;
  expect(assets.get("/index.html")).toBe(assets.get("/"));
  const refs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((r) => !r.startsWith("data:"));
  expect(refs.length).toBeGreaterThan(0);
  const modules = ["/ui/app.js"];
  for (const r of refs) expect(assets.has(`/${r}`)).toBe(true);
  // Every module the scripts import is embedded too (they import one another relatively).
  for (let i = 0; i < modules.length; i++) {
    const body = assets.get(modules[i])!.body;
    for (const m of body.matchAll(/from "\.\/([^"]+)"/g)) {
      const path = `/ui/${m[1]}`;
      expect(assets.has(path)).toBe(true);
      if (!modules.includes(path)) modules.push(path);
    }
  }
  expect(modules.length).toBeGreaterThan(4);
  expect(assets.get("/ui/style.css")!.contentType).toStartWith("text/css");
  expect(assets.get("/ui/app.js")!.contentType).toStartWith("text/javascript");
});

test("the page loads nothing from elsewhere", async () => {
  for (const [path, a] of await loadWebAssets()) {
    expect({ path, external: /\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i.test(a.body.replace(/\/\/ .*$/gm, "")) }).toEqual({ path, external: false });
  }
  expect(WEB_HEADERS["Content-Security-Policy"]).toContain("connect-src 'self'");
  expect(WEB_HEADERS["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
});

test("webResponse serves assets with security headers, 304 on a matching ETag, null for other paths", async () => {
  const res = (await webResponse("GET", "/", null))!;
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(await res.text()).toContain("data-supervisor-ui");
  const etag = res.headers.get("etag")!;
  expect((await webResponse("GET", "/", etag))!.status).toBe(304);
  expect((await webResponse("GET", "/", 'W/"other"'))!.status).toBe(200);
  expect(await (await webResponse("HEAD", "/ui/app.js", null))!.text()).toBe("");
  expect(await webResponse("GET", "/ui/nope.js", null)).toBeNull();
  expect(await webResponse("GET", "/RPC2", null)).toBeNull();
});
