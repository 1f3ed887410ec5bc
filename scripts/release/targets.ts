// The release binaries: one file each, for the servers our users copy them to (see README, "Install on an offline
// server"). x64 uses Bun's "baseline" builds, which need no AVX2, because those servers are often old.

export interface ReleaseTarget {
  /** File name under dist/release/. */
  file: string;
  /** bun build --target value. */
  bunTarget: string;
  /** Newest glibc symbol version the binary may need; null for musl, which has no versioned symbols. */
  maxGlibc: string | null;
}

export const GLIBC_FLOOR = "2.17"; // CentOS 7

export const RELEASE_TARGETS: ReleaseTarget[] = [
  { file: "supervisord-linux-x64", bunTarget: "bun-linux-x64-baseline", maxGlibc: GLIBC_FLOOR },
  { file: "supervisord-linux-x64-musl", bunTarget: "bun-linux-x64-musl-baseline", maxGlibc: null },
  { file: "supervisord-linux-arm64", bunTarget: "bun-linux-arm64", maxGlibc: GLIBC_FLOOR },
];
