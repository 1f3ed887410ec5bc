import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { authFor, BasicAuth } from "../../../src/http/auth";

const basic = (text: string) => `Basic ${btoa(text)}`;

describe("BasicAuth", () => {
  const plain = new BasicAuth("user", "pass");
  const sha = new BasicAuth("user", `{SHA}${createHash("sha1").update("pass").digest("hex")}`);

  test("accepts the right plain and {SHA} passwords", () => {
    expect(plain.check(basic("user:pass"))).toBe("ok");
    expect(sha.check(basic("user:pass"))).toBe("ok");
    expect(plain.check(`basic ${btoa("user:pass")}`)).toBe("ok"); // the scheme is case-insensitive
  });

  test("a password containing a colon is split at the first colon only", () => {
    expect(new BasicAuth("u", "a:b").check(basic("u:a:b"))).toBe("ok");
    expect(plain.check(basic("user:pass:extra"))).toBe("unauthorized");
  });

  test("refuses wrong users, wrong passwords, the digest itself and other schemes", () => {
    expect(plain.check(basic("other:pass"))).toBe("unauthorized");
    expect(plain.check(basic("user:wrong"))).toBe("unauthorized");
    expect(sha.check(basic(`user:${createHash("sha1").update("pass").digest("hex")}`))).toBe("unauthorized");
    expect(plain.check(null)).toBe("unauthorized");
    expect(plain.check("Digest abc")).toBe("unauthorized");
    expect(plain.check("Basic")).toBe("unauthorized");
    expect(plain.check(basic("user"))).toBe("unauthorized"); // no colon
  });

  test("undecodable credentials are a bad request, as in 4.2.5", () => {
    expect(plain.check("Basic a")).toBe("bad-request");
    expect(plain.check(`Basic ${Buffer.from([0x75, 0x3a, 0xff, 0xfe]).toString("base64")}`)).toBe("bad-request");
  });

  test("no username means no checking", () => {
    expect(authFor({ username: null, password: null })).toBeNull();
    expect(authFor({ username: "u", password: "p" })).toBeInstanceOf(BasicAuth);
  });
});
