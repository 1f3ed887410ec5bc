import { describe, expect, test } from "bun:test";
import { checkCrossSite, type CrossSiteVerdict, UI_HEADER } from "../../../src/web/csrf";

const h = (o: Record<string, string>) => new Headers(o);
const ok: CrossSiteVerdict = { ok: true };

describe("checkCrossSite", () => {
  test("requests without browser markers pass: supervisorctl, scripts, curl", () => {
    expect(checkCrossSite("POST", h({ Host: "127.0.0.1:9001", "Content-Type": "text/xml" }))).toEqual(ok);
    expect(checkCrossSite("POST", h({}))).toEqual(ok);
  });

  test("safe methods always pass", () => {
    expect(checkCrossSite("GET", h({ "Sec-Fetch-Site": "cross-site" }))).toEqual(ok);
    expect(checkCrossSite("head", h({ Origin: "http://evil.example" }))).toEqual(ok);
  });

  test("our own page passes: same-origin fetch metadata and the UI header", () => {
    const page = { "Sec-Fetch-Site": "same-origin", Origin: "http://127.0.0.1:9001", Host: "127.0.0.1:9001", [UI_HEADER]: "1" };
    expect(checkCrossSite("POST", h(page))).toEqual(ok);
    // Behind a reverse proxy Host may differ from Origin; Sec-Fetch-Site still says same-origin.
    expect(checkCrossSite("POST", h({ ...page, Host: "127.0.0.1:9001", Origin: "https://sv.example.org" }))).toEqual(ok);
    expect(checkCrossSite("POST", h({ "Sec-Fetch-Site": "none", [UI_HEADER]: "1" }))).toEqual(ok);
  });

  test("cross-site and same-site browser requests are refused, whatever else they carry", () => {
    for (const site of ["cross-site", "same-site", "Cross-Site", "something-new"]) {
      const v = checkCrossSite("POST", h({ "Sec-Fetch-Site": site, Host: "a:1", Origin: "http://a:1", [UI_HEADER]: "1" }));
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.reason).toBe(`cross-site request refused: Sec-Fetch-Site is ${site}`);
    }
  });

  test("without Sec-Fetch-Site, Origin must name the Host the request was sent to", () => {
    const base = { Host: "127.0.0.1:9001", [UI_HEADER]: "1" };
    expect(checkCrossSite("POST", h({ ...base, Origin: "http://127.0.0.1:9001" }))).toEqual(ok);
    expect(checkCrossSite("POST", h({ Host: "Example.org", Origin: "http://example.org:80", [UI_HEADER]: "1" }))).toEqual(ok);
    // A TLS-terminating proxy forwards "Host: example.org" for https://example.org.
    expect(checkCrossSite("POST", h({ Host: "example.org", Origin: "https://example.org", [UI_HEADER]: "1" }))).toEqual(ok);
    expect(checkCrossSite("POST", h({ Host: "example.org", Origin: "http://evil.example", [UI_HEADER]: "1" }))).toEqual({
      ok: false,
      reason: "cross-site request refused: Origin http://evil.example does not match Host example.org",
    });
    expect(checkCrossSite("POST", h({ ...base, Origin: "http://127.0.0.1:8000" }))).toEqual({
      ok: false,
      reason: "cross-site request refused: Origin http://127.0.0.1:8000 does not match Host 127.0.0.1:9001",
    });
    expect(checkCrossSite("POST", h({ ...base, Origin: "null" }))).toEqual({
      ok: false,
      reason: "cross-site request refused: Origin null is not a web origin",
    });
    expect(checkCrossSite("POST", h({ Origin: "http://a:1", [UI_HEADER]: "1" })).ok).toBe(false);
  });

  test("a same-origin browser request without the UI header is refused (a form cannot add headers)", () => {
    expect(checkCrossSite("POST", h({ "Sec-Fetch-Site": "same-origin" }))).toEqual({
      ok: false,
      reason: `cross-site request refused: a browser request without the ${UI_HEADER} header`,
    });
    expect(checkCrossSite("POST", h({ Origin: "http://a:1", Host: "a:1" })).ok).toBe(false);
  });
});
