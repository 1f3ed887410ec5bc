// Reading RPC parameters the way 4.2.5's Python reads them: names must be strings, offsets go through int(),
// `wait` through truthiness. A value of the wrong type is INCORRECT_PARAMETERS here; 4.2.5 often answers those with
// an HTTP 500 and a traceback instead (a documented difference).
import { DomainError } from "../../core/errors";
import { pyRepr } from "../../core/pyrepr";
import type { XmlRpcValue } from "../codec";

export function incorrectParameters(extra?: string): DomainError {
  return new DomainError("INCORRECT_PARAMETERS", extra);
}

export function asString(v: XmlRpcValue | undefined): string {
  if (typeof v !== "string") throw incorrectParameters();
  return v;
}

const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/** Python's int(): integers, booleans, floats (truncated) and integer strings. */
export function asInt(v: XmlRpcValue | undefined): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "string" && PY_INT.test(v)) return Number(v.replace(/_/g, ""));
  throw incorrectParameters();
}

/** Python's truthiness, for `wait`: false, 0, "", None, [] and {} are false. */
export function truthy(v: XmlRpcValue | undefined): boolean {
  if (v === undefined) return true; // the parameter's default in 4.2.5
  if (v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object" && !(v instanceof Date)) return Object.keys(v).length > 0;
  return true;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Python's repr() of a decoded value, as it appears inside a list or dict. */
function pyValueRepr(v: XmlRpcValue): string {
  if (typeof v === "string") return pyRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyValueRepr).join(", ")}]`;
  if (v instanceof Date) {
    const d = v;
    return `datetime.datetime(${d.getUTCFullYear()}, ${d.getUTCMonth() + 1}, ${d.getUTCDate()}, ${d.getUTCHours()}, ${d.getUTCMinutes()}${d.getUTCSeconds() ? `, ${d.getUTCSeconds()}` : ""})`;
  }
  if (v !== null && typeof v === "object" && !(v instanceof Uint8Array)) {
    return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyValueRepr(x)}`).join(", ")}}`;
  }
  return pyStr(v);
}

/** Python's str() of a decoded value (used where 4.2.5 formats a parameter into a fault string). */
export function pyStr(v: XmlRpcValue): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (v instanceof Date) {
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return pyValueRepr(v);
}

function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const s = String(v);
  return s.includes("e") ? s.replace(/e([+-])(\d)$/, "e$10$2") : s;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * 4.2.5 hands base64 parameters to its methods as decoded text (its unmarshaller calls as_string), so a name or
 * stdin chunk may arrive as base64. Throws TypeError for bytes that are not UTF-8, which 4.2.5 cannot decode either.
 */
export function base64AsText(v: XmlRpcValue): XmlRpcValue {
  if (v instanceof Uint8Array) return strictUtf8.decode(v);
  if (Array.isArray(v)) return v.map(base64AsText);
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const out: Record<string, XmlRpcValue> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, { value: base64AsText(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
