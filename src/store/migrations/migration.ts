// The shape of one migration; both backends run the same up/down.
import type { Knex } from 'knex';

export interface Migration {
  /** Stable name recorded in the migrations table, e.g. `001-identities`. */
  readonly name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}
