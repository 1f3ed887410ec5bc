// Records the bytecode-order profiles that COMPILE_FLAGS builds with (--bytecode-order): which functions a daemon
// uses to start 10 programs and answer supervisorctl, and which supervisorctl uses for `status`. The
// build places those functions' bytecode together at the front of the embedded code, so a process pages in less of
// it (1.3 MB less RSS for the daemon, measured). Profiles match functions by a hash of their syntax: one recorded
// from an older build still applies, and functions added since are placed after the recorded ones. Rerun after
// large changes: bun scripts/build.ts && bun scripts/release/record-bytecode-order.ts && bun scripts/build.ts
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ORDER_FILES } from "./compile-flags";

const dist = join(import.meta.dir, "..", "..", "dist");
const dir = mkdtempSync(join(tmpdir(), "sv-order-"));
const sock = join(dir, "s.sock");
const conf = join(dir, "supervisord.conf");
const log = join(dir, "supervisord.log");
let text =
  `[supervisord]\nlogfile=${log}\npidfile=${dir}/sd.pid\nchildlogdir=${dir}\n[unix_http_server]\nfile=${sock}\n` +
  "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" +
  `[supervisorctl]\nserverurl=unix://${sock}\n`;
for (let i = 0; i < 10; i++) text += `[program:p${i}]\ncommand=/bin/sh -c "echo started; exec sleep 3600"\nstartsecs=1\n`;
writeFileSync(conf, text);

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, TZ: "UTC" };
const ctl = (order: string | null, ...args: string[]) =>
  Bun.spawnSync([join(dist, "supervisorctl"), "-c", conf, ...args], {
    env: order ? { ...env, BUN_BYTECODE_ORDER_OUT: order } : env,
    stdout: "pipe",
    stderr: "pipe",
  });

const daemon = Bun.spawn([join(dist, "supervisord"), "-n", "-c", conf], {
  env: { ...env, BUN_BYTECODE_ORDER_OUT: ORDER_FILES.daemon },
  stdin: "ignore",
  stdout: "ignore",
  stderr: "inherit",
});
try {
  const deadline = Date.now() + 30_000;
  while ((ctl(null, "status").stdout.toString().match(/RUNNING/g) ?? []).length < 10) {
    if (Date.now() > deadline || daemon.exitCode !== null) throw new Error("record-bytecode-order: the daemon did not start 10 programs");
    await Bun.sleep(200);
  }
  // The daemon records what it runs for each of these; supervisorctl's profile is the one of `status`.
  for (const args of [["tail", "p0"], ["restart", "p1"], ["status"]]) {
    const r = ctl(args[0] === "status" ? ORDER_FILES.ctl : null, ...args);
    if (r.exitCode !== 0) throw new Error(`record-bytecode-order: supervisorctl ${args.join(" ")} failed: ${r.stdout}${r.stderr}`);
  }
} finally {
  daemon.kill("SIGTERM");
  await daemon.exited;
  rmSync(dir, { recursive: true, force: true });
}
console.log(`record-bytecode-order: wrote ${ORDER_FILES.daemon} and ${ORDER_FILES.ctl}`);
