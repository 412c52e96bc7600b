import { easternInstant, formatEastern, toEastern } from './eastern-time.ts';
import type { MarketCalendar } from './market-calendar.ts';
import { holidayName, isSession, nextSession, sessionHours } from './market-sessions.ts';

export type MarketState = 'open' | 'closed' | 'extended-hours';

export interface MarketStatus {
  market: MarketState;
  serverTime: string;
  exchanges: { nyse: MarketState; nasdaq: MarketState; otc: MarketState };
  earlyHours: boolean;
  afterHours: boolean;
  next_open: string;
  next_close: string;
  is_holiday_today: boolean;
  holiday_name?: string;
}

/** The exchange state at an instant, with the next open and next close after it (ET offsets). */
export function marketStatusAt(calendar: MarketCalendar, instantMs: number): MarketStatus {
  const { date } = toEastern(instantMs);
  let market: MarketState = 'closed';
  let earlyHours = false;
  let afterHours = false;
  if (isSession(calendar, date)) {
    const { open, close } = sessionHours(calendar, date);
    const preOpen = easternInstant(date, calendar.preMarketOpen);
    const afterClose = close + calendar.afterHoursMinutes * 60_000;
    if (instantMs >= open && instantMs < close) market = 'open';
    else if (instantMs >= preOpen && instantMs < open) [market, earlyHours] = ['extended-hours', true];
    else if (instantMs >= close && instantMs < afterClose) [market, afterHours] = ['extended-hours', true];
  }
  const today = isSession(calendar, date) ? sessionHours(calendar, date) : undefined;
  const following = sessionHours(calendar, nextSession(calendar, date));
  const nextOpen = today && instantMs < today.open ? today.open : following.open;
  const nextClose = today && instantMs < today.close ? today.close : following.close;
  const holiday = holidayName(calendar, date);
  return {
    market,
    serverTime: formatEastern(instantMs),
    exchanges: { nyse: market, nasdaq: market, otc: market },
    earlyHours,
    afterHours,
    next_open: formatEastern(nextOpen),
    next_close: formatEastern(nextClose),
    is_holiday_today: holiday !== undefined,
    ...(holiday !== undefined ? { holiday_name: holiday } : {}),
  };
}
