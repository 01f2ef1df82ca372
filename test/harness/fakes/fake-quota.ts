/**
 * An account's API rate quotas, as the fake enforces them: one token bucket
 * per operation for the whole account (every caller shares it), refilled
 * continuously at `perSecond` up to `burst` tokens. A request that finds the
 * bucket empty is answered with the service's throttling error, like a fault.
 *
 * The real services do not publish their bursts; a bucket of one second's
 * worth is the usual shape (IVS: 5 requests a second per operation per
 * account, not adjustable).
 */
export interface RateQuota {
  readonly perSecond: number;
  /** @default perSecond */
  readonly burst?: number;
}

interface Bucket {
  readonly quota: Required<RateQuota>;
  tokens: number;
  at: number;
}

export class RateQuotas {
  private readonly buckets = new Map<string, Bucket>();

  /** Limits `operation` (short name) to `quota`, with a full bucket. */
  public set(operation: string, quota: RateQuota): void {
    const full = { perSecond: quota.perSecond, burst: quota.burst ?? quota.perSecond };
    this.buckets.set(operation, { quota: full, tokens: full.burst, at: Date.now() });
  }

  /** Takes a token for one request of `operation`: false when the quota is exhausted (the request is throttled). */
  public take(operation: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(operation);
    if (!bucket) return true;
    bucket.tokens = Math.min(bucket.quota.burst, bucket.tokens + ((now - bucket.at) / 1_000) * bucket.quota.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  public clear(): void {
    this.buckets.clear();
  }
}
