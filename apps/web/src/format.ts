// Dates in Asia/Shanghai whatever the browser's zone; scores with two decimals, as the API rounds them.
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

const parts = (f: Intl.DateTimeFormat, iso: string) => Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));

/** "2017-10-05 09:30" in Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(dateTime, iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2017-10-05" in Beijing time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(dateOnly, iso);
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatScore(n: number | null | undefined): string {
  return typeof n === 'number' ? n.toFixed(2) : '—';
}

export function formatPoints(n: number): string {
  return `${n > 0 ? '+' : ''}${n.toFixed(2)}`;
}

/** The end of a Beijing calendar day (a date picker's "YYYY-MM-DD") as an instant the API takes. */
export function endOfDay(day: string): string {
  return `${day}T23:59:59.999+08:00`;
}
