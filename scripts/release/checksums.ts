// SHA256SUMS in the format `sha256sum -c` reads: "<hex>  <name>", one file per line, sorted by name.
import { basename } from "node:path";

export async function sha256Hex(file: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  const reader = Bun.file(file).stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  return hasher.digest("hex");
}

export async function sha256Sums(files: string[]): Promise<string> {
  const sorted = [...files].sort((a, b) => basename(a).localeCompare(basename(b)));
  const lines = await Promise.all(sorted.map(async (f) => `${await sha256Hex(f)}  ${basename(f)}`));
  return lines.join("\n") + "\n";
}
