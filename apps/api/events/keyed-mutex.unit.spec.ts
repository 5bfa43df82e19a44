import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('runs holders of one key one after another, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let unblock!: () => void;
    const blocked = new Promise<void>((r) => (unblock = r));
    const first = mutex.withKeys(['a'], async () => {
      log.push('first in');
      await blocked;
      log.push('first out');
    });
    const second = mutex.withKeys(['a'], async () => {
      log.push('second');
    });
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['first in']);
    unblock();
    await Promise.all([first, second]);
    expect(log).toEqual(['first in', 'first out', 'second']);
  });

  it('lets different keys run at once, and frees a key after a failure', async () => {
    const mutex = new KeyedMutex();
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setImmediate(r));
      inside--;
    };
    await Promise.all([mutex.withKeys(['a'], work), mutex.withKeys(['b'], work)]);
    expect(most).toBe(2);
    await expect(mutex.withKeys(['a'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.withKeys(['a', 'b'], async () => 'free')).resolves.toBe('free');
  });
});
