import { describe, expect, it } from 'vitest';
import { NYSE_CALENDAR, easternInstant, isSession, marketStatusAt, nextSession, sessionsEndingAt } from '@forge/snapshot';

describe('marketStatusAt', () => {
  it('is after-hours at as_of, before Thanksgiving, with Friday’s early close next', () => {
    expect(marketStatusAt(NYSE_CALENDAR, Date.parse('2026-11-25T21:30:00Z'))).toEqual({
      market: 'extended-hours',
      serverTime: '2026-11-25T16:30:00-05:00',
      exchanges: { nyse: 'extended-hours', nasdaq: 'extended-hours', otc: 'extended-hours' },
      earlyHours: false,
      afterHours: true,
      next_open: '2026-11-27T09:30:00-05:00',
      next_close: '2026-11-27T13:00:00-05:00',
      is_holiday_today: false,
    });
  });

  it('is closed on Thanksgiving and names the holiday', () => {
    const status = marketStatusAt(NYSE_CALENDAR, easternInstant('2026-11-26', '11:00'));
    expect(status).toMatchObject({ market: 'closed', is_holiday_today: true, holiday_name: 'Thanksgiving Day' });
    expect(status.next_open).toBe('2026-11-27T09:30:00-05:00');
  });

  it('is open on the day after Thanksgiving until 13:00, then after-hours', () => {
    expect(marketStatusAt(NYSE_CALENDAR, easternInstant('2026-11-27', '12:59'))).toMatchObject({ market: 'open', next_close: '2026-11-27T13:00:00-05:00' });
    expect(marketStatusAt(NYSE_CALENDAR, easternInstant('2026-11-27', '13:30'))).toMatchObject({
      market: 'extended-hours', afterHours: true, next_open: '2026-11-30T09:30:00-05:00', next_close: '2026-11-30T16:00:00-05:00',
    });
  });

  it('uses the daylight-saving offset in summer and reports pre-market', () => {
    expect(marketStatusAt(NYSE_CALENDAR, easternInstant('2026-07-01', '08:00'))).toMatchObject({
      market: 'extended-hours', earlyHours: true, serverTime: '2026-07-01T08:00:00-04:00', next_open: '2026-07-01T09:30:00-04:00',
    });
  });

  it('is closed at the weekend', () => {
    expect(marketStatusAt(NYSE_CALENDAR, easternInstant('2026-11-28', '12:00'))).toMatchObject({ market: 'closed', is_holiday_today: false });
  });
});

describe('sessions', () => {
  it('skips weekends and holidays', () => {
    expect(isSession(NYSE_CALENDAR, '2026-11-26')).toBe(false);
    expect(isSession(NYSE_CALENDAR, '2027-03-26')).toBe(false);
    expect(nextSession(NYSE_CALENDAR, '2026-11-25')).toBe('2026-11-27');
    expect(sessionsEndingAt(NYSE_CALENDAR, '2026-11-30', 3)).toEqual(['2026-11-25', '2026-11-27', '2026-11-30']);
  });
});
