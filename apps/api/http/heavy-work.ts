// Reads that walk the whole ledger (GET /v1/verify, GET /v1/results/:id?verify=true, a result not yet cached) share
// one bounded lane per process: at most 2 run at once and 8 wait; beyond that a 429 with Retry-After, so a few
// clients looping on them cannot starve appends (issue 10: append p50 went from 6 ms to 457 ms).
import { HttpException, HttpStatus } from '@nestjs/common';

export class HeavyWorkLane {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly queue = 8,
    private readonly retryAfterSeconds = 5,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) {
        throw new HttpException(
          { message: [`busy: too many ledger-wide reads at once; retry in ${this.retryAfterSeconds} s`], retryAfter: this.retryAfterSeconds },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** One lane for the whole process. */
export const HEAVY_READS = new HeavyWorkLane();
