// The daemon's own signals. Handlers run on the event loop (Bun delivers them as events, not in a signal context),
// so they may do real work.
export type DaemonSignal = "SIGTERM" | "SIGINT" | "SIGQUIT" | "SIGHUP" | "SIGUSR2" | "SIGCHLD";

export interface SignalSource {
  /** Installs the handler for each signal; returns the function that removes them all. */
  listen<S extends DaemonSignal>(handler: (sig: S) => void, signals: S[]): () => void;
}

export class ProcessSignals implements SignalSource {
  listen<S extends DaemonSignal>(handler: (sig: S) => void, signals: S[]): () => void {
    const bound = signals.map((sig) => {
      const fn = () => handler(sig);
      process.on(sig, fn);
      return [sig, fn] as const;
    });
    return () => {
      for (const [sig, fn] of bound) process.off(sig, fn);
    };
  }
}
