import { roundTo } from '@forge/snapshot';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Wednesday, November 25, 2026" for an ISO date. */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${MONTHS[month - 1]} ${day}, ${year}`;
}

/** Percent change between two closes, 2 decimals. */
export function percentChange(from: number, to: number): number {
  return roundTo(((to - from) / from) * 100, 2);
}

/** "1,234,567": thousands separators without depending on the runtime's ICU data. */
export function grouped(value: number, decimals = 0): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${withCommas}${fraction ? `.${fraction}` : ''}`;
}

/** "$1,234.50" */
export function dollars(value: number): string {
  return `$${grouped(value, 2)}`;
}

/** "$12.34 billion" / "$850.0 million" for a USD amount. */
export function bigDollars(value: number): string {
  const absolute = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  return absolute >= 1e9 ? `${sign}$${(absolute / 1e9).toFixed(2)} billion` : `${sign}$${(absolute / 1e6).toFixed(1)} million`;
}

/** The sentiment a move of this size earns: beyond ±threshold percent is positive/negative. */
export function sentimentOf(percent: number, threshold: number): 'positive' | 'negative' | 'neutral' {
  if (percent > threshold) return 'positive';
  if (percent < -threshold) return 'negative';
  return 'neutral';
}

/** "rises 1.23%" / "falls 0.50%" / "is little changed (+0.10%)". */
export function moveVerb(percent: number, big: boolean): string {
  if (Math.abs(percent) < 0.3) return `is little changed (${percent >= 0 ? '+' : ''}${percent.toFixed(2)}%)`;
  if (percent > 0) return `${big ? 'jumps' : 'rises'} ${percent.toFixed(2)}%`;
  return `${big ? 'slides' : 'falls'} ${Math.abs(percent).toFixed(2)}%`;
}
