// Members of organizations and the roles they hold (a member may hold several).
import type { Migration } from './migration.js';

export const members002: Migration = {
  name: '002-members',
  async up(db) {
    await db.schema.createTable('members', (table) => {
      table.string('id', 64).primary();
      table.string('organization_id', 64).notNullable().references('id').inTable('organizations');
      table.string('display_name', 200).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.index(['organization_id']);
    });
    await db.schema.createTable('member_roles', (table) => {
      table.string('member_id', 64).notNullable().references('id').inTable('members');
      /** provider | buyer | reviewer | admin */
      table.string('role', 32).notNullable();
      table.primary(['member_id', 'role']);
      table.index(['role']);
    });
  },
  async down(db) {
    await db.schema.dropTable('member_roles');
    await db.schema.dropTable('members');
  },
};
