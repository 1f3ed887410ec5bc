// Python's xmlrpc.client calls every method of 4.2.5, and every fault path, on the reference supervisord and on
// ours, each in its own folder; the results must match field by field with pids, times and paths masked.
import { beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/paths";
import { REFERENCE_SKIP_REASON } from "../support/reference";
import { freePort } from "../support/web-target";
import { type CompatDaemon, drive, type Flavour, startDaemon } from "./rpc/launch";
import { maskResult, type StepResult } from "./rpc/mask";
import { INITIAL_PROGRAMS, MAIN_CONFIG, RULES, STEPS } from "./rpc/scenario";

/** Our supervisord serves XML-RPC once the cli starts the HTTP servers (src/http's serveDaemon). */
function oursSkipReason(): string | null {
  if (process.env.RPC_COMPAT_OURS) return null;
  const cli = join(ROOT, "src/cli");
  const wired = readdirSync(cli).some((f) => readFileSync(join(cli, f), "utf8").includes("serveDaemon"));
  return wired ? null : "supervisord does not start the HTTP servers yet (src/cli does not call serveDaemon)";
}

const skip = REFERENCE_SKIP_REASON ?? oursSkipReason();

async function runScenario(flavour: Flavour): Promise<StepResult[]> {
  const daemon: CompatDaemon = await startDaemon(flavour, await freePort(), MAIN_CONFIG, { "programs.ini": INITIAL_PROGRAMS });
  try {
    return (await drive(daemon, STEPS)).map((r) => maskResult(r, daemon.dir, RULES[r.label]));
  } finally {
    await daemon.stop();
  }
}

function mismatches(ours: StepResult[], ref: StepResult[]): { label: string; ours: unknown; reference: unknown }[] {
  const out = [];
  for (let i = 0; i < Math.max(ours.length, ref.length); i++) {
    if (!Bun.deepEquals(ours[i], ref[i])) out.push({ label: ref[i]?.label ?? ours[i]?.label, ours: ours[i], reference: ref[i] });
  }
  return out;
}

describe.skipIf(skip !== null)(`XML-RPC side by side with 4.2.5${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let ours: StepResult[];
  let ref: StepResult[];
  beforeAll(async () => {
    // Both run to the end (and stop their daemon) even when one fails.
    const [o, r] = await Promise.allSettled([runScenario("ours"), runScenario("reference")]);
    if (o.status === "rejected") throw o.reason;
    if (r.status === "rejected") throw r.reason;
    [ours, ref] = [o.value, r.value];
  }, 120_000);

  test("the reference ran the whole scenario without transport errors", () => {
    expect(ref.filter((r) => r.error)).toEqual([]);
    expect(ref.length).toBe(STEPS.length);
    expect(ref.find((r) => r.label === "wrong password")).toEqual({ label: "wrong password", http: 401 });
  });

  test("every call, over the unix socket and over TCP with basic auth, answers as 4.2.5's does", () => {
    expect(mismatches(ours, ref)).toEqual([]);
  });
});
