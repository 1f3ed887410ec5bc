import { expect, test } from "bun:test";
import { nameOfCode } from "../../../src/core/code-table";
import { faultName } from "../../../src/core/faults";
import { processStateName, supervisorStateName } from "../../../src/core/states";

test("a code maps back to its name, and a code outside the table to nothing", () => {
  const table = { ZERO: 0, MINUS: -1, BIG: 1000 } as const;
  expect(nameOfCode(table, 0)).toBe("ZERO");
  expect(nameOfCode(table, -1)).toBe("MINUS");
  expect(nameOfCode(table, 1000)).toBe("BIG");
  expect(nameOfCode(table, 1)).toBeUndefined();
});

test("the three wire tables use it: states, supervisor states, faults (UNKNOWN outside)", () => {
  expect(processStateName(200)).toBe("FATAL");
  expect(supervisorStateName(-1)).toBe("SHUTDOWN");
  expect(faultName(92)).toBe("CANT_REREAD");
  expect(faultName(5)).toBe("UNKNOWN");
});
