// HTTP basic authentication as 4.2.5 applies it: on every path of a server whose section sets a username. The
// stored password is plain text or "{SHA}" + the hex SHA-1 of the password. Comparisons take the same time
// whether or not (and wherever) the strings differ, so response timing does not leak the secret.
// Bun.CryptoHasher rather than node:crypto: loading node:crypto at start costs the daemon ~1.4 MB of RSS.

export type AuthVerdict = "ok" | "unauthorized" | "bad-request";

function digest(text: string): Uint8Array {
  return new Bun.CryptoHasher("sha256").update(text).digest();
}

/** Equal-time string equality: both sides are hashed to a fixed length first, then every byte is compared. */
function sameText(a: string, b: string): boolean {
  const x = digest(a);
  const y = digest(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/** Base64 the way Python's base64.decodebytes reads it: characters outside the alphabet are skipped. */
function decodeLenientBase64(text: string): Uint8Array | null {
  const data = text.replace(/[^A-Za-z0-9+/]/g, "");
  if (data.length % 4 === 1) return null;
  const bin = atob(data.padEnd(Math.ceil(data.length / 4) * 4, "="));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class BasicAuth {
  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  private passwordMatches(given: string): boolean {
    if (this.password.startsWith("{SHA}")) {
      const hex = new Bun.CryptoHasher("sha1").update(given).digest("hex");
      return sameText(this.password.slice(5), hex);
    }
    return sameText(this.password, given);
  }

  check(header: string | null): AuthVerdict {
    const m = header ? /^(\S+) (.*)$/.exec(header) : null;
    if (!m || m[1].toLowerCase() !== "basic") return "unauthorized";
    const bytes = decodeLenientBase64(m[2]);
    if (!bytes) return "bad-request";
    let decoded: string;
    try {
      decoded = utf8.decode(bytes);
    } catch {
      return "bad-request";
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return "unauthorized";
    // Both halves are always compared, so a wrong username costs the same time as a wrong password.
    const userOk = sameText(this.username, decoded.slice(0, colon));
    const passOk = this.passwordMatches(decoded.slice(colon + 1));
    return userOk && passOk ? "ok" : "unauthorized";
  }
}

/** The authenticator for a server section, or null when the section sets no username (no checking). */
export function authFor(spec: { username: string | null; password: string | null }): BasicAuth | null {
  return spec.username ? new BasicAuth(spec.username, spec.password ?? "") : null;
}
