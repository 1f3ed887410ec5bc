// Headless Chromium for the web tests: Debian's chromium driven by playwright-core. Tests skip with the reason when
// either is missing, except under REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
import { existsSync } from "node:fs";
import type { Browser, BrowserType } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** The flags the issue asks for. Playwright adds --user-data-dir with a fresh empty profile of its own. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** playwright-core is a devDependency; null when it is missing, so the tests can skip with the reason. */
async function loadPlaywright(): Promise<BrowserType | null> {
  try {
    return (await import("playwright-core")).chromium as BrowserType;
  } catch {
    return null;
  }
}

const chromium = await loadPlaywright();

export const BROWSER_SKIP_REASON: string | null = !existsSync(CHROMIUM)
  ? `${CHROMIUM} not installed (apt-get install chromium)`
  : !chromium
    ? "playwright-core not installed"
    : null;

if (BROWSER_SKIP_REASON && process.env.REQUIRE_BROWSER === "1") {
  throw new Error(`REQUIRE_BROWSER=1 but ${BROWSER_SKIP_REASON}`);
}

export function launchChromium(): Promise<Browser> {
  if (!chromium) throw new Error(BROWSER_SKIP_REASON!);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 20_000 });
}
