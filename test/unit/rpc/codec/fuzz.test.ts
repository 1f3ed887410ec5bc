// Fuzz-style: thousands of mutated and random bodies. Each decode must finish quickly and end in a value,
// an XmlRpcFault or an XmlRpcDecodeError, never any other exception.
import { expect, test } from "bun:test";
import { decodeRequest, decodeResponse, encodeFault, encodeRequest, encodeResponse, XmlRpcDecodeError, XmlRpcFault } from "../../../../src/rpc/codec";

// A small seeded generator, so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEEDS = [
  encodeRequest("supervisor.startProcess", ["web:*", true]),
  encodeResponse({ name: "a", pid: 12, list: [1, 2.5, false, new Date(0), new Uint8Array([1, 2])], nil: null }),
  encodeFault(70, "NOT_RUNNING: x"),
];
const PIECES = ["<", ">", "</", "/>", "&", ";", "&amp;", "&#x0;", "<!DOCTYPE", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>",
  "<value>", "</value>", "<struct>", "<member>", "<name>", "<array>", "<data>", "<int>", "<i4>", "<double>", "<boolean>",
  "<base64>", "<nil/>", "<dateTime.iso8601>", "'", '"', "=", " ", "\u0000", "\uffff", "\ud800", "9999999999999999999"];

function mutate(src: string, r: () => number): string {
  let s = src;
  const edits = 1 + Math.floor(r() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 20));
    else if (op < 0.66) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
    else s = s.slice(0, at);
  }
  return s;
}

function decodeSafely(body: string): void {
  for (const decode of [decodeRequest, decodeResponse]) {
    try {
      decode(body);
    } catch (e) {
      if (!(e instanceof XmlRpcDecodeError) && !(e instanceof XmlRpcFault)) {
        throw new Error(`unexpected ${(e as Error)?.name}: ${(e as Error)?.message} for body ${JSON.stringify(body)}`);
      }
    }
  }
}

test("10,000 mutated bodies end in a value, a fault or a decode error", () => {
  const r = rng(20261126);
  for (let i = 0; i < 10_000; i++) decodeSafely(mutate(SEEDS[i % SEEDS.length], r));
});

test("random printable noise ends in a decode error", () => {
  const r = rng(7);
  for (let i = 0; i < 2_000; i++) {
    let s = "";
    const n = Math.floor(r() * 200);
    for (let j = 0; j < n; j++) s += r() < 0.3 ? PIECES[Math.floor(r() * PIECES.length)] : String.fromCharCode(32 + Math.floor(r() * 95));
    decodeSafely(s);
  }
});

// A guard against super-linear blow-ups (which would take minutes), not a speed measure: the bound leaves room for a
// loaded machine, where these five decodes have taken 6 s.
test("huge and deep inputs finish in linear time", () => {
  const started = performance.now();
  decodeSafely(`<methodCall><methodName>${"a".repeat(5_000_000)}</methodName></methodCall>`);
  decodeSafely("<value>".repeat(100_000));
  decodeSafely(`<methodResponse><params><param><value>${"&amp;".repeat(200_000)}</value></param></params></methodResponse>`);
  decodeSafely("<".repeat(100_000));
  decodeSafely(`<a ${'b="c" '.repeat(50_000)}>`);
  expect(performance.now() - started).toBeLessThan(20_000);
});
