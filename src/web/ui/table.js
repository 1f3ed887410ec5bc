// @ts-check
// The process table. Rows are kept per process and updated in place on every poll, so a refresh does not flicker,
// lose focus or close what the user was looking at. Each group is a <tbody> whose header row folds it.
import { canStart, canStop, namespec, stateClass, stateSummary, uptimeOf } from "./model.js";

/** @typedef {import("./model.js").ProcessInfo} ProcessInfo */
/** @typedef {import("./model.js").Group} Group */
/** @typedef {(act: string, name: string) => void} ActionHandler  act: start|stop|restart|clear|tail|startgroup|stopgroup */

const FOLD_KEY = "supervisor-ui:folded";

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {string} [cls] @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** @param {string} act @param {string} label @param {string} [title] */
function button(act, label, title) {
  const b = el("button", "", label);
  b.type = "button";
  b.dataset.act = act;
  if (title) b.title = title;
  return b;
}

/** @param {HTMLElement} e @param {string} text */
function setText(e, text) {
  if (e.textContent !== text) e.textContent = text;
}

class Row {
  constructor(/** @type {ProcessInfo} */ p) {
    this.tr = el("tr", "proc");
    this.tr.dataset.name = namespec(p);
    this.badge = el("span", "badge");
    const name = el("td", "name");
    if (p.group !== p.name) name.append(el("span", "grp", `${p.group}:`));
    name.append(p.name);
    this.desc = el("td", "desc");
    this.pid = el("td", "num pid");
    this.up = el("td", "num up");
    this.start = button("start", "Start");
    this.stop = button("stop", "Stop");
    this.restart = button("restart", "Restart");
    this.clear = button("clear", "Clear log", "Empty this process's stdout and stderr logs");
    this.tail = button("tail", "Tail", "Follow this process's log");
    const actions = el("div", "actions");
    actions.append(this.start, this.stop, this.restart, this.clear, this.tail);
    // Screen readers hear "Stop web:web_0", not five bare "Stop"s.
    for (const b of actions.children) b.setAttribute("aria-label", `${b.textContent} ${namespec(p)}`);
    const state = el("td", "state");
    state.append(this.badge);
    const act = el("td", "act");
    act.append(actions);
    this.tr.append(state, name, this.desc, this.pid, this.up, act);
  }

  update(/** @type {ProcessInfo} */ p, /** @type {boolean} */ busy) {
    setText(this.badge, p.statename);
    this.badge.className = `badge ${stateClass(p.statename)}`;
    setText(this.desc, p.description);
    setText(this.pid, p.pid ? String(p.pid) : "");
    setText(this.up, uptimeOf(p));
    const stopping = p.statename === "STOPPING";
    this.stop.hidden = !(canStop(p) || stopping);
    this.start.hidden = !this.stop.hidden;
    this.stop.disabled = busy || !canStop(p);
    this.start.disabled = busy || !canStart(p);
    this.restart.disabled = busy || stopping;
    this.tr.classList.toggle("busy", busy);
  }
}

class GroupBody {
  constructor(/** @type {Group} */ g, /** @type {boolean} */ folded) {
    this.tbody = el("tbody");
    this.tbody.dataset.group = g.name;
    this.single = g.single;
    /** @type {Map<string, Row>} */
    this.rows = new Map();
    this.fold = button("fold", g.name);
    this.fold.className = "fold";
    this.count = el("span", "count");
    if (g.single) return;
    const head = el("tr", "group");
    const th = el("th");
    th.colSpan = 5;
    th.append(this.fold, this.count);
    const acts = el("div", "actions");
    acts.append(button("startgroup", "Start group"), button("stopgroup", "Stop group"));
    const th2 = el("th");
    th2.append(acts);
    head.append(th, th2);
    this.tbody.append(head);
    this.setFolded(folded);
  }

  setFolded(/** @type {boolean} */ folded) {
    this.tbody.classList.toggle("folded", folded);
    this.fold.setAttribute("aria-expanded", String(!folded));
  }
}

export class ProcessTable {
  /** @param {HTMLTableElement} table @param {ActionHandler} onAction */
  constructor(table, onAction) {
    this.table = table;
    /** @type {Map<string, GroupBody>} */
    this.groups = new Map();
    /** @type {Set<string>} */
    this.folded = new Set(JSON.parse(localStorage.getItem(FOLD_KEY) ?? "[]"));
    table.addEventListener("click", (ev) => {
      const b = /** @type {HTMLElement} */ (ev.target).closest("button[data-act]");
      if (!(b instanceof HTMLButtonElement) || b.disabled) return;
      const act = b.dataset.act ?? "";
      const group = /** @type {HTMLElement} */ (b.closest("tbody")).dataset.group ?? "";
      if (act === "fold") return this.toggleFold(group);
      const row = /** @type {HTMLElement | null} */ (b.closest("tr.proc"));
      onAction(act, row ? (row.dataset.name ?? "") : group);
    });
  }

  toggleFold(/** @type {string} */ group) {
    if (this.folded.has(group)) this.folded.delete(group);
    else this.folded.add(group);
    localStorage.setItem(FOLD_KEY, JSON.stringify([...this.folded]));
    this.groups.get(group)?.setFolded(this.folded.has(group));
  }

  /**
   * Brings the table in line with `groups`; returns how many processes are shown.
   * @param {Group[]} groups @param {(p: ProcessInfo) => boolean} visible @param {Set<string>} busy
   */
  update(groups, visible, busy) {
    const filtering = groups.some((g) => g.processes.some((p) => !visible(p)));
    let shown = 0;
    /** @type {HTMLElement | null} */
    let prev = this.table.tHead;
    for (const g of groups) {
      let body = this.groups.get(g.name);
      if (!body || body.single !== g.single) {
        body?.tbody.remove();
        body = new GroupBody(g, this.folded.has(g.name));
        this.groups.set(g.name, body);
      }
      const names = new Set(g.processes.map(namespec));
      for (const [n, r] of body.rows) if (!names.has(n)) (r.tr.remove(), body.rows.delete(n));
      let last = body.tbody.querySelector("tr.group");
      let count = 0;
      for (const p of g.processes) {
        const n = namespec(p);
        let row = body.rows.get(n);
        if (!row) body.rows.set(n, (row = new Row(p)));
        row.update(p, busy.has(n));
        row.tr.hidden = !visible(p);
        if (!row.tr.hidden) count++;
        if ((last ? last.nextElementSibling : body.tbody.firstElementChild) !== row.tr) {
          last ? last.after(row.tr) : body.tbody.prepend(row.tr);
        }
        last = row.tr;
      }
      setText(body.count, filtering ? `${count} of ${g.processes.length} shown` : stateSummary(g.processes));
      // A filter that matches a folded group's processes shows them.
      if (!g.single) body.setFolded(this.folded.has(g.name) && !(filtering && count));
      body.tbody.hidden = count === 0;
      if (prev?.nextElementSibling !== body.tbody) prev?.after(body.tbody);
      prev = body.tbody;
      shown += count;
    }
    const live = new Set(groups.map((g) => g.name));
    for (const [name, body] of this.groups) if (!live.has(name)) (body.tbody.remove(), this.groups.delete(name));
    return shown;
  }
}
