import { PassThrough } from 'node:stream';
import { readableBatches } from './readable-batches.js';

function source(): PassThrough {
  return new PassThrough({ objectMode: true });
}

describe('readableBatches', () => {
  it('hands out what has arrived in batches of at most batchSize, then ends with the source', async () => {
    const s = source();
    for (let i = 1; i <= 5; i += 1) s.write(i);
    s.end();
    const batches: number[][] = [];
    for await (const batch of readableBatches<number>(s, { batchSize: 2 })) batches.push(batch);
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2);
  });

  it('waits for later items, stops on abort and releases the source once', async () => {
    const s = source();
    const controller = new AbortController();
    let released = 0;
    const seen: number[] = [];
    const iteration = (async () => {
      for await (const batch of readableBatches<number>(s, { batchSize: 10, signal: controller.signal, release: async () => void (released += 1) })) {
        seen.push(...batch);
        if (seen.length === 1) s.write(2);
        if (seen.length === 2) controller.abort();
      }
    })();
    s.write(1);
    await iteration;
    expect(seen).toEqual([1, 2]);
    expect(released).toBe(1);
  });

  it('hands out what arrived before an error, then throws it', async () => {
    const s = source();
    s.write(1);
    const seen: number[] = [];
    const iteration = (async () => {
      for await (const batch of readableBatches<number>(s, { batchSize: 10 })) {
        seen.push(...batch);
        s.destroy(new Error('connection lost'));
      }
    })();
    await expect(iteration).rejects.toThrow('connection lost');
    expect(seen).toEqual([1]);
  });

  it('pauses a source that runs ahead of the consumer and resumes it once drained', async () => {
    const s = source();
    const batches = readableBatches<number>(s, { batchSize: 1, highWaterMark: 4 });
    for (let i = 0; i < 10; i += 1) s.write(i);
    const first = await batches.next();
    expect(first.value).toEqual([0]);
    expect(s.isPaused()).toBe(true);
    const rest: number[] = [];
    s.end();
    for await (const batch of batches) rest.push(...batch);
    expect(rest).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
