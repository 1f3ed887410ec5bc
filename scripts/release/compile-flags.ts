// The `bun build --compile` options every build of the binary shares, development (scripts/build.ts) and release
// (scripts/release.ts) alike, so the files users install behave as the one the tests ran.
import { join } from "node:path";

/** Profiles of the functions the daemon and supervisorctl use (record-bytecode-order.ts), the daemon's first. */
export const ORDER_FILES = {
  daemon: join(import.meta.dir, "bytecode-order", "daemon.order"),
  ctl: join(import.meta.dir, "bytecode-order", "supervisorctl.order"),
};

export const COMPILE_FLAGS = [
  "--compile",
  "--minify",
  // JIT tiers up 1000x later until the daemon's launch has settled (src/platform/jit.ts then sets 10x): config
  // parsing and spawning run once per program and stay interpreted, which keeps the JIT compilers' pages and output
  // out of the RSS (8 MB less at 1,000 programs, and less launch CPU); supervisorctl, which lives for one command,
  // keeps the start-up policy.
  "--compile-jit-policy=1000",
  // One chunk per dynamic import(): a face or flag loads only the code it runs (supervisorctl never loads the
  // engine, `supervisord -v` neither the engine nor the HTTP servers), and with --bytecode each chunk is stored
  // compiled, so start-up parses no JavaScript. Measured on the 10-program daemon: 1 MB less RSS than one
  // bundle without bytecode; one bundle WITH bytecode costs 5 MB more, since its whole bytecode is paged in.
  "--splitting",
  "--bytecode",
  // The bytecode the daemon and supervisorctl use is laid out first, so that they page in less of the rest: 1.3 MB
  // less RSS for the daemon. Only the layout changes; a stale profile only helps less.
  `--bytecode-order=${ORDER_FILES.daemon},${ORDER_FILES.ctl}`,
  "--format=esm",
  // A compiled Bun binary otherwise reads .env and bunfig.toml from the working directory at start: supervisord
  // started in a folder holding a .env would pass its variables to every program. 4.2.5 reads neither.
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-bunfig",
];
