// tail, maintail (both with -f streaming until Ctrl-C) and clear.
import { Faults } from "../../core/faults";
import { XmlRpcFault } from "../../rpc/codec";
import { type Controller, Exit } from "../controller";
import { makeNamespec, splitNamespec } from "../../core/namespec";
import { clearResult, faultAsResult, type ResultInfo } from "../render";
import { ConnectError, ProtocolError } from "../transport";
import { type Command, misuse, words } from "./command";

/** Python's int(): optional sign, digits with single underscores between them, surrounding blanks. */
function pyInt(text: string): number | null {
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text) ? Number(text.replace(/_/g, "")) : null;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "<class 'FileNotFoundError'> ([Errno 2] No such file or directory)",
  ECONNREFUSED: "<class 'ConnectionRefusedError'> ([Errno 111] Connection refused)",
};

/** Prints a failed log stream as 4.2.5's tail client does (on stderr); false for errors it does not know. */
export function reportStreamError(ctl: Controller, path: string, e: unknown): boolean {
  const url = `${ctl.settings.serverurl}${path}`;
  if (e instanceof ConnectError) ctl.term.writeErr(`${url} Cannot connect, error: ${ERRNO_TEXT[e.code] ?? e.code}\n`);
  else if (e instanceof ProtocolError) ctl.term.writeErr(`${url} Cannot read, status code ${e.status}\n`);
  else return false;
  return true;
}

/** Streams a log path to stdout until the server closes it or the user presses Ctrl-C. */
export async function followPath(ctl: Controller, path: string): Promise<void> {
  ctl.output("==> Press Ctrl-C to exit <==");
  const interrupt = ctl.term.interrupt();
  try {
    await ctl.rpc.stream(path, (chunk) => ctl.term.writeBytes(chunk), interrupt.signal);
  } catch (e) {
    if (!reportStreamError(ctl, path, e) && !interrupt.signal.aborted) throw e;
  } finally {
    interrupt.dispose();
  }
  if (interrupt.signal.aborted) ctl.output("");
}

async function readLog(ctl: Controller, who: string, read: () => Promise<unknown>, badName: boolean): Promise<void> {
  try {
    ctl.output(String(await read()));
  } catch (e) {
    if (!(e instanceof XmlRpcFault)) throw e;
    ctl.exitstatus = Exit.GENERIC;
    if (e.faultCode === Faults.NO_FILE) ctl.output(`${who}: ERROR (no log file)`);
    else if (e.faultCode === Faults.FAILED) ctl.output(`${who}: ERROR (unknown error reading log)`);
    else if (badName && e.faultCode === Faults.BAD_NAME) ctl.output(`${who}: ERROR (no such process name)`);
    else throw e;
  }
}

export const tail: Command = {
  name: "tail",
  help: "tail [-f] <name> [stdout|stderr] (default stdout)\nEx:\ntail -f <name>\t\tContinuous tail of named process stdout\n\t\t\tCtrl-C to exit.\ntail -100 <name>\tlast 100 *bytes* of process stdout\ntail <name> stderr\tlast 1600 *bytes* of process stderr",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const args = words(arg);
    if (args.length < 1) return misuse(ctl, tail, "Error: too few arguments", Exit.GENERIC);
    if (args.length > 3) return misuse(ctl, tail, "Error: too many arguments", Exit.GENERIC);
    const modifier = args[0].startsWith("-") ? args.shift()! : null;
    let name: string;
    let channel = "stdout";
    if (args.length === 1) {
      name = args[0];
    } else if (args.length) {
      name = args[0];
      channel = args[args.length - 1].toLowerCase();
      if (channel !== "stderr" && channel !== "stdout") {
        ctl.output(`Error: bad channel '${channel}'`);
        ctl.exitstatus = Exit.GENERIC;
        return;
      }
    } else {
      ctl.output("Error: tail requires process name");
      ctl.exitstatus = Exit.GENERIC;
      return;
    }
    let bytes = 1600;
    if (modifier !== null) {
      if (modifier.slice(1) === "f") return followPath(ctl, `/logtail/${name}/${channel}`);
      const n = pyInt(modifier.slice(1));
      if (n === null) {
        ctl.output(`Error: bad argument ${modifier}`);
        ctl.exitstatus = Exit.GENERIC;
        return;
      }
      bytes = n;
    }
    const method = channel === "stdout" ? "supervisor.readProcessStdoutLog" : "supervisor.readProcessStderrLog";
    await readLog(ctl, name, () => ctl.call(method, name, -bytes, 0), true);
  },
};

export const maintail: Command = {
  name: "maintail",
  help: "maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\nmaintail -100\tlast 100 *bytes* of supervisord main log file\nmaintail\tlast 1600 *bytes* of supervisor main log file\n",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const args = words(arg);
    if (args.length > 1) return misuse(ctl, maintail, "Error: too many arguments", Exit.GENERIC);
    let bytes = 1600;
    if (args.length === 1) {
      const n = args[0].startsWith("-") ? pyInt(args[0].slice(1)) : null;
      if (args[0] === "-f") return followPath(ctl, "/mainlogtail");
      if (n === null) {
        ctl.output(`Error: bad argument ${args[0]}`);
        ctl.exitstatus = Exit.GENERIC;
        return;
      }
      bytes = n;
    }
    await readLog(ctl, "supervisord", () => ctl.call("supervisor.readLog", -bytes, 0), false);
  },
};

export const clear: Command = {
  name: "clear",
  help: "clear <name>\t\tClear a process' log files.\nclear <name> <name>\tClear multiple process' log files\nclear all\t\tClear all process' log files",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = words(arg);
    if (!names.length) return misuse(ctl, clear, "Error: clear requires a process name", Exit.GENERIC);
    const report = (r: ResultInfo) => {
      ctl.output(clearResult(r));
      ctl.setExitFromFault(r.status);
    };
    if (names.includes("all")) {
      const results: ResultInfo[] = await ctl.callAny("supervisor.clearAllProcessLogs");
      for (const r of results) report(r);
      return;
    }
    for (const name of names) {
      try {
        await ctl.call("supervisor.clearProcessLogs", name);
        const { group, process } = splitNamespec(name);
        ctl.output(`${makeNamespec(group, process ?? "None")}: cleared`);
      } catch (e) {
        if (!(e instanceof XmlRpcFault)) throw e;
        report(faultAsResult(e, name));
      }
    }
  },
};
