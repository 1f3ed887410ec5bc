// One request, start to finish: authentication first (4.2.5 wraps every handler, even the 404 one), then the
// path, matched by prefix in 4.2.5's order: /RPC2, /logtail, /mainlogtail, the web page's files, and 404.
import { statSync } from "node:fs";
import type { RpcEndpoint } from "../rpc/namespaces";
import { webResponse } from "../web/assets";
import { checkCrossSite } from "../web/csrf";
import type { BasicAuth } from "./auth";
import { errorResponse } from "./error-page";
import { followFile } from "./tail-follow";

const UNAUTHORIZED_HEADERS = { Connection: "close", "WWW-Authenticate": 'Basic realm="default"' };

/**
 * The request target as sent (path and query), which 4.2.5's handlers match on. With an empty Host header (4.2.5's
 * supervisorctl over a unix socket sends one) the request's url is the bare target, not an absolute URL.
 */
export function targetOf(req: Request): string {
  const url = req.url;
  if (url.startsWith("/")) return url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return start < 0 ? "/" : url.slice(start);
}

function streamFile(path: string | null, closed: AbortSignal, extra: Record<string, string>): Response {
  if (!path) return errorResponse(404);
  let mtime: Date;
  let body: ReadableStream<Uint8Array>;
  try {
    mtime = statSync(path).mtime;
    body = followFile(path, closed);
  } catch {
    return errorResponse(404); // no file yet: a temporary condition, as 4.2.5 says
  }
  return new Response(body, {
    headers: {
      "Last-Modified": mtime.toUTCString(),
      "Content-Type": "text/plain;charset=utf-8",
      // A log line that looks like HTML must never be sniffed into a same-origin page that could post to /RPC2.
      "X-Content-Type-Options": "nosniff",
      ...extra,
    },
  });
}

/** /logtail/NAME or /logtail/NAME/CHANNEL (stdout by default). */
function logtail(target: string, endpoint: RpcEndpoint, closed: AbortSignal): Response {
  let path = target.split("?")[0].split("#")[0];
  if (path.includes("%")) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return errorResponse(400);
    }
  }
  const [name, ...channelParts] = path.replace(/^\/+/, "").split("/").slice(1);
  if (!name) return errorResponse(404);
  const channel = channelParts.length ? channelParts.join("/") : "stdout";
  return streamFile(endpoint.processLogFile(name, channel), closed, { "X-Accel-Buffering": "no" });
}

async function rpc(req: Request, endpoint: RpcEndpoint): Promise<Response> {
  if (req.method !== "POST") return errorResponse(400);
  const verdict = checkCrossSite(req.method, req.headers);
  if (!verdict.ok) return new Response(verdict.reason, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const outcome = await endpoint.handle(await req.text());
  if (outcome.status !== 200) return errorResponse(outcome.status);
  return new Response(outcome.xml, { headers: { "Content-Type": "text/xml" } });
}

export function makeRouter(auth: BasicAuth | null, endpoint: RpcEndpoint, closed: AbortSignal) {
  return async (req: Request): Promise<Response> => {
    if (auth) {
      const verdict = auth.check(req.headers.get("authorization"));
      if (verdict === "bad-request") return errorResponse(400);
      if (verdict === "unauthorized") return errorResponse(401, UNAUTHORIZED_HEADERS);
    }
    const target = targetOf(req);
    if (target.startsWith("/RPC2")) return rpc(req, endpoint);
    const isRead = req.method === "GET" || req.method === "HEAD";
    if (target.startsWith("/logtail")) return isRead ? logtail(target, endpoint, closed) : errorResponse(400);
    if (target.startsWith("/mainlogtail")) {
      return isRead ? streamFile(endpoint.mainLogFile(), closed, {}) : errorResponse(400);
    }
    const page = isRead ? await webResponse(req.method, target.split("?")[0], req.headers.get("if-none-match")) : null;
    return page ?? errorResponse(404);
  };
}
