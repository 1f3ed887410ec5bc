// Enforces ARCHITECTURE.md's import rules: each folder of src/ may import only the folders it is allowed to.
import { Glob } from "bun";
import { dirname, join, relative, resolve } from "node:path";

const root = join(import.meta.dir, "..");
const src = join(root, "src");

/** area → areas it may import (besides itself). An area is a top folder of src/, or rpc/codec, rpc/namespaces. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  config: ["core"],
  platform: ["core"],
  logs: ["core", "platform"],
  daemon: ["core", "config", "logs", "platform"],
  "rpc/codec": ["core"],
  "rpc/namespaces": ["core", "config", "logs", "daemon", "rpc/codec"],
  http: ["rpc/codec", "rpc/namespaces", "web", "core"],
  web: [],
  ctl: ["rpc/codec", "core", "config"],
  cli: ["core", "config", "platform", "logs", "daemon", "rpc/codec", "rpc/namespaces", "http", "web", "ctl"],
  main: ["cli"],
};
/** Bun.* and node: built-ins that only the edges may use. */
const BUN_ONLY_IN: Record<string, string[]> = {
  "Bun.spawn": ["platform"],
  "Bun.serve": ["http"],
};
const PURE = ["core", "rpc/codec"];

function areaOf(file: string): string {
  const rel = relative(src, file).split("/");
  if (rel.length === 1) return "main";
  if (rel[0] === "rpc") return `rpc/${rel[1]}`;
  return rel[0];
}

const problems: string[] = [];
for await (const rel of new Glob("**/*.ts").scan(src)) {
  const file = join(src, rel);
  const area = areaOf(file);
  const text = await Bun.file(file).text();
  const importRe = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) {
      const target = areaOf(resolve(dirname(file), spec));
      if (target !== area && !(ALLOWED[area] ?? []).includes(target)) {
        problems.push(`src/${rel}: ${area} may not import ${target} ('${spec}')`);
      }
    } else if (PURE.includes(area) && (spec.startsWith("node:") || spec === "bun")) {
      problems.push(`src/${rel}: ${area} is pure and may not import '${spec}'`);
    }
  }
  for (const [api, areas] of Object.entries(BUN_ONLY_IN)) {
    if (text.includes(api) && !areas.includes(area)) problems.push(`src/${rel}: ${api} is allowed only in ${areas.join(", ")}`);
  }
  if (PURE.includes(area) && /\bBun\.|setTimeout|setInterval/.test(text)) {
    problems.push(`src/${rel}: ${area} is pure: no Bun.*, no timers`);
  }
  if (area !== "cli" && /process\.exit\(/.test(text)) problems.push(`src/${rel}: only src/cli may call process.exit`);
}
if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`check-imports: ${problems.length} violation(s)`);
  process.exit(1);
}
console.log("check-imports: OK");
