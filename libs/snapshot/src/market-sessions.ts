import { addDays, easternInstant, weekday } from './eastern-time.ts';
import type { MarketCalendar } from './market-calendar.ts';

/** The holiday name when the exchange is closed all day on a weekday, else undefined. */
export function holidayName(calendar: MarketCalendar, date: string): string | undefined {
  return calendar.holidays.find((holiday) => holiday.date === date)?.name;
}

/** True when the exchange trades on this ET date (a weekday that is not a holiday). */
export function isSession(calendar: MarketCalendar, date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && holidayName(calendar, date) === undefined;
}

/** True when the session closes early (13:00 ET). */
export function isEarlyClose(calendar: MarketCalendar, date: string): boolean {
  return calendar.earlyCloses.some((entry) => entry.date === date);
}

/** Open and close instants of a session date; the close honours early-close days. */
export function sessionHours(calendar: MarketCalendar, date: string): { open: number; close: number } {
  const close = isEarlyClose(calendar, date) ? calendar.earlyClose : calendar.regularClose;
  return { open: easternInstant(date, calendar.regularOpen), close: easternInstant(date, close) };
}

/** The first session strictly after a date. */
export function nextSession(calendar: MarketCalendar, date: string): string {
  let day = addDays(date, 1);
  while (!isSession(calendar, day)) day = addDays(day, 1);
  return day;
}

/** The last session strictly before a date. */
export function previousSession(calendar: MarketCalendar, date: string): string {
  let day = addDays(date, -1);
  while (!isSession(calendar, day)) day = addDays(day, -1);
  return day;
}

/** The `count` sessions ending at `last` (included when it is a session), oldest first. */
export function sessionsEndingAt(calendar: MarketCalendar, last: string, count: number): string[] {
  const sessions: string[] = [];
  let day = last;
  if (!isSession(calendar, day)) day = previousSession(calendar, day);
  while (sessions.length < count) {
    sessions.push(day);
    day = previousSession(calendar, day);
  }
  return sessions.reverse();
}
