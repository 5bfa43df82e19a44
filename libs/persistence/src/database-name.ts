// Helpers on connection strings, without a driver.

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Tests may drop and create databases: refuse any server whose configured database does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = databaseNameOf(url);
  if (!name.toLowerCase().includes('test')) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  }
}
