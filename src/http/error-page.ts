// Error responses in the form 4.2.5's medusa server sends them: the same status line, headers and HTML body,
// because scripts that talk to supervisord sometimes match on them.

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  411: "Length Required",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
};

export function errorBody(code: number): string {
  const message = REASONS[code] ?? "Error";
  return [
    "<head>",
    "<title>Error response</title>",
    "</head>",
    "<body>",
    "<h1>Error response</h1>",
    `<p>Error code ${code}.`,
    `<p>Message: ${message}.`,
    "</body>",
    "",
  ].join("\r\n");
}

export function errorResponse(code: number, extraHeaders: Record<string, string> = {}): Response {
  return new Response(errorBody(code), {
    status: code,
    statusText: REASONS[code],
    headers: { "Content-Type": "text/html", ...extraHeaders },
  });
}

/** A server could not start; the message is 4.2.5's text, which supervisord prints as a usage error (exit 2). */
export class HttpServerError extends Error {
  override name = "HttpServerError";
}
