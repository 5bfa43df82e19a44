// Group commit, the scheduling half (docs/adr/0001): concurrent appends of one process are queued and handed to ONE
// flush at a time. No SQL here; the store supplies the flush. A call that finds the queue idle is flushed at the end
// of the current tick (a microtask, no timer), so an idle store adds no latency, and the calls made in the same tick
// (Promise.all of several appends) share its flush; calls arriving while a flush is in flight wait for it to end and
// then go together in the next one, up to `maxEventsPerFlush` events (a call bigger than that goes alone).

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Runs one batch and answers each call of it, in the order given: the store's per-call decisions. */
export type FlushFunction<T, R> = (items: T[]) => Promise<Outcome<R>[]>;

interface Pending<T, R> {
  item: T;
  size: number;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export async function settle<R>(work: Promise<R>): Promise<Outcome<R>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error };
  }
}

export class AppendQueue<T, R> {
  private readonly waiting: Pending<T, R>[] = [];
  /** True from the moment a flush is scheduled until it has answered its calls: at most one flush at a time. */
  private busy = false;

  constructor(
    private readonly flush: FlushFunction<T, R>,
    private readonly maxEventsPerFlush = 5000,
  ) {}

  /** Queues one call of `size` events; settles with that call's own outcome. */
  submit(item: T, size: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, size, resolve, reject });
      if (!this.busy) this.schedule();
    });
  }

  /** Calls queued and not yet handed to a flush. */
  get queued(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    this.busy = true;
    queueMicrotask(() => void this.run());
  }

  private async run(): Promise<void> {
    const batch = this.take();
    let outcomes: Outcome<R>[];
    try {
      outcomes = await this.flush(batch.map((p) => p.item));
      if (outcomes.length !== batch.length) throw new Error(`flush answered ${outcomes.length} of ${batch.length} calls`);
    } catch (error) {
      // The flush is expected to answer every call itself; if it throws anyway, each call gets that error.
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
    if (this.waiting.length > 0) this.schedule();
    else this.busy = false;
  }

  /** The longest prefix of the queue within the event cap, and always at least one call. */
  private take(): Pending<T, R>[] {
    let events = this.waiting[0].size;
    let count = 1;
    while (count < this.waiting.length && events + this.waiting[count].size <= this.maxEventsPerFlush) {
      events += this.waiting[count].size;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }
}
