// The cross-site guard for POST /RPC2. A browser that holds basic-auth credentials for supervisord sends them with
// any request to it, including a form another site submits (4.2.5 answers such a text/plain POST as XML-RPC). So a
// request that a browser made must prove it came from our own page; a request with no browser markers (no Origin,
// no Sec-Fetch-Site) comes from supervisorctl, a script or curl, and passes unchanged.
//
// The proof: Sec-Fetch-Site says same-origin (or none: typed by the user), or, for browsers that do not send it,
// Origin names the host the request was sent to; and the request carries UI_HEADER, which no cross-site form can
// add and no cross-site script can add without a CORS preflight that this server never grants.

/** The header the web page sends with every XML-RPC call. */
export const UI_HEADER = "X-Supervisor-UI";

export type CrossSiteVerdict = { ok: true } | { ok: false; reason: string };

/** Anything with a case-insensitive get(), such as the Fetch API's Headers. */
export interface HeaderLookup {
  get(name: string): string | null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/** "Host: example.org:80" and "Origin: http://example.org" name the same place. */
function originHost(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (!(url.protocol in DEFAULT_PORTS)) return null;
  return `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol]}`.toLowerCase();
}

function hostWithPort(host: string, origin: string): string {
  const scheme = origin.toLowerCase().startsWith("https:") ? "https:" : "http:";
  const h = host.trim().toLowerCase();
  return /:\d+$/.test(h) ? h : `${h}:${DEFAULT_PORTS[scheme]}`;
}

function refuse(reason: string): CrossSiteVerdict {
  return { ok: false, reason: `cross-site request refused: ${reason}` };
}

/**
 * Decides whether a request may act. Call it for every request to /RPC2 before decoding the body; answer a refusal
 * with 403 and the reason as text. Safe methods always pass (they cannot act).
 */
export function checkCrossSite(method: string, headers: HeaderLookup): CrossSiteVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const site = headers.get("sec-fetch-site");
  const origin = headers.get("origin");
  if (site === null && origin === null) return { ok: true };

  if (site !== null) {
    const s = site.trim().toLowerCase();
    if (s !== "same-origin" && s !== "none") return refuse(`Sec-Fetch-Site is ${site}`);
  } else if (origin !== null) {
    const from = originHost(origin);
    const host = headers.get("host");
    if (from === null) return refuse(`Origin ${origin} is not a web origin`);
    if (host === null || from !== hostWithPort(host, origin)) {
      return refuse(`Origin ${origin} does not match Host ${host ?? "(none)"}`);
    }
  }
  if (headers.get(UI_HEADER) === null) return refuse(`a browser request without the ${UI_HEADER} header`);
  return { ok: true };
}
