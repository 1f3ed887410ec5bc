// Repetitions, interleaved: each repetition runs both sides, in alternating order, and files every quantity the
// run yields under its name.
import { runFleet, sidesFor, type FleetPlan, type FleetSample } from "./fleet";
import type { Who } from "./paths";
import { emptyPair, type Pair } from "./stats";

/** Runs `reps` repetitions of `once` for each side (at most `refReps` for the reference). */
export async function interleave<K extends string>(
  reps: number,
  once: (who: Who) => Promise<Record<K, number | undefined>>,
  refReps = reps,
): Promise<Record<K, Pair>> {
  const out = {} as Record<K, Pair>;
  for (let rep = 0; rep < reps; rep++) {
    for (const who of sidesFor(rep)) {
      if (who === "reference" && rep >= refReps) continue;
      const got = await once(who);
      for (const [key, value] of Object.entries(got) as [K, number | undefined][]) {
        if (value === undefined) continue;
        (out[key] ??= emptyPair())[who].push(value);
      }
    }
  }
  return out;
}

/** `reps` fleets per side with `plan`; returns every quantity a FleetSample holds. */
export function fleets(reps: number, plan: FleetPlan | ((who: Who) => FleetPlan), refReps?: number) {
  return interleave<keyof FleetSample>(reps, (who) => runFleet(who, typeof plan === "function" ? plan(who) : plan) as Promise<Record<keyof FleetSample, number | undefined>>, refReps);
}
