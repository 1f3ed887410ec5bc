// @ts-check
// Turns what went wrong into a sentence a person can act on. The page never shows a raw fault: supervisord's fault
// codes (4.2.5's closed table) map to phrases here, with the process name and the fault's detail text.

/**
 * @typedef {{ verb: string, name?: string }} Act  what the user asked for, e.g. { verb: "stop", name: "web:web_00" }
 */

/** The detail after "NAME: " in a fault string, e.g. "/usr/bin/foo" in "NO_FILE: /usr/bin/foo". */
function detail(/** @type {string} */ faultString) {
  const m = /^[A-Z_]+(?::\s*(.*))?$/s.exec(faultString);
  return m ? (m[1] ?? "").trim() : faultString.trim();
}

/** @type {Record<number, (who: string, extra: string, act: Act) => string>} */
const PHRASES = {
  1: (_w, _e, act) => `This supervisord cannot ${act.verb}: it does not offer that operation.`,
  2: (_w, _e, act) => `Could not ${act.verb}: the page sent the wrong number of arguments (a bug in the page).`,
  3: (_w, _e, act) => `Could not ${act.verb}: the request had bad arguments (a bug in the page).`,
  4: (_w, _e, act) => `Could not ${act.verb}: this supervisord does not support that form of the call.`,
  6: () => "supervisord is shutting down; it no longer accepts commands.",
  10: (who, extra) => `There is no process or group named ${extra || who}. The configuration may have changed; refresh.`,
  11: (who, extra) => `${who}: ${extra || "that"} is not a signal.`,
  // 4.2.5's detail already reads as a clause: "can't find command '/x'", "command at '/x' is not executable".
  20: (who, extra, act) =>
    /log|tail/.test(act.verb) ? `${who} has no log file yet.` : `${who} cannot start: ${extra || "its command was not found"}.`,
  21: (who, extra) => `${who} cannot start: ${extra || "its command is not executable"}.`,
  30: (who, extra, act) => `Could not ${act.verb} ${who}${extra ? `: ${extra}` : "."}`,
  40: (who) => `${who} exited right after it started; its log may say why.`,
  50: (who, extra) => `${who} could not be started${extra ? `: ${extra}` : "; its log may say why."}`,
  60: (who) => `${who} is already running.`,
  70: (who) => `${who} is not running.`,
  90: (who) => `${who} is already in the configuration.`,
  91: (who) => `${who} is still running; stop it first.`,
  92: (_w, extra) => `supervisord could not read its configuration${extra ? `: ${extra}` : "."}`,
};

/**
 * A sentence for fault `code` with string `faultString`, met while doing `act`.
 * @param {number} code @param {string} faultString @param {Act} act
 */
export function describeFault(code, faultString, act) {
  const who = act.name ?? "supervisord";
  const phrase = PHRASES[code];
  if (phrase) return phrase(who, detail(faultString), act);
  const extra = detail(faultString);
  return `Could not ${act.verb}${act.name ? ` ${act.name}` : ""}${extra ? `: ${extra}` : "."}`;
}

/**
 * A sentence for any error thrown by RpcClient.call (an RpcFault, a TransportError, or anything else).
 * @param {unknown} err @param {Act} act
 */
export function describeError(err, act) {
  const e = /** @type {{ name?: string, code?: number, faultString?: string, status?: number, message?: string }} */ (
    err ?? {}
  );
  if (e.name === "RpcFault") return describeFault(e.code ?? 0, e.faultString ?? "", act);
  if (e.name === "TransportError") {
    if (e.status === 0) return `Could not ${act.verb}: ${e.message || "supervisord cannot be reached."}`;
    if (e.status === 401) return "Your login was not accepted. Reload the page to log in again.";
    if (e.status === 403) return `supervisord refused to ${act.verb}${e.message ? ` (${e.message})` : "."}`;
    if (e.status === 200) return `Could not ${act.verb}: supervisord sent a reply the page does not understand.`;
    return `Could not ${act.verb}: supervisord answered with HTTP error ${e.status}.`;
  }
  return `Could not ${act.verb}: ${e.message ?? String(err)}`;
}
