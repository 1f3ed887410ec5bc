// Daemons that one test file starts on configs of its own, undone after each test: each stopped with SIGTERM first
// (SIGKILL alone would leave its children running), then killed with whatever it left, and its folder removed.
import { afterEach } from "bun:test";
import { DaemonRun, type Flavour, killAll, writeConfig } from "./daemon";

export function daemonScope(): { start(programs: string, supervisord?: string, flavour?: Flavour): DaemonRun } {
  const daemons: DaemonRun[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    for (const d of daemons.splice(0)) {
      if (d.proc.exitCode === null) await d.stop();
      killAll([d.proc.pid]);
    }
    for (const c of cleanups.splice(0)) c();
  });
  return {
    /** A daemon on writeConfig(programs, supervisord), in the foreground. */
    start(programs, supervisord = "", flavour = "ours") {
      const cfg = writeConfig(programs, supervisord);
      cleanups.push(cfg.cleanup);
      const d = new DaemonRun(cfg.dir, cfg.file, flavour);
      daemons.push(d);
      return d;
    },
  };
}
