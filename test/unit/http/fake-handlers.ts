// A plain fake of what the HTTP servers call: an endpoint that echoes bodies (or waits, or refuses), a table of
// log files, and a logger that records lines.
import type { HttpHandlers } from "../../../src/http/types";
import { MethodTable, type RpcEndpoint, type RpcOutcome } from "../../../src/rpc/namespaces";

export class FakeEndpoint implements RpcEndpoint {
  readonly methods = new MethodTable();
  bodies: string[] = [];
  logFiles = new Map<string, string>();
  mainLog: string | null = null;
  private waiting: (() => void)[] = [];

  /** "garbage" is undecodable (400); a body starting with "slow:" waits until release(). */
  async handle(body: string): Promise<RpcOutcome> {
    this.bodies.push(body);
    if (body === "garbage") return { status: 400 };
    if (body.startsWith("slow:")) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return { status: 200, xml: `<echo>${body}</echo>` };
  }

  get pending(): number {
    return this.waiting.length;
  }

  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  processLogFile(name: string, channel: string): string | null {
    return this.logFiles.get(`${name}/${channel}`) ?? null;
  }

  mainLogFile(): string | null {
    return this.mainLog;
  }
}

export class FakeHandlers implements HttpHandlers {
  readonly endpoint = new FakeEndpoint();
  readonly logLines: string[] = [];
  readonly logger = {
    info: (m: string) => this.logLines.push(`INFO ${m}`),
    critical: (m: string) => this.logLines.push(`CRIT ${m}`),
    error: (m: string) => this.logLines.push(`ERRO ${m}`),
    trace: (m: string) => this.logLines.push(`TRAC ${m}`),
  };
}
