import { expect, test } from "bun:test";
import { encodeResponse, type XmlRpcStruct, type XmlRpcValue } from "../../../../src/rpc/codec";
import { StructListAnswer } from "../../../../src/rpc/namespaces/struct-list-answer";

const info = (i: number, now: number, over: Partial<XmlRpcStruct> = {}): XmlRpcStruct => ({
  name: `p${i}`,
  group: `g${i % 3}`,
  start: 1000 + i,
  now,
  statename: "RUNNING",
  pid: 100 + i,
  description: `pid ${100 + i}, uptime 0:00:${String(now - 1000 - i).padStart(2, "0")}`,
  ...over,
});

test("every answer is byte for byte encodeResponse of the list, as members change, move and escape", () => {
  const answer = new StructListAnswer(new Set(["now", "description"]));
  const lists: XmlRpcValue[][] = [
    [],
    [info(1, 1050), info(2, 1050)],
    [info(1, 1051), info(2, 1051)], // only the volatile members moved
    [info(1, 1051, { statename: "STOPPED", description: "Nov 26 04:00 AM" }), info(2, 1052)],
    [info(2, 1052), info(1, 1052)], // reordered: each position compares with what it held
    [info(1, 1053, { name: "a<b>&c" }), info(3, 1053, { description: "x & <y>" }), info(2, 1053)],
    [{ description: "d", now: 5, name: "order" }, { name: "no volatile members" }, info(4, 9)],
    [info(1, 1054, { spawnerr: "\u0000volatile\u0000" }), info(1, 1054, { description: "\u0000volatile\u0000" })],
    [info(1, 1055, { start: new Date(5000), pid: [1, 2] }), "not a struct", 7, null, [info(2, 1055)]],
    [info(1, 1056, { start: new Date(6000), pid: [1, 3] }), "not a struct", 7, null, [info(2, 1056)]],
  ];
  for (const list of lists) expect(answer.encode(list)).toBe(encodeResponse(list));
});

test("pieces are cut again when a member other than the volatile ones changes", () => {
  const answer = new StructListAnswer(new Set(["now", "description"]));
  answer.encode([info(1, 1050)]);
  const changed = [info(1, 1050, { pid: 999, statename: "STARTING" })];
  expect(answer.encode(changed)).toBe(encodeResponse(changed));
  expect(answer.encode(changed)).toContain("<int>999</int>");
});
