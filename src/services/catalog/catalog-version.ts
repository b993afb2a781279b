// Which catalog pages a gateway may answer from memory. Every listing change made through this
// process bumps the version when its transaction has committed; changes another gateway makes
// (several gateways share one database) are seen by comparing a fingerprint of the listings table,
// read at most once per `revalidateMs`, so a page from memory is at most that much older there.
import { listingsFingerprint } from '../../store/repositories/listings.js';
import type { ServiceDeps } from '../deps.js';

/** How long a gateway trusts its pages before it checks the database for other gateways' changes. */
export const CATALOG_REVALIDATE_MS = 1_000;

export class CatalogVersion {
  private version = 0;
  private fingerprint: string | undefined;
  private checkedAtMs = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | undefined;

  /** Called after a listing change commits. */
  changed(): void {
    this.version++;
  }

  /** The current version, after checking the database if the last check is `revalidateMs` old. */
  async current(deps: Pick<ServiceDeps, 'readDb' | 'clock'>): Promise<number> {
    if (deps.clock.nowMs() - this.checkedAtMs >= CATALOG_REVALIDATE_MS) {
      // One check at a time: the requests that arrive meanwhile wait for it.
      this.checking ??= this.check(deps).finally(() => (this.checking = undefined));
      await this.checking;
    }
    return this.version;
  }

  private async check(deps: Pick<ServiceDeps, 'readDb' | 'clock'>): Promise<void> {
    const startedAtMs = deps.clock.nowMs();
    const fingerprint = await listingsFingerprint(deps.readDb);
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.version++;
    }
    this.checkedAtMs = startedAtMs;
  }
}
