/**
 * America/New_York wall-clock arithmetic without the ICU tz database: US DST runs from the second Sunday of
 * March to the first Sunday of November (rules since 2007). Exchange events (04:00–20:00) never fall in the
 * 02:00 switch hour, so deciding DST per calendar date is exact for them.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function parseDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

function nthSundayOfMonth(year: number, month: number, nth: number): number {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - firstWeekday) % 7) + (nth - 1) * 7;
}

/** UTC offset in minutes of New York on a calendar date: -240 (EDT) or -300 (EST). */
export function easternOffsetMinutes(date: string): number {
  const { year, month, day } = parseDate(date);
  const start = nthSundayOfMonth(year, 3, 2);
  const end = nthSundayOfMonth(year, 11, 1);
  const daylight = (month > 3 && month < 11) || (month === 3 && day >= start) || (month === 11 && day < end);
  return daylight ? -240 : -300;
}

/** The instant of an ET wall-clock time ('HH:MM') on a date. */
export function easternInstant(date: string, time = '00:00'): number {
  const { year, month, day } = parseDate(date);
  const [hours, minutes] = time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hours, minutes) - easternOffsetMinutes(date) * MINUTE_MS;
}

/** The ET calendar date and minutes after midnight of an instant. */
export function toEastern(instantMs: number): { date: string; minutes: number; offsetMinutes: number } {
  let offset = -300;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const local = new Date(instantMs + offset * MINUTE_MS);
    const date = local.toISOString().slice(0, 10);
    const actual = easternOffsetMinutes(date);
    if (actual === offset || attempt === 1) {
      const shifted = new Date(instantMs + actual * MINUTE_MS);
      return {
        date: shifted.toISOString().slice(0, 10),
        minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
        offsetMinutes: actual,
      };
    }
    offset = actual;
  }
  throw new Error('unreachable');
}

/** ISO 8601 with the New York offset, e.g. 2026-11-27T09:30:00-05:00. */
export function formatEastern(instantMs: number): string {
  const { offsetMinutes } = toEastern(instantMs);
  const local = new Date(instantMs + offsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const minutes = String(absolute % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/** The calendar date `days` after (or before, if negative) a date. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
