// Fakes for driving the controller without a daemon or a terminal: a connection that answers from a table and
// records every call, and a terminal that collects what is written and answers prompts from a script.
import { XmlRpcFault, type XmlRpcValue } from "../../../src/rpc/codec";
import { COMMANDS } from "../../../src/ctl/commands";
import { Controller, type RpcClient } from "../../../src/ctl/controller";
import type { CtlSettings } from "../../../src/ctl/settings";
import type { Interruptible, Terminal } from "../../../src/ctl/terminal";

type Answer = XmlRpcValue | Error | ((...params: XmlRpcValue[]) => XmlRpcValue);

export class FakeRpc implements RpcClient {
  readonly calls: string[] = [];
  constructor(
    readonly answers: Record<string, Answer>,
    readonly serverurl = "unix:///tmp/fake.sock",
    readonly username: string | null = null,
    readonly password: string | null = null,
  ) {}

  async call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    this.calls.push(`${method}(${params.map((p) => JSON.stringify(p)).join(", ")})`);
    const a = method === "supervisor.getVersion" && !(method in this.answers) ? "3.0" : this.answers[method];
    if (a === undefined) throw new XmlRpcFault(1, "UNKNOWN_METHOD");
    if (a instanceof Error) throw a;
    return typeof a === "function" ? a(...params) : a;
  }

  async stream(): Promise<void> {}
}

export class FakeTerminal implements Terminal {
  readonly colour: boolean;
  out = "";
  err = "";
  constructor(
    private readonly answers: (string | null)[] = [],
    colour = false,
  ) {
    this.colour = colour;
  }
  write(text: string): void {
    this.out += text;
  }
  writeBytes(bytes: Uint8Array): void {
    this.out += new TextDecoder().decode(bytes);
  }
  writeErr(text: string): void {
    this.err += text;
  }
  async ask(prompt: string): Promise<string | null> {
    this.out += prompt;
    return this.answers.length ? this.answers.shift()! : null;
  }
  async askSecret(prompt: string): Promise<string | null> {
    return this.ask(prompt);
  }
  interrupt(): Interruptible {
    return { signal: new AbortController().signal, dispose() {} };
  }
}

export function settings(over: Partial<CtlSettings> = {}): CtlSettings {
  return {
    serverurl: "unix:///tmp/fake.sock",
    username: null,
    password: null,
    prompt: "supervisor",
    historyFile: null,
    interactive: false,
    args: [],
    ...over,
  };
}

export function controller(rpc: FakeRpc, term = new FakeTerminal(), over: Partial<CtlSettings> = {}): Controller {
  return new Controller(settings(over), term, COMMANDS, () => rpc);
}

export function info(group: string, name: string, statename: string, state: number, description: string, pid = 0) {
  return { group, name, statename, state, description, pid, start: 0, stop: 0, now: 0, spawnerr: "", exitstatus: 0,
    logfile: "", stdout_logfile: "", stderr_logfile: "" };
}
