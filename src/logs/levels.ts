// supervisord's log levels (loglevel=) with 4.2.5's numbers and the four-letter names its log lines carry.
export const LEVELS = { critical: 50, error: 40, warn: 30, info: 20, debug: 10, trace: 5, blather: 3 } as const;

export type LevelName = keyof typeof LEVELS;
export type LevelNumber = (typeof LEVELS)[keyof typeof LEVELS];

const LINE_NAMES: Record<number, string> = { 50: "CRIT", 40: "ERRO", 30: "WARN", 20: "INFO", 10: "DEBG", 5: "TRAC", 3: "BLAT" };

export function levelLineName(level: LevelNumber): string {
  return LINE_NAMES[level]!;
}

export function levelNumber(name: LevelName): LevelNumber {
  return LEVELS[name];
}

/** What the engine, the daemon and the captures log through. */
export interface Logger {
  log(level: LevelNumber, msg: string): void;
  /** Lets callers skip building a costly message (child output at debug) that would be dropped. */
  isEnabledFor(level: LevelNumber): boolean;
  critical(msg: string): void;
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
  blather(msg: string): void;
}
