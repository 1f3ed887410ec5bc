// The listening socket of an [fcgi-program:x] pool. It is opened for the first spawn, handed to every child as fd 0,
// and closed once no process of the pool holds it (a process holds it from its spawn until its exit), as 4.2.5's
// reference-counted SocketManager does. Creating the group opens and closes it once, so a bad address shows at once.
import type { FcgiSocket } from "../config/types";
import type { MainLogger } from "./log-seams";
import type { Process } from "./process";

export interface SocketOpener {
  open(socket: FcgiSocket): number;
  close(fd: number): void;
}

export function socketUrl(s: FcgiSocket): string {
  return s.kind === "tcp" ? `tcp://${s.host}:${s.port}` : `unix://${s.path}`;
}

export class FcgiSocketShare {
  private fd: number | null = null;
  private readonly holders = new Set<string>();

  constructor(
    private readonly socket: FcgiSocket,
    private readonly opener: SocketOpener,
    private readonly log: MainLogger,
  ) {
    try {
      this.acquire("");
    } catch (err) {
      this.log.log("error", `Could not create FastCGI socket ${socketUrl(socket)}: ${(err as Error).message}`);
    }
    this.release("");
  }

  /** The descriptor for a process about to spawn; it holds the socket until it exits. Throws when it cannot open. */
  acquire(processName: string): number {
    if (this.fd === null) {
      this.log.log("info", `Creating socket ${socketUrl(this.socket)}`);
      this.fd = this.opener.open(this.socket);
    }
    this.holders.add(processName);
    return this.fd;
  }

  /** Follows the pool's processes: an exit or a failed spawn lets go of the socket. */
  adopt(processes: Process[]): void {
    for (const p of processes) {
      p.watch((to) => {
        // After the exit's own log line, as 4.2.5 releases it in after_finish().
        if (to === "BACKOFF" || to === "EXITED" || to === "STOPPED") void Promise.resolve().then(() => this.release(p.config.name));
      });
    }
  }

  dispose(): void {
    this.holders.clear();
    this.release("");
  }

  private release(processName: string): void {
    this.holders.delete(processName);
    if (this.holders.size > 0 || this.fd === null) return;
    this.log.log("info", `Closing socket ${socketUrl(this.socket)}`);
    this.opener.close(this.fd);
    this.fd = null;
  }
}
