// How eagerly JavaScriptCore compiles. The binary starts reluctant (scripts/release/compile-flags.ts sets
// --compile-jit-policy=1000): reading the config and spawning each program run once per program, and compiling that
// code costs more CPU than it saves and keeps the JIT compilers' code pages and their output resident (8 MB at 1,000
// programs, measured). Once the launch has settled, what runs again and again (RPC answers, log capture) should be
// compiled: the daemon then returns to this policy (10: tier-up thresholds ten times JavaScriptCore's defaults).
const SETTLED_JIT_POLICY = 10;

export function settleJit(): void {
  Bun.unsafe.setJITPolicy(SETTLED_JIT_POLICY);
}
