// A Logger (src/logs/levels.ts) that records the messages at or above its threshold, for tests of the log captures.
import { LEVELS, type LevelNumber, type Logger } from "../../src/logs/levels";

export class FakeLogger implements Logger {
  lines: string[] = [];
  constructor(private threshold: number = LEVELS.info) {}
  isEnabledFor(level: LevelNumber) {
    return level >= this.threshold;
  }
  log(level: LevelNumber, msg: string) {
    if (this.isEnabledFor(level)) this.lines.push(msg);
  }
  critical = (m: string) => this.log(LEVELS.critical, m);
  error = (m: string) => this.log(LEVELS.error, m);
  warn = (m: string) => this.log(LEVELS.warn, m);
  info = (m: string) => this.log(LEVELS.info, m);
  debug = (m: string) => this.log(LEVELS.debug, m);
  trace = (m: string) => this.log(LEVELS.trace, m);
  blather = (m: string) => this.log(LEVELS.blather, m);
}
