// Helpers for the config unit tests: a ConfigHost where only root and nobody exist and the directories are the
// listed ones, and the ConfigError a call must throw.
import { ConfigError } from "../../../src/config/errors";
import type { ConfigHost } from "../../../src/config/host";
import { userDbFromText } from "../../../src/config/host";

export const FAKE_USERS = userDbFromText(
  "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
  "root:x:0:\nnogroup:x:65534:\n",
);

export function fakeHost(dirs: string[] = ["/", "/tmp", "/etc", "/root"], over: Partial<ConfigHost> = {}): ConfigHost {
  const known = new Set(dirs);
  return {
    cwd: "/tmp",
    env: { HOME: "/root", FOO: "bar" },
    hostname: "box",
    uid: 0,
    isDir: (p) => known.has(p.replace(/(.)\/+$/, "$1")),
    users: FAKE_USERS,
    ...over,
  };
}

/** The ConfigError `f` throws; fails the test if it throws something else or nothing. */
export function refusal(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError, but it was accepted");
}
