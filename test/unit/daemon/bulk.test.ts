import { expect, test } from "bun:test";
import { eachProcess, POLL_MS } from "../../../src/daemon/bulk";
import type { Group } from "../../../src/daemon/group";
import type { Process } from "../../../src/daemon/process";

/** Processes named in priority order; `act` settles each as the table says: at once, on a 0 ms timer, or later. */
function run(plan: Record<string, "ok" | "fails" | "timer0" | number>) {
  const g = { name: "g" } as Group;
  const list = Object.keys(plan).map((name) => [g, { config: { name } } as Process] as [Group, Process]);
  const act = async (p: Process): Promise<true> => {
    const how = plan[p.config.name]!;
    if (how === "fails") throw new Error(`${p.config.name} failed`);
    if (how === "ok") return true;
    await new Promise((r) => setTimeout(r, how === "timer0" ? 0 : how));
    return true;
  };
  return eachProcess(list, () => true, act).then((out) => out.map((o) => `${o.name}${o.error ? "!" : ""}`).join(" "));
}

test("what settles at once, or on a timer already due, comes first in list order, faults included", async () => {
  expect(await run({ slow: 20, zero: "timer0", bad: "fails", ok: "ok" })).toBe("zero bad! ok slow");
});

test("what finishes between two looks is listed in list order, not in the order it finished", async () => {
  expect(await run({ later: POLL_MS * 0.6, sooner: POLL_MS * 0.2 })).toBe("later sooner");
});

test("finishes further apart than a look keep their order", async () => {
  expect(await run({ last: POLL_MS * 4, first: POLL_MS * 0.2 })).toBe("first last");
});
