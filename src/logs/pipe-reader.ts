// Reading a child's pipe: a stream from platform/pipe-source.ts is read through its PipeSource, which hands over
// each read in a reused buffer (onChunk copies what it keeps: the view is overwritten after it returns). Any other
// stream goes through readMany(), which hands over every chunk Bun's native reader holds in one step. The consumer
// can ask for a pause (backpressure) by returning a promise.
import { pipeSourceOf } from "../platform/pipe-source";

type ManyReader = ReadableStreamDefaultReader<Uint8Array> & {
  readMany?: () => Promise<{ value: Uint8Array[] | undefined; done: boolean }>;
};

export interface PipeReading {
  /** Resolves when the stream ended, was cancelled, or failed; never rejects. */
  done: Promise<void>;
  /** Stops reading (a grandchild may keep the pipe open forever). */
  cancel(): void;
}

/** onChunk's chunk is valid only until it returns. `spare`, when given, says where the consumer would like the next
 * read put (see PipeSource). */
export function readPipe(
  stream: ReadableStream<Uint8Array>,
  onChunk: ((chunk: Uint8Array) => Promise<void> | undefined | void) | null,
  spare?: () => Uint8Array | null,
): PipeReading {
  const source = pipeSourceOf(stream);
  if (source) {
    stream.getReader(); // locked: nothing else may read the pipe now
    return { done: source.start(onChunk ?? (() => {}), spare), cancel: () => source.cancel() };
  }
  const reader = stream.getReader() as ManyReader;
  const next = async (): Promise<{ value: Uint8Array[]; done: boolean }> => {
    if (reader.readMany) {
      const { value, done } = await reader.readMany();
      return { value: value ?? [], done };
    }
    const { value, done } = await reader.read();
    return { value: value ? [value] : [], done };
  };
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await next();
        for (const chunk of value) {
          const wait = onChunk?.(chunk);
          if (wait) await wait;
        }
        if (done) return;
      }
    } catch {
      // cancelled, or the pipe failed: either way there is nothing more to read
    } finally {
      reader.releaseLock();
    }
  })();
  return { done, cancel: () => void reader.cancel().catch(() => {}) };
}
