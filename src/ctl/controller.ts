// The command interpreter shared by the one-shot form and the shell: parses a line as Python's cmd module does,
// runs the command, and keeps the exit status with 4.2.5's LSB codes.
import { Faults } from "../core/faults";
import { XmlRpcFault, type XmlRpcValue } from "../rpc/codec";
import type { Command } from "./commands/command";
import { unexpectedError } from "./render";
import type { CtlSettings } from "./settings";
import type { Terminal } from "./terminal";
import { ConnectError, ProtocolError, Transport } from "./transport";

/** LSB init-script exit codes, as 4.2.5 uses them. */
export const Exit = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
} as const;

/** LSB status exit codes, used by `status` only. */
export const StatusExit = { NOT_RUNNING: 3, UNKNOWN: 4 } as const;

const API_VERSION = "3.0";
const DEAD_PROGRAM_FAULTS: number[] = [Faults.SPAWN_ERROR, Faults.ABNORMAL_TERMINATION, Faults.NOT_RUNNING];
const IDENT = /[A-Za-z0-9_]/;

/** What the controller needs from a connection; Transport is the real one, tests pass fakes. */
export interface RpcClient {
  readonly serverurl: string;
  readonly username: string | null;
  readonly password: string | null;
  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue>;
  stream(path: string, onData: (chunk: Uint8Array) => void, signal: AbortSignal): Promise<void>;
}

export type Connect = (serverurl: string, username: string | null, password: string | null) => RpcClient;

export class Controller {
  exitstatus: number = Exit.SUCCESS;
  private transport: RpcClient | null = null;

  constructor(
    readonly settings: CtlSettings,
    readonly term: Terminal,
    readonly commands: ReadonlyMap<string, Command>,
    private readonly connect: Connect = (url, user, password) => new Transport(url, user, password),
  ) {}

  output(line: string): void {
    this.term.write(`${line}\n`);
  }

  /** The connection, rebuilt whenever open or an auth prompt changed the url or the credentials. */
  get rpc(): RpcClient {
    const s = this.settings;
    let t = this.transport;
    if (!t || t.serverurl !== s.serverurl || t.username !== s.username || t.password !== s.password) {
      t = this.transport = this.connect(s.serverurl, s.username, s.password);
    }
    return t;
  }

  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    return this.rpc.call(method, ...params);
  }

  /** The same call, for commands that read fields of the daemon's result structs by name. */
  async callAny(method: string, ...params: XmlRpcValue[]): Promise<any> {
    return this.rpc.call(method, ...params);
  }

  setExitFromFault(code: number, ignored?: number): void {
    if (code === ignored || code === Faults.SUCCESS) return;
    this.exitstatus = DEAD_PROGRAM_FAULTS.includes(code) ? Exit.NOT_RUNNING : Exit.GENERIC;
  }

  /** Checks that the daemon answers and speaks API 3.0, printing 4.2.5's message when it does not. */
  async upcheck(): Promise<boolean> {
    try {
      const api = await this.call("supervisor.getVersion");
      if (api !== API_VERSION) {
        this.output(
          `Sorry, this version of supervisorctl expects to talk to a server with API version ${API_VERSION}, but the remote version is ${api}.`,
        );
        this.exitstatus = Exit.NOT_INSTALLED;
        return false;
      }
    } catch (e) {
      if (e instanceof XmlRpcFault && e.faultCode === Faults.UNKNOWN_METHOD) {
        this.output(
          "Sorry, supervisord responded but did not recognize the supervisor namespace commands that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is enabled in the configuration file (see sample.conf).",
        );
        this.exitstatus = Exit.UNIMPLEMENTED_FEATURE;
        return false;
      }
      if (e instanceof ConnectError && e.code === "ECONNREFUSED") {
        this.output(`${this.settings.serverurl} refused connection`);
        this.exitstatus = Exit.INSUFFICIENT_PRIVILEGES;
        return false;
      }
      if (e instanceof ConnectError && e.code === "ENOENT") {
        this.output(`${this.settings.serverurl} no such file`);
        this.exitstatus = Exit.NOT_RUNNING;
        return false;
      }
      this.exitstatus = Exit.GENERIC;
      throw e;
    }
    return true;
  }

  /** Python cmd's parseline: "?x" is "help x", the command is the leading run of word characters. */
  static parseLine(raw: string): { cmd: string | null; arg: string; line: string } {
    let line = raw.trim();
    if (!line) return { cmd: null, arg: "", line };
    if (line[0] === "?") line = `help ${line.slice(1)}`;
    else if (line[0] === "!") return { cmd: null, arg: "", line };
    let i = 0;
    while (i < line.length && IDENT.test(line[i])) i++;
    return { cmd: line.slice(0, i), arg: line.slice(i).trim(), line };
  }

  /** Runs one line. Returns true when the shell should stop (quit, exit, EOF). */
  async onecmd(raw: string): Promise<boolean> {
    const { cmd, arg, line } = Controller.parseLine(raw);
    if (!line) return false;
    const command = cmd ? this.commands.get(cmd) : undefined;
    if (!command) {
      this.output(`*** Unknown syntax: ${line}`);
      this.exitstatus = Exit.GENERIC;
      return false;
    }
    try {
      try {
        return (await command.run(this, arg)) === true;
      } catch (e) {
        if (!(e instanceof ProtocolError) || e.status !== 401) {
          if (e instanceof ProtocolError) this.exitstatus = Exit.GENERIC;
          throw e;
        }
        this.output("Server requires authentication");
        if (this.settings.interactive) {
          const username = (await this.term.ask("Username:")) ?? "";
          const password = (await this.term.askSecret("Password:")) ?? "";
          this.output("");
          this.settings.username = username;
          this.settings.password = password;
          return this.onecmd(line);
        }
        this.exitstatus = Exit.GENERIC;
      }
      // 4.2.5 runs the command a second time after an authentication failure in one-shot mode; the second failure
      // is what prints its "error: <class 'xmlrpc.client.ProtocolError'>" line.
      return (await command.run(this, arg)) === true;
    } catch (e) {
      this.output(unexpectedError(e));
      this.exitstatus = Exit.GENERIC;
      return false;
    }
  }
}
