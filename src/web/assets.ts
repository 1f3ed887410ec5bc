// The web page's files, embedded in the binary as text by the bundler. They are imported on first use, so a daemon
// nobody browses never evaluates them. The page needs nothing else: no CDN, no fonts, no third-party requests, and
// its Content-Security-Policy forbids any (connect-src 'self': it talks only to /RPC2).

export interface WebAsset {
  body: string;
  contentType: string;
  /** A weak validator from the content, so that a reload costs a 304 instead of the files. */
  etag: string;
}

const HTML = "text/html; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** FNV-1a (32 bits) of the content, with its length. */
function etagOf(body: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193);
  return `W/"${(h >>> 0).toString(16)}-${body.length.toString(16)}"`;
}

/**
 * The text an `import(…, { with: { type: "text" } })` gave. The type checker cannot see import attributes: it takes
 * index.html for an HTML bundle and, where it reads the page's scripts (tsconfig.browser.json), each script for its
 * module; so the text is checked here rather than asserted.
 */
async function textOf(path: string, mod: Promise<unknown>): Promise<string> {
  const m = await mod;
  if (typeof m === "object" && m !== null && "default" in m && typeof m.default === "string") return m.default;
  throw new TypeError(`the web asset ${path} was not embedded as text`);
}

/** URL path → asset. The page refers to its files relatively ("ui/app.js"), so it also works under a path prefix. */
async function load(): Promise<ReadonlyMap<string, WebAsset>> {
  const files: [string, string, Promise<unknown>][] = [
    ["/", HTML, import("./ui/index.html", { with: { type: "text" } })],
    ["/ui/style.css", CSS, import("./ui/style.css", { with: { type: "text" } })],
    ["/ui/app.js", JS, import("./ui/app.js", { with: { type: "text" } })],
    ["/ui/xmlrpc.js", JS, import("./ui/xmlrpc.js", { with: { type: "text" } })],
    ["/ui/messages.js", JS, import("./ui/messages.js", { with: { type: "text" } })],
    ["/ui/model.js", JS, import("./ui/model.js", { with: { type: "text" } })],
    ["/ui/table.js", JS, import("./ui/table.js", { with: { type: "text" } })],
    ["/ui/tail-view.js", JS, import("./ui/tail-view.js", { with: { type: "text" } })],
    ["/ui/tail-cursor.js", JS, import("./ui/tail-cursor.js", { with: { type: "text" } })],
  ];
  const map = new Map<string, WebAsset>();
  for (const [path, contentType, mod] of files) {
    const body = await textOf(path, mod);
    map.set(path, { body, contentType, etag: etagOf(body) });
  }
  map.set("/index.html", map.get("/")!); // 4.2.5 serves its status page under both names
  return map;
}

let assets: Promise<ReadonlyMap<string, WebAsset>> | undefined;

/** Every asset by URL path ("/", "/index.html", "/ui/app.js", …); loaded once, on the first call. */
export function loadWebAssets(): Promise<ReadonlyMap<string, WebAsset>> {
  assets ??= load();
  return assets;
}

/** Headers for every asset: no framing (clickjacking), no sniffing, and no requests beyond this server. */
export const WEB_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache",
};

/**
 * The response for GET/HEAD `pathname`, or null when it is not one of the page's files (the caller answers 404).
 * Authentication is the caller's job and comes first.
 */
export async function webResponse(method: string, pathname: string, ifNoneMatch: string | null): Promise<Response | null> {
  const asset = (await loadWebAssets()).get(pathname);
  if (!asset) return null;
  const headers = { ...WEB_HEADERS, "Content-Type": asset.contentType, ETag: asset.etag };
  if (ifNoneMatch === asset.etag) return new Response(null, { status: 304, headers });
  return new Response(method === "HEAD" ? null : asset.body, { status: 200, headers });
}
