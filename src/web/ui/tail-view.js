// @ts-check
// The tail panel: follows one process's stdout or stderr live by polling the XML-RPC tail methods. Unlike 4.2.5's
// tail page (a never-ending /logtail response that Chrome does not show), every read here is a short request.
import { LogCursor } from "./tail-cursor.js";
import { describeError } from "./messages.js";

const POLL_MS = 500;
const FIRST_READ = 64 * 1024; // how much history to show when the view opens
const FOLLOW_READ = 64 * 1024; // most that one poll may add; more than that in POLL_MS shows "output skipped"
const KEEP_CHARS = 512 * 1024; // the panel drops its oldest text beyond this

/** @typedef {import("./xmlrpc.js").RpcClient} RpcClient */
/** @typedef {import("./model.js").ProcessInfo} ProcessInfo */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

export class TailView {
  /**
   * @param {RpcClient} rpc
   * @param {(name: string) => ProcessInfo | undefined} lookup  the latest info on a process, from the list poll
   * @param {() => void} onClose  called when the user closes the panel
   */
  constructor(rpc, lookup, onClose) {
    this.rpc = rpc;
    this.lookup = lookup;
    this.panel = $("tail");
    this.text = $("tail-text");
    this.status = $("tail-status");
    this.pauseBtn = $("tail-pause");
    /** @type {string | null} */
    this.name = null;
    this.stream = "stdout";
    this.paused = false;
    /** Bumped on every open/switch/close, so a reply for an older view is dropped. */
    this.generation = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    $("tail-close").addEventListener("click", onClose);
    this.pauseBtn.addEventListener("click", () => this.setPaused(!this.paused));
    /** @type {((stream: string) => void) | undefined} set by the page so that a stream switch updates the URL */
    this.onStream = undefined;
    for (const b of this.panel.querySelectorAll("[data-stream]")) {
      b.addEventListener("click", () => this.onStream?.(/** @type {HTMLElement} */ (b).dataset.stream ?? "stdout"));
    }
    document.addEventListener("visibilitychange", () => this.schedule(0));
  }

  get isOpen() {
    return this.name !== null;
  }

  /** Shows `name`'s `stream`; reopening the same one keeps what is already shown. */
  open(/** @type {string} */ name, /** @type {string} */ stream) {
    if (this.name === name && this.stream === stream) return;
    this.name = name;
    this.stream = stream === "stderr" ? "stderr" : "stdout";
    this.generation++;
    this.cursor = new LogCursor();
    this.text.textContent = "";
    $("tail-title").textContent = `Tail: ${name}`;
    for (const b of this.panel.querySelectorAll("[data-stream]")) {
      b.setAttribute("aria-pressed", String(/** @type {HTMLElement} */ (b).dataset.stream === this.stream));
    }
    this.panel.hidden = false;
    this.setStatus("Reading…");
    this.schedule(0);
  }

  close() {
    this.name = null;
    this.generation++;
    clearTimeout(this.timer);
    this.panel.hidden = true;
    this.text.textContent = "";
  }

  setPaused(/** @type {boolean} */ paused) {
    this.paused = paused;
    this.pauseBtn.setAttribute("aria-pressed", String(paused));
    this.pauseBtn.textContent = paused ? "Resume" : "Pause";
    this.setStatus(paused ? "Paused." : "Following…");
    this.schedule(0);
  }

  setStatus(/** @type {string} */ s) {
    this.status.textContent = s;
  }

  schedule(/** @type {number} */ ms) {
    clearTimeout(this.timer);
    if (this.name === null || this.paused || document.hidden) return;
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  async poll() {
    const gen = this.generation;
    const name = /** @type {string} */ (this.name);
    const cursor = /** @type {LogCursor} */ (this.cursor);
    const method = this.stream === "stderr" ? "supervisor.tailProcessStderrLog" : "supervisor.tailProcessStdoutLog";
    let again = POLL_MS;
    try {
      const result = await this.rpc.call(method, name, cursor.offset, cursor.started ? FOLLOW_READ : FIRST_READ);
      if (gen !== this.generation) return;
      const step = cursor.take(result);
      if (step.restart) this.mark("log cleared or rotated");
      if (step.skipped) this.mark("output skipped: it grew faster than the view reads");
      if (step.text) this.append(step.text);
      if (step.restart) again = 0;
      this.setStatus(this.describeIdle());
    } catch (err) {
      if (gen !== this.generation) return;
      this.setStatus(describeError(err, { verb: `read the ${this.stream} log of`, name }));
      again = POLL_MS * 4;
    }
    this.schedule(again);
  }

  /** What the status line says while following: why nothing shows, when that is the case. */
  describeIdle() {
    const info = this.name === null ? undefined : this.lookup(this.name);
    const file = info ? (this.stream === "stderr" ? info.stderr_logfile : info.stdout_logfile) : "x";
    if (!file) {
      return this.stream === "stderr"
        ? "This process keeps no stderr log (stderr is redirected to stdout, or not logged)."
        : "This process keeps no stdout log.";
    }
    return this.text.textContent ? "Following…" : "Following… (the log is empty so far)";
  }

  /** Appends text, keeping the view pinned to the bottom if the reader had scrolled there. */
  append(/** @type {string} */ s) {
    const el = this.text;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    el.append(s);
    if ((el.textContent ?? "").length > KEEP_CHARS) {
      el.textContent = (el.textContent ?? "").slice(-Math.floor(KEEP_CHARS * 0.8));
    }
    if (atBottom) el.scrollTop = el.scrollHeight;
  }

  mark(/** @type {string} */ what) {
    const m = document.createElement("span");
    m.className = "mark";
    m.textContent = `\n[${what}]\n`;
    this.text.append(m);
  }
}
