// @ts-check
// The status page: polls supervisor.getAllProcessInfo and getState every second, and carries out every button
// through the same XML-RPC API that supervisorctl uses. The tail panel's state lives in the URL (#tail=NAME&stream=S)
// so that Back closes it and a link can open it.
import { RpcClient } from "./xmlrpc.js";
import { describeError, describeFault } from "./messages.js";
import { failedResults, groupProcesses, matchesFilter, namespec, stateClass } from "./model.js";
import { ProcessTable } from "./table.js";
import { TailView } from "./tail-view.js";

/** @typedef {import("./model.js").ProcessInfo} ProcessInfo */

const POLL_MS = 1000;
const RETRY_MS = 3000;
const NOTE_MS = 5000;
const POLL_TIMEOUT_MS = 10_000;

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const endpoint = new URL("RPC2", document.baseURI);
/** Actions may wait as long as supervisord takes (startProcess waits for startsecs); reads must not hang a poll. */
const rpc = new RpcClient(endpoint);
const reader = new RpcClient(endpoint, POLL_TIMEOUT_MS);

/** @type {ProcessInfo[]} */
let processes = [];
/** Processes with an action in flight: their buttons wait. */
const busy = new Set();
const filterBox = /** @type {HTMLInputElement} */ ($("filter"));
const table = new ProcessTable(/** @type {HTMLTableElement} */ ($("procs")), (act, name) => void act_(act, name));
const tail = new TailView(reader, (name) => processes.find((p) => namespec(p) === name), () => setRoute(null));
tail.onStream = (stream) => tail.name && setRoute(tail.name, stream, true);

// ---- messages ----

/** Shows a message; errors stay until dismissed, notes fade. @param {string} text @param {"note"|"error"} kind */
function notify(text, kind) {
  const box = document.createElement("div");
  box.className = `msg ${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  const p = document.createElement("p");
  p.textContent = text;
  const x = document.createElement("button");
  x.type = "button";
  x.textContent = "×";
  x.setAttribute("aria-label", "Dismiss");
  x.addEventListener("click", () => box.remove());
  box.append(p, x);
  $("messages").append(box);
  if (kind === "note") setTimeout(() => box.remove(), NOTE_MS);
}

// ---- polling ----

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pollTimer;
/** The connection problem currently shown, so that one outage is one message. */
let outage = "";

async function refresh() {
  clearTimeout(pollTimer);
  let next = POLL_MS;
  try {
    const [info, state] = await Promise.all([
      reader.call("supervisor.getAllProcessInfo"),
      reader.call("supervisor.getState"),
    ]);
    processes = /** @type {ProcessInfo[]} */ (info);
    showSupervisorState(/** @type {{ statename: string }} */ (state).statename);
    render();
    if (outage) notify("Connected to supervisord again.", "note");
    outage = "";
  } catch (err) {
    const text = describeError(err, { verb: "read the process list" });
    if (text !== outage) notify(text, "error");
    outage = text;
    $("summary").textContent = "The list below may be out of date.";
    next = RETRY_MS;
  }
  clearTimeout(pollTimer); // an action's refresh may have overlapped this one: keep a single timer chain
  if (!document.hidden) pollTimer = setTimeout(refresh, next);
}

document.addEventListener("visibilitychange", () => !document.hidden && void refresh());

function showSupervisorState(/** @type {string} */ statename) {
  const badge = $("sv-state");
  badge.hidden = false;
  badge.textContent = statename;
  badge.className = `badge ${stateClass(statename)}`;
}

function render() {
  const text = filterBox.value;
  const shown = table.update(groupProcesses(processes), (p) => matchesFilter(p, text), busy);
  const running = processes.filter((p) => p.statename === "RUNNING").length;
  $("summary").textContent = `${processes.length} process${processes.length === 1 ? "" : "es"}, ${running} running.`;
  $("empty").hidden = shown > 0 || processes.length === 0;
}

filterBox.addEventListener("input", render);
document.addEventListener("keydown", (ev) => {
  const typing = ev.target instanceof HTMLInputElement;
  if (ev.key === "/" && !typing) (ev.preventDefault(), filterBox.focus());
  if (ev.key === "Escape" && tail.isOpen) setRoute(null);
});

// ---- actions ----

/** Calls `method`, treating the listed fault codes as success (e.g. NOT_RUNNING when stopping before a restart). */
async function callTolerating(/** @type {number[]} */ codes, /** @type {string} */ method, /** @type {unknown[]} */ ...params) {
  try {
    return await rpc.call(method, ...params);
  } catch (err) {
    if (!codes.includes(/** @type {{ code?: number }} */ (err).code ?? -1)) throw err;
  }
}

const NOT_RUNNING = 70;

/** @type {Record<string, { verb: string, done: string, run: (name: string) => Promise<unknown> }>} */
const ACTIONS = {
  start: { verb: "start", done: "started", run: (n) => rpc.call("supervisor.startProcess", n, true) },
  stop: { verb: "stop", done: "stopped", run: (n) => rpc.call("supervisor.stopProcess", n, true) },
  restart: {
    verb: "restart",
    done: "restarted",
    run: async (n) => {
      await callTolerating([NOT_RUNNING], "supervisor.stopProcess", n, true);
      return rpc.call("supervisor.startProcess", n, true);
    },
  },
  clear: { verb: "clear the logs of", done: "log cleared", run: (n) => rpc.call("supervisor.clearProcessLogs", n) },
  startgroup: { verb: "start group", done: "started", run: (n) => rpc.call("supervisor.startProcessGroup", n, true) },
  stopgroup: { verb: "stop group", done: "stopped", run: (n) => rpc.call("supervisor.stopProcessGroup", n, true) },
};

/** Reports the failures in a list answer (startAllProcesses and friends); true when there were none. */
function reportResults(/** @type {unknown} */ results, /** @type {string} */ verb) {
  const failed = Array.isArray(results) ? failedResults(results) : [];
  for (const f of failed) notify(describeFault(f.status, f.description, { verb, name: f.name }), "error");
  return failed.length === 0;
}

async function act_(/** @type {string} */ act, /** @type {string} */ name) {
  if (act === "tail") return setRoute(name, "stdout");
  const a = ACTIONS[act];
  const members = act.endsWith("group") ? processes.filter((p) => p.group === name).map(namespec) : [name];
  for (const m of members) busy.add(m);
  render();
  try {
    const result = await a.run(name);
    if (reportResults(result, a.verb)) notify(`${name}: ${a.done}.`, "note");
  } catch (err) {
    notify(describeError(err, { verb: a.verb, name }), "error");
  } finally {
    for (const m of members) busy.delete(m);
    void refresh();
  }
}

/** A button that acts only on a second click within 4 s, for the actions that touch every process. */
function confirmingButton(/** @type {string} */ id, /** @type {() => Promise<void>} */ run) {
  const b = /** @type {HTMLButtonElement} */ ($(id));
  const label = b.textContent ?? "";
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let armed;
  const disarm = () => (clearTimeout(armed), (armed = undefined), b.classList.remove("confirming"), (b.textContent = label));
  b.addEventListener("click", async () => {
    if (!armed) {
      b.classList.add("confirming");
      b.textContent = b.dataset.confirm ?? label;
      armed = setTimeout(disarm, 4000);
      return;
    }
    disarm();
    b.disabled = true;
    try {
      await run();
    } catch (err) {
      notify(describeError(err, { verb: label.toLowerCase() }), "error");
    } finally {
      b.disabled = false;
      void refresh();
    }
  });
}

confirmingButton("stop-all", async () => {
  if (reportResults(await rpc.call("supervisor.stopAllProcesses", true), "stop")) notify("All processes stopped.", "note");
});
confirmingButton("restart-all", async () => {
  const stopped = reportResults(await rpc.call("supervisor.stopAllProcesses", true), "stop");
  const started = reportResults(await rpc.call("supervisor.startAllProcesses", true), "start");
  if (stopped && started) notify("All processes restarted.", "note");
});
$("refresh").addEventListener("click", () => void refresh());

// ---- the tail panel, driven by the URL ----

/**
 * Opens the tail of `name` (or closes the panel for null) by changing the URL's fragment. A stream switch replaces
 * the history entry, so that Back leaves the panel instead of flipping streams.
 */
function setRoute(/** @type {string | null} */ name, stream = "stdout", replace = false) {
  const hash = name === null ? "" : `#tail=${encodeURIComponent(name)}&stream=${stream}`;
  const url = hash || location.pathname + location.search;
  if (location.hash !== hash) (replace ? history.replaceState : history.pushState).call(history, null, "", url);
  route();
}

function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  const name = params.get("tail");
  if (name) tail.open(name, params.get("stream") ?? "stdout");
  else if (tail.isOpen) tail.close();
}

window.addEventListener("popstate", route);

async function identify() {
  try {
    const ident = String(await reader.call("supervisor.getIdentification"));
    $("ident").textContent = ident;
    document.title = `${ident} — Supervisor`;
  } catch {
    // the list poll reports connection problems; the title keeps its default
  }
}

void identify();
void refresh();
route();
