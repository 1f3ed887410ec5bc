// The supervisorctl face: flags and settings, then one command (exit status from it) or the interactive shell
// (exit status 0). The controller and its commands load only after the flags are known to be good.
import { parseCommandLine, USAGE_DOC, UsageError } from "../ctl/options";
import type { Controller } from "../ctl/controller";
import { resolveSettings } from "../ctl/settings";
import { isTerminal, StdTerminal } from "../ctl/terminal";
import { writeErr, writeOut } from "./output";

const PROGNAME = "supervisorctl";

function usage(e: UsageError): number {
  writeErr(`Error: ${e.message}\nFor help, use ${PROGNAME} -h\n`);
  return 2;
}

export async function main(args: string[]): Promise<number> {
  let settings: ReturnType<typeof resolveSettings>;
  try {
    const line = parseCommandLine(args);
    if (line.help) {
      writeOut(`${USAGE_DOC.replaceAll("%s", PROGNAME)}\n`);
      return 0;
    }
    settings = resolveSettings(line, process.argv0, process.env);
  } catch (e) {
    if (e instanceof UsageError) return usage(e);
    throw e;
  }
  const [{ Controller }, { COMMANDS }] = await Promise.all([import("../ctl/controller"), import("../ctl/commands")]);
  if (settings.args.length) {
    const term = new StdTerminal();
    const ctl = new Controller(settings, term, COMMANDS);
    await askPassword(ctl);
    // Like 4.2.5, the words are joined with spaces and read as one command line, so `"signal USR1" name` works.
    await ctl.onecmd(settings.args.join(" "));
    term.close();
    return ctl.exitstatus;
  }
  const { Completer, loadHistory, runShell, saveHistory } = await import("../ctl/shell");
  let completer: InstanceType<typeof Completer> | null = null;
  const term = new StdTerminal({
    history: loadHistory(settings.historyFile),
    completer: (line) => completer!.complete(line),
  });
  const ctl = new Controller(settings, term, COMMANDS);
  completer = new Completer(ctl);
  await askPassword(ctl);
  await runShell(ctl, completer);
  saveHistory(settings.historyFile, term.history);
  term.close();
  return 0;
}

/** Beyond 4.2.5: a username without a password asks for the password, when there is a terminal to ask on. */
async function askPassword(ctl: Controller): Promise<void> {
  const s = ctl.settings;
  if (s.username === null || s.password !== null || !isTerminal(0)) return;
  s.password = (await ctl.term.askSecret("Password:")) ?? "";
}
