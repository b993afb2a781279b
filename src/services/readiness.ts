// Readiness of the gateway for /readyz: the database answers and every migration is applied.
import { isFullyMigrated } from '../store/migrate.js';
import type { ServiceDeps } from './deps.js';

export interface Readiness {
  readonly ready: boolean;
  readonly database: 'reachable' | 'unreachable';
  readonly migrations: 'applied' | 'pending' | 'unknown';
}

export class ReadinessService {
  constructor(private readonly deps: ServiceDeps) {}

  async checkReadiness(): Promise<Readiness> {
    try {
      await this.deps.db.raw('select 1');
    } catch {
      return { ready: false, database: 'unreachable', migrations: 'unknown' };
    }
    const applied = await isFullyMigrated(this.deps.db).catch(() => false);
    return { ready: applied, database: 'reachable', migrations: applied ? 'applied' : 'pending' };
  }
}
