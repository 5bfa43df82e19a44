export default async function globalTeardown() {
  await globalThis.__embeddedTestPostgres?.stop();
}
