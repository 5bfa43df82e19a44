import pg from 'pg';
import { createTestDatabase } from './test-database.js';

describe('the test database', () => {
  it('is a fresh, writable database whose name says it is for tests', async () => {
    const db = await createTestDatabase('smoke');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; n: string }>(
        "SELECT current_database() AS db, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS n",
      );
      expect(rows[0].db).toBe(db.name);
      expect(rows[0].db).toContain('test');
      expect(rows[0].n).toBe('0');
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
