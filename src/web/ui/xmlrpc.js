// @ts-check
// A small XML-RPC client for the browser: the page acts only through supervisord's /RPC2, like any other client.
// Encoding is plain string building; decoding walks the DOM that the browser's DOMParser builds.

/** A fault that supervisord returned: code and string exactly as sent. */
export class RpcFault extends Error {
  /** @param {number} code @param {string} faultString @param {string} method */
  constructor(code, faultString, method) {
    super(`${method}: fault ${code}: ${faultString}`);
    this.name = "RpcFault";
    this.code = code;
    this.faultString = faultString;
    this.method = method;
  }
}

/** The call never produced an XML-RPC answer: network down, HTTP error, or a reply that is not XML-RPC. */
export class TransportError extends Error {
  /** @param {string} message @param {number} status 0 when no HTTP answer came */
  constructor(message, status) {
    super(message);
    this.name = "TransportError";
    this.status = status;
  }
}

/** @param {string} s */
function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** @param {unknown} v @returns {string} */
export function encodeValue(v) {
  if (typeof v === "string") return `<value><string>${escapeXml(v)}</string></value>`;
  if (typeof v === "boolean") return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
  if (typeof v === "number") {
    return Number.isInteger(v) ? `<value><int>${v}</int></value>` : `<value><double>${v}</double></value>`;
  }
  if (Array.isArray(v)) return `<value><array><data>${v.map(encodeValue).join("")}</data></array></value>`;
  if (v !== null && typeof v === "object") {
    const members = Object.entries(v).map(([k, x]) => `<member><name>${escapeXml(k)}</name>${encodeValue(x)}</member>`);
    return `<value><struct>${members.join("")}</struct></value>`;
  }
  throw new TypeError(`cannot encode ${v === null ? "null" : typeof v} as XML-RPC`);
}

/** @param {string} method @param {unknown[]} params */
export function encodeCall(method, params) {
  const ps = params.map((p) => `<param>${encodeValue(p)}</param>`).join("");
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeXml(method)}</methodName><params>${ps}</params></methodCall>`;
}

/** @param {string} b64 */
function decodeBase64(b64) {
  const bin = atob(b64.replace(/\s+/g, ""));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** @param {Element} el @param {string} name */
function child(el, name) {
  for (const c of Array.from(el.children)) if (c.localName === name) return c;
  throw new TransportError(`unexpected reply: <${el.localName}> has no <${name}>`, 200);
}

/** @param {Element} valueEl @returns {unknown} */
export function decodeValue(valueEl) {
  const typed = valueEl.firstElementChild;
  if (!typed) return valueEl.textContent ?? ""; // a bare <value>text</value> is a string
  const text = typed.textContent ?? "";
  switch (typed.localName) {
    case "string":
      return text;
    case "int":
    case "i4":
    case "i8":
      return Number.parseInt(text.trim(), 10);
    case "double":
      return Number.parseFloat(text.trim());
    case "boolean":
      return text.trim() === "1";
    case "nil":
      return null;
    case "dateTime.iso8601":
      return text.trim();
    case "base64":
      return decodeBase64(text);
    case "array":
      return Array.from(child(typed, "data").children, decodeValue);
    case "struct": {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const m of Array.from(typed.children)) out[child(m, "name").textContent ?? ""] = decodeValue(child(m, "value"));
      return out;
    }
    default:
      throw new TransportError(`unexpected reply: unknown XML-RPC type <${typed.localName}>`, 200);
  }
}

/** @param {string} xml @param {string} method @returns {unknown} the result; throws RpcFault for a fault */
export function decodeResponse(xml, method) {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const root = doc.documentElement;
  if (!root || root.localName !== "methodResponse" || doc.getElementsByTagName("parsererror").length) {
    throw new TransportError("unexpected reply: not an XML-RPC response", 200);
  }
  const first = root.firstElementChild;
  if (first?.localName === "fault") {
    const f = /** @type {{faultCode?: unknown, faultString?: unknown}} */ (decodeValue(child(first, "value")));
    throw new RpcFault(Number(f.faultCode), String(f.faultString ?? ""), method);
  }
  if (first?.localName !== "params") throw new TransportError("unexpected reply: no <params>", 200);
  return decodeValue(child(child(first, "param"), "value"));
}

/** Calls methods on one /RPC2 endpoint, with the browser's credentials and the header the server's guard asks for. */
export class RpcClient {
  /** @param {string | URL} url @param {number} timeoutMs 0: wait as long as the call takes (startProcess waits) */
  constructor(url, timeoutMs = 0) {
    this.url = String(url);
    this.timeoutMs = timeoutMs;
  }

  /** @param {string} method @param {...unknown} params */
  async call(method, ...params) {
    let res;
    try {
      res = await fetch(this.url, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: { "Content-Type": "text/xml", "X-Supervisor-UI": "1" },
        body: encodeCall(method, params),
        signal: this.timeoutMs ? AbortSignal.timeout(this.timeoutMs) : undefined,
      });
    } catch (e) {
      const late = /** @type {Error} */ (e).name === "TimeoutError";
      throw new TransportError(
        late ? `supervisord did not answer within ${this.timeoutMs / 1000} s` : "supervisord cannot be reached. Is it running?",
        0,
      );
    }
    const body = await res.text();
    if (!res.ok) {
      // A plain-text refusal (such as the cross-site guard's reason) is worth showing; an HTML error page is not.
      const plain = (res.headers.get("content-type") ?? "").startsWith("text/plain");
      throw new TransportError(plain ? body.trim().slice(0, 200) : "", res.status);
    }
    return decodeResponse(body, method);
  }
}
