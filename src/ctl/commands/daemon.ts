// shutdown, reload, version and open: commands about the daemon itself rather than its processes.
import { Faults } from "../../core/faults";
import { XmlRpcFault } from "../../rpc/codec";
import { type Controller, Exit } from "../controller";
import { ConnectError } from "../transport";
import { type Command, misuse } from "./command";
import { status } from "./status";

async function confirmed(ctl: Controller, question: string): Promise<boolean> {
  if (!ctl.settings.interactive) return true;
  const answer = (await ctl.term.ask(question)) ?? "";
  return answer.toLowerCase().startsWith("y");
}

export const shutdown: Command = {
  name: "shutdown",
  help: "shutdown \tShut the remote supervisord down.",
  async run(ctl, arg) {
    if (arg) return misuse(ctl, shutdown, "Error: shutdown accepts no arguments", Exit.GENERIC);
    if (!(await confirmed(ctl, "Really shut the remote supervisord process down y/N? "))) return;
    try {
      await ctl.call("supervisor.shutdown");
    } catch (e) {
      if (e instanceof XmlRpcFault && e.faultCode === Faults.SHUTDOWN_STATE) {
        ctl.output("ERROR: already shutting down");
        return;
      }
      ctl.exitstatus = Exit.GENERIC;
      const url = ctl.settings.serverurl;
      if (e instanceof ConnectError && e.code === "ECONNREFUSED") ctl.output(`ERROR: ${url} refused connection (already shut down?)`);
      else if (e instanceof ConnectError && e.code === "ENOENT") ctl.output(`ERROR: ${url} no such file (already shut down?)`);
      else throw e;
      return;
    }
    ctl.output("Shut down");
  },
};

export const reload: Command = {
  name: "reload",
  help: "reload \t\tRestart the remote supervisord.",
  async run(ctl, arg) {
    if (arg) return misuse(ctl, reload, "Error: reload accepts no arguments", Exit.GENERIC);
    if (!(await confirmed(ctl, "Really restart the remote supervisord process y/N? "))) return;
    try {
      await ctl.call("supervisor.restart");
    } catch (e) {
      if (!(e instanceof XmlRpcFault)) throw e;
      ctl.exitstatus = Exit.GENERIC;
      if (e.faultCode !== Faults.SHUTDOWN_STATE) throw e;
      ctl.output("ERROR: already shutting down");
      return;
    }
    ctl.output("Restarted supervisord");
  },
};

export const version: Command = {
  name: "version",
  help: "version\t\t\tShow the version of the remote supervisord process",
  async run(ctl, arg) {
    if (arg) return misuse(ctl, version, "Error: version accepts no arguments", Exit.GENERIC);
    if (!(await ctl.upcheck())) return;
    ctl.output(String(await ctl.call("supervisor.getSupervisorVersion")));
  },
};

export const open: Command = {
  name: "open",
  help: "open <url>\tConnect to a remote supervisord process.\n\t\t(for UNIX domain socket, use unix:///socket/path)",
  async run(ctl, arg) {
    const url = arg.trim();
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1].toLowerCase();
    if (scheme !== "unix" && scheme !== "http") {
      ctl.output("ERROR: url must be http:// or unix://");
      ctl.exitstatus = Exit.GENERIC;
      return;
    }
    ctl.settings.serverurl = url;
    const before = ctl.exitstatus;
    await status.run(ctl, "");
    ctl.exitstatus = before;
  },
};
