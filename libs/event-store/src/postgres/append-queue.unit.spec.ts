import { AppendQueue, type Outcome } from './append-queue.js';

/** A flush that records its batches and is finished by the test. */
function controlledFlush() {
  const batches: string[][] = [];
  const finishers: ((outcomes?: Outcome<string>[]) => void)[] = [];
  const flush = (items: string[]) =>
    new Promise<Outcome<string>[]>((resolve) => {
      batches.push(items);
      finishers.push((outcomes) => resolve(outcomes ?? items.map((i) => ({ ok: true, value: `done ${i}` }))));
    });
  return { flush, batches, finish: (outcomes?: Outcome<string>[]) => finishers.shift()!(outcomes) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the append queue (group commit scheduling)', () => {
  it('flushes a lone call at once, without waiting for a timer', async () => {
    const { flush, batches, finish } = controlledFlush();
    const queue = new AppendQueue(flush);
    const answer = queue.submit('a', 1);
    await Promise.resolve();
    await Promise.resolve();
    expect(batches).toEqual([['a']]);
    finish();
    await expect(answer).resolves.toBe('done a');
  });

  it('takes the calls of one tick together, and those queued during a flush in the next one', async () => {
    const { flush, batches, finish } = controlledFlush();
    const queue = new AppendQueue(flush);
    const first = [queue.submit('a', 1), queue.submit('b', 1)];
    await tick();
    const later = [queue.submit('c', 1), queue.submit('d', 1)];
    await tick();
    expect(batches).toEqual([['a', 'b']]); // at most one flush in flight
    expect(queue.queued).toBe(2);
    finish();
    await tick();
    expect(batches).toEqual([['a', 'b'], ['c', 'd']]);
    finish();
    expect(await Promise.all([...first, ...later])).toEqual(['done a', 'done b', 'done c', 'done d']);
    queue.submit('e', 1).catch(() => undefined);
    await tick();
    expect(batches).toHaveLength(3); // idle again: the next call starts a flush by itself
  });

  it('caps a flush at the event limit, and lets a bigger call go alone', async () => {
    const { flush, batches, finish } = controlledFlush();
    const queue = new AppendQueue(flush, 10);
    const all = [queue.submit('a', 4), queue.submit('b', 6), queue.submit('c', 1), queue.submit('d', 50), queue.submit('e', 1)];
    for (let i = 0; i < 4; i += 1) {
      await tick();
      finish();
    }
    await Promise.all(all);
    expect(batches).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });

  it("answers each call with its own outcome: one call's error is nobody else's", async () => {
    const { flush, finish } = controlledFlush();
    const queue = new AppendQueue(flush);
    const answers = Promise.allSettled([queue.submit('a', 1), queue.submit('b', 1), queue.submit('c', 1)]);
    await tick();
    finish([{ ok: true, value: 'A' }, { ok: false, error: new Error('b refused') }, { ok: true, value: 'C' }]);
    expect(await answers).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('b refused') },
      { status: 'fulfilled', value: 'C' },
    ]);
  });

  it('fails the calls of a flush that throws, and keeps serving the next ones', async () => {
    let calls = 0;
    const queue = new AppendQueue<string, string>((items) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('lost')) : Promise.resolve(items.map((i) => ({ ok: true, value: i })));
    });
    await expect(queue.submit('a', 1)).rejects.toThrow('lost');
    await expect(queue.submit('b', 1)).resolves.toBe('b');
  });
});
