import { expect, test } from "bun:test";
import { encodeResponse } from "../../../../src/rpc/codec";
import { ResponseMemo, sameValue } from "../../../../src/rpc/namespaces/response-memo";

test("sameValue compares structure, member order, dates and bytes", () => {
  expect(sameValue([{ a: 1, b: "x" }], [{ a: 1, b: "x" }])).toBe(true);
  expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false); // member order is part of the answer
  expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
  expect(sameValue({ a: [1] }, { a: { 0: 1 } })).toBe(false);
  expect(sameValue(new Date(5), new Date(5))).toBe(true);
  expect(sameValue(new Uint8Array([1]), new Uint8Array([2]))).toBe(false);
  expect(sameValue(null, 0)).toBe(false);
});

const text = (b: string | Uint8Array | Blob) => (typeof b === "string" ? b : new Response(b).text());

test("a compared method reuses its last body while the value is equal, and re-encodes when it changes", async () => {
  const memo = new ResponseMemo(new Set(["m"]), new Map());
  const first = memo.encode("m", [{ now: 1 }], memo.stamp());
  expect(memo.encode("m", [{ now: 1 }], memo.stamp())).toBe(first);
  const changed = memo.encode("m", [{ now: 2 }], memo.stamp());
  expect(changed).not.toBe(first);
  expect(await text(changed)).toBe(encodeResponse([{ now: 2 }]));
  expect(memo.encode("other", "x", memo.stamp())).toBe(encodeResponse("x"));
  expect(memo.reuse("m")).toBeNull(); // compared, never reused unseen
});

test("a stable method is reused unseen until invalidated or the second turns", () => {
  let ms = 5_000;
  const memo = new ResponseMemo(new Set(), new Map([["s", encodeResponse]]), () => ms);
  expect(memo.reuse("s")).toBeNull();
  const stamp = memo.stamp();
  memo.invalidate(); // something changed while the value was being computed
  memo.encode("s", [1], stamp);
  expect(memo.reuse("s")).toBeNull();
  const body = memo.encode("s", [1], memo.stamp());
  expect(memo.reuse("s")).toBe(body as Uint8Array);
  ms = 5_999;
  expect(memo.reuse("s")).toBe(body as Uint8Array);
  ms = 6_000;
  expect(memo.reuse("s")).toBeNull();
  memo.encode("s", [1], memo.stamp());
  memo.invalidate();
  expect(memo.reuse("s")).toBeNull();
});

test("a kept answer of 256 KB or more is a Blob, a smaller one bytes, each holding the encoded text", async () => {
  const memo = new ResponseMemo(new Set(), new Map([["s", encodeResponse]]));
  const small = ["x".repeat(1000)];
  const large = ["é".repeat(300_000)];
  const a = memo.encode("s", small, memo.stamp());
  expect(a).toBeInstanceOf(Uint8Array);
  expect(await text(a)).toBe(encodeResponse(small));
  const b = memo.encode("s", large, memo.stamp());
  expect(b).toBeInstanceOf(Blob);
  expect(await text(b)).toBe(encodeResponse(large));
});
