import { describe, expect, test } from "bun:test";
import { bodyFraming, RequestFramer } from "../../../src/http/request-framer";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString("latin1");

/** What the framer passes on when the stream arrives cut at every one of `cuts` (or whole). */
function through(stream: string, cuts: number[] = []): string {
  const framer = new RequestFramer();
  let out = "";
  let at = 0;
  for (const cut of [...cuts, stream.length]) {
    out += text(framer.feed(bytes(stream.slice(at, cut))));
    at = cut;
  }
  return out;
}

/** The result must not depend on how the stream is cut: tried whole, cut in two everywhere, and byte by byte. */
function expectEverywhere(stream: string, expected: string): void {
  expect(through(stream)).toBe(expected);
  for (let cut = 1; cut < stream.length; cut++) expect(through(stream, [cut])).toBe(expected);
  expect(through(stream, Array.from({ length: stream.length }, (_, i) => i))).toBe(expected);
}

const GET = "GET /logtail/cat HTTP/1.1\r\nHost: x\r\n\r\n";
const post = (body: string) => `POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

describe("RequestFramer", () => {
  test("4.2.5's tail -f request: the CRLF after the head is dropped", () => {
    expectEverywhere(`${GET}\r\n`, GET);
  });

  test("empty lines before a request and between requests are dropped, bare LF too", () => {
    expectEverywhere(`\r\n\n${post("<a/>")}\r\n${post("<b/>")}\r\n\r\n${GET}`, `${post("<a/>")}${post("<b/>")}${GET}`);
  });

  test("CRLFs inside a Content-Length body are the body's: kept", () => {
    const body = "\r\n\r\n<x>\r\n</x>\r\n";
    expectEverywhere(`${post(body)}\r\n${GET}`, `${post(body)}${GET}`);
  });

  test("a chunked body is followed to its end, trailers included, and its CRLFs kept", () => {
    const head = "POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const chunked = `${head}4;ext=1\r\n\r\n\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n`;
    expectEverywhere(`${chunked}\r\n${GET}`, `${chunked}${GET}`);
  });

  test("a head it cannot frame switches to passing everything through untouched", () => {
    const bad = "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd";
    expect(through(`${bad}\r\n${GET}`)).toBe(`${bad}\r\n${GET}`);
    const gzip = "POST /RPC2 HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n";
    expect(through(`${gzip}\r\n\r\n`)).toBe(`${gzip}\r\n\r\n`);
    const badChunk = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
    expect(through(`${badChunk}\r\n`)).toBe(`${badChunk}\r\n`);
  });

  test("an empty line inside a head is the head's end, not dropped", () => {
    expectEverywhere("GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n\r\n");
  });

  test("without drops the chunk itself is passed on, not a copy", () => {
    const chunk = bytes(post("<a/>"));
    const out = new RequestFramer().feed(chunk);
    expect(out).toHaveLength(1);
    expect(out[0]).toBe(chunk);
  });
});

describe("bodyFraming", () => {
  test("Content-Length, none, chunked; conflicting or unknown framing is not followed", () => {
    expect(bodyFraming("POST / HTTP/1.1\r\ncontent-LENGTH:  12 ")).toEqual({ kind: "length", length: 12 });
    expect(bodyFraming("GET / HTTP/1.1\r\nHost: x")).toEqual({ kind: "length", length: 0 });
    expect(bodyFraming("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked")).toEqual({ kind: "chunked" });
    expect(bodyFraming("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3").kind).toBe("pass");
    expect(bodyFraming("POST / HTTP/1.1\r\nContent-Length: -1").kind).toBe("pass");
    expect(bodyFraming("CONNECT x:1 HTTP/1.1\r\nHost: x").kind).toBe("pass");
  });
});
