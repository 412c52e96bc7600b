import { z } from 'zod';

const DayNameSchema = z.object({ date: z.iso.date(), name: z.string() });

/** `calendar.json`: the exchange's hours (ET wall clock) and its closed and early-close days. */
export const MarketCalendarSchema = z.object({
  timezone: z.literal('America/New_York'),
  preMarketOpen: z.string().regex(/^\d\d:\d\d$/),
  regularOpen: z.string().regex(/^\d\d:\d\d$/),
  regularClose: z.string().regex(/^\d\d:\d\d$/),
  earlyClose: z.string().regex(/^\d\d:\d\d$/),
  /** Extended hours last this long after the close, on regular and early-close days alike. */
  afterHoursMinutes: z.number().int().positive(),
  holidays: z.array(DayNameSchema),
  earlyCloses: z.array(DayNameSchema),
});
export type MarketCalendar = z.infer<typeof MarketCalendarSchema>;

/** NYSE/Nasdaq holidays and early closes, 2025–2027 (published exchange calendars). */
export const NYSE_CALENDAR: MarketCalendar = {
  timezone: 'America/New_York',
  preMarketOpen: '04:00',
  regularOpen: '09:30',
  regularClose: '16:00',
  earlyClose: '13:00',
  afterHoursMinutes: 240,
  holidays: [
    { date: '2025-01-01', name: "New Year's Day" },
    { date: '2025-01-09', name: 'National Day of Mourning for President Jimmy Carter' },
    { date: '2025-01-20', name: 'Martin Luther King, Jr. Day' },
    { date: '2025-02-17', name: "Washington's Birthday" },
    { date: '2025-04-18', name: 'Good Friday' },
    { date: '2025-05-26', name: 'Memorial Day' },
    { date: '2025-06-19', name: 'Juneteenth National Independence Day' },
    { date: '2025-07-04', name: 'Independence Day' },
    { date: '2025-09-01', name: 'Labor Day' },
    { date: '2025-11-27', name: 'Thanksgiving Day' },
    { date: '2025-12-25', name: 'Christmas Day' },
    { date: '2026-01-01', name: "New Year's Day" },
    { date: '2026-01-19', name: 'Martin Luther King, Jr. Day' },
    { date: '2026-02-16', name: "Washington's Birthday" },
    { date: '2026-04-03', name: 'Good Friday' },
    { date: '2026-05-25', name: 'Memorial Day' },
    { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
    { date: '2026-07-03', name: 'Independence Day (observed)' },
    { date: '2026-09-07', name: 'Labor Day' },
    { date: '2026-11-26', name: 'Thanksgiving Day' },
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2027-01-01', name: "New Year's Day" },
    { date: '2027-01-18', name: 'Martin Luther King, Jr. Day' },
    { date: '2027-02-15', name: "Washington's Birthday" },
    { date: '2027-03-26', name: 'Good Friday' },
    { date: '2027-05-31', name: 'Memorial Day' },
    { date: '2027-06-18', name: 'Juneteenth National Independence Day (observed)' },
    { date: '2027-07-05', name: 'Independence Day (observed)' },
    { date: '2027-09-06', name: 'Labor Day' },
    { date: '2027-11-25', name: 'Thanksgiving Day' },
    { date: '2027-12-24', name: 'Christmas Day (observed)' },
  ],
  earlyCloses: [
    { date: '2025-07-03', name: 'Day before Independence Day' },
    { date: '2025-11-28', name: 'Day after Thanksgiving' },
    { date: '2025-12-24', name: 'Christmas Eve' },
    { date: '2026-11-27', name: 'Day after Thanksgiving' },
    { date: '2026-12-24', name: 'Christmas Eve' },
    { date: '2027-11-26', name: 'Day after Thanksgiving' },
  ],
};
