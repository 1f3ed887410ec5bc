// The page's encoder, read back by the daemon's decoder: what the page sends is what the server gets.
// (The page's decoder needs a browser's DOMParser; test/e2e/web-codec.test.ts checks it in Chromium.)
import { expect, test } from "bun:test";
import { decodeRequest, type XmlRpcValue } from "../../../../src/rpc/codec";
import { encodeCall, encodeValue } from "../../../../src/web/ui/xmlrpc.js";

test("calls the page makes decode to the same method and parameters", () => {
  const cases: [string, XmlRpcValue[]][] = [
    ["supervisor.getAllProcessInfo", []],
    ["supervisor.stopProcess", ["web:web_0", true]],
    ["supervisor.tailProcessStdoutLog", ["a&b<c>", 0, 65536]],
    ["system.multicall", [[{ methodName: "supervisor.getState", params: [] }]]],
    ["x.y", [1.5, false, "", "é ✓ 'quotes' \"double\""]],
  ];
  for (const [method, params] of cases) expect(decodeRequest(encodeCall(method, params))).toEqual({ method, params });
});

test("values it cannot represent are refused, not sent wrong", () => {
  expect(() => encodeValue(null)).toThrow("cannot encode null");
  expect(() => encodeValue(undefined)).toThrow("cannot encode undefined");
});
