// The `bun build --compile` options every build of the binary shares, development (scripts/build.ts) and release
// (scripts/release.ts) alike, so the files users install behave as the one the tests ran.
import { JIT_POLICY } from "../../src/cli/jit-policy";

export const COMPILE_FLAGS = [
  "--compile",
  "--minify",
  // JIT tiers up 10x later: run-once start-up code stays interpreted, which keeps ~2.5 MB of JIT compiler and code
  // pages out of the daemon's RSS; hot paths (RPC, log capture) still tier up (no throughput change measured).
  `--compile-jit-policy=${JIT_POLICY}`,
  // One chunk per dynamic import(): a face or flag loads only the code it runs (supervisorctl never loads the
  // engine, `supervisord -v` neither the engine nor the HTTP servers), and with --bytecode each chunk is stored
  // compiled, so start-up parses no JavaScript. Measured on the 10-program daemon: 1 MB less RSS than one
  // bundle without bytecode; one bundle WITH bytecode costs 5 MB more, since its whole bytecode is paged in.
  "--splitting",
  "--bytecode",
  "--format=esm",
  // A compiled Bun binary otherwise reads .env and bunfig.toml from the working directory at start: supervisord
  // started in a folder holding a .env would pass its variables to every program. 4.2.5 reads neither.
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-bunfig",
];
