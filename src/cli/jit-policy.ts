// How eagerly JavaScriptCore compiles: the policy the binary starts with (scripts/release/compile-flags.ts bakes
// it in) and the one reading a config runs under.

/** Tier-up thresholds 10x the default: run-once start-up code stays interpreted, hot paths still tier up. */
export const JIT_POLICY = 10;

// Reading a config is run-once code as well, but a big one calls the same few functions thousands of times, which
// at JIT_POLICY gets them compiled part-way through. Measured on 1,000 programs: kept interpreted, the read costs
// about 18% less CPU and 600 fewer fresh pages (the compilers' memory), for the same wall time on an idle machine.
const CONFIG_JIT_POLICY = 1000;

/** Runs `read` (a config load) with tier-up practically off, then gives the daemon its policy back. */
export function readingConfig<T>(read: () => T): T {
  Bun.unsafe.setJITPolicy(CONFIG_JIT_POLICY);
  try {
    return read();
  } finally {
    Bun.unsafe.setJITPolicy(JIT_POLICY);
  }
}
