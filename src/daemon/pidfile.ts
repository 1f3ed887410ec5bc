// supervisord's pid file: written once the daemon is up (after detaching, so the pid is the daemon's), removed at
// exit only if this process wrote it, as 4.2.5 does.
import { unlinkSync, writeFileSync } from "node:fs";
import type { MainLogger } from "./log-seams";

export class PidFile {
  private written = false;
  constructor(private readonly path: string) {}

  write(pid: number, log: MainLogger): void {
    try {
      writeFileSync(this.path, `${pid}\n`);
    } catch {
      log.log("critical", `could not write pidfile ${this.path}`);
      return;
    }
    this.written = true;
    log.log("info", `supervisord started with pid ${pid}`);
  }

  remove(): void {
    if (!this.written) return;
    this.written = false;
    try {
      unlinkSync(this.path);
    } catch {
      // already gone: nothing to clean
    }
  }
}
