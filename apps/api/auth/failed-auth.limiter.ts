// Failed authentication is rate-limited per client address: after 20 failures within a minute, every request from
// that address answers 429 with Retry-After until the minute is over (issue 10: 500 bad keys at 842 req/s, never a
// 429). Successful requests are not counted. In memory, per process; bounded to 10,000 addresses.
export interface FailureWindow {
  count: number;
  resetAt: number;
}

export class FailedAuthLimiter {
  private readonly windows = new Map<string, FailureWindow>();

  constructor(
    private readonly maxFailures = 20,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when `client` is blocked, else 0. */
  blockedFor(client: string): number {
    const w = this.windows.get(client);
    if (!w) return 0;
    const left = w.resetAt - this.now();
    if (left <= 0) {
      this.windows.delete(client);
      return 0;
    }
    return w.count >= this.maxFailures ? Math.ceil(left / 1000) : 0;
  }

  failed(client: string): void {
    const t = this.now();
    const w = this.windows.get(client);
    if (w && w.resetAt > t) w.count += 1;
    else {
      if (this.windows.size >= 10_000) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(client, { count: 1, resetAt: t + this.windowMs });
    }
  }
}
