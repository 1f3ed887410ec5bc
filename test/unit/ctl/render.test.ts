import { expect, test } from "bun:test";
import { columnize } from "../../../src/ctl/commands/help";
import { Completer } from "../../../src/ctl/shell";
import { controller, FakeRpc, FakeTerminal, info } from "./fakes";

test("help's topic table is Python cmd's columnize at 79 columns", async () => {
  const term = new FakeTerminal();
  await controller(new FakeRpc({}), term).onecmd("help");
  expect(term.out).toBe(await Bun.file(`${import.meta.dir}/../../golden/ctl/help.txt`).text());
});

test("columnize: one item, none, and a list too wide for any layout", () => {
  expect(columnize(["a"], 10)).toEqual(["a"]);
  expect(columnize([], 10)).toEqual(["<empty>"]);
  expect(columnize(["aaaa", "bbbb"], 3)).toEqual(["aaaa", "bbbb"]);
});

test("completion: commands, then process names (group:name and group:*), then groups", async () => {
  const rpc = new FakeRpc({
    "supervisor.getAllProcessInfo": [info("web", "web", "RUNNING", 20, ""), info("grp", "a", "RUNNING", 20, ""), info("grp", "b", "RUNNING", 20, "")],
  });
  const c = new Completer(controller(rpc));
  expect(await c.complete("sta")).toEqual([["start ", "status "], "sta"]);
  expect(await c.complete("stop ")).toEqual([["web ", "grp:a ", "grp:* ", "grp:b "], ""]);
  expect(await c.complete("stop g")).toEqual([["grp:a ", "grp:* ", "grp:b "], "g"]);
  expect(await c.complete("restart web:")).toEqual([["web:web ", "web:* "], "web:"]);
  expect(await c.complete("add w")).toEqual([["web "], "w"]);
  expect(await c.complete("help qu")).toEqual([["quit "], "qu"]);
  expect(await c.complete("version x")).toEqual([[], "x"]);
  // One getAllProcessInfo per typed line, however often tab is pressed.
  expect(rpc.calls.filter((x) => x.startsWith("supervisor.getAllProcessInfo")).length).toBe(1);
  c.forget();
  await c.complete("stop ");
  expect(rpc.calls.filter((x) => x.startsWith("supervisor.getAllProcessInfo")).length).toBe(2);
});
