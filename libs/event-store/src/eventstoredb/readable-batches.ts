// A catch-up subscription is a Node readable stream of single events; the port's subscribe() hands out batches.
// This drains whatever has arrived into batches of at most `batchSize`, pauses the stream while the consumer lags
// (so catching up on a long log does not buffer it all in memory), and stops on abort, end or error.
import type { Readable } from 'node:stream';

export interface ReadableBatchOptions {
  batchSize: number;
  signal?: AbortSignal;
  /** Pause the source when this many items wait; resume below half of it. */
  highWaterMark?: number;
  /** Releases the source (unsubscribe); called once, however the iteration ends. */
  release?: () => Promise<void>;
}

export async function* readableBatches<T>(source: Readable, options: ReadableBatchOptions): AsyncGenerator<T[]> {
  const { batchSize, signal } = options;
  const highWaterMark = options.highWaterMark ?? Math.max(batchSize * 4, 64);
  const queue: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const onData = (item: T): void => {
    queue.push(item);
    if (queue.length >= highWaterMark) source.pause();
    notify();
  };
  const onEnd = (): void => {
    ended = true;
    notify();
  };
  const onError = (error: unknown): void => {
    failure ??= { error };
    ended = true;
    notify();
  };
  source.on('data', onData);
  source.on('end', onEnd);
  source.on('close', onEnd);
  source.on('error', onError);
  signal?.addEventListener('abort', onEnd, { once: true });
  try {
    while (!signal?.aborted) {
      if (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        if (source.isPaused() && queue.length < highWaterMark / 2) source.resume();
        yield batch;
        continue;
      }
      if (failure !== undefined) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('close', onEnd);
    source.off('error', onError);
    // A cancelled gRPC stream may still report its cancellation; unheard, an 'error' event would crash the process.
    source.on('error', () => undefined);
    signal?.removeEventListener('abort', onEnd);
    await options.release?.();
  }
}
