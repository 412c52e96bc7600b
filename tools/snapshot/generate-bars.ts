import { createRandom, easternInstant, hashSeed, roundTo, type Bar, type MarketCalendar, sessionsEndingAt } from '@forge/snapshot';
import type { Company } from './company.ts';

/** Daily bars per symbol: enough for yearHigh/yearLow (252) and priceAvg200, plus margin. */
export const BAR_SESSIONS = 300;
/** Sessions averaged for avgVolume, also used to set the as_of session's volume ratio. */
export const AVG_VOLUME_SESSIONS = 50;

/**
 * A seeded random walk of daily bars ending at `lastSession`: returns are normal with the company's
 * volatility, the last five returns are forced to its story, and the series is scaled so the last close is
 * near its price level. Volumes are log-normal around its typical volume, higher on big moves; the last
 * volume is set to the story's ratio of the previous 50-session mean.
 */
export function generateBars(company: Company, calendar: MarketCalendar, lastSession: string, seed: number): Bar[] {
  const random = createRandom(hashSeed(`${seed}:${company.symbol}:bars`));
  const sessions = sessionsEndingAt(calendar, lastSession, BAR_SESSIONS);
  const sigma = company.volatility;
  const [lastPercent, fivePercent, volumeRatio] = company.story;
  const returns = sessions.map(() => 0.0004 + random.normal() * sigma);
  const priorFour = (1 + fivePercent / 100) / (1 + lastPercent / 100);
  const noise = [0, 1, 2, 3].map(() => random.normal() * sigma * 0.6);
  const noiseMean = noise.reduce((sum, value) => sum + value, 0) / 4;
  for (let index = 0; index < 4; index += 1) {
    returns[sessions.length - 5 + index] = priorFour ** 0.25 * Math.exp(noise[index] - noiseMean) - 1;
  }
  returns[sessions.length - 1] = lastPercent / 100;
  const raw = [1];
  for (let index = 1; index < sessions.length; index += 1) raw.push(raw[index - 1] * (1 + returns[index]));
  const scale = company.price / raw[raw.length - 1];
  const closes = raw.map((value) => roundTo(value * scale, 2));
  const tradeSize = 80 + random.integer(0, 170);
  const bars: Bar[] = [];
  for (let index = 0; index < sessions.length; index += 1) {
    const close = closes[index];
    const reference = index === 0 ? close / (1 + returns[0]) : closes[index - 1];
    const open = roundTo(reference * (1 + random.normal() * sigma * 0.3), 2);
    const high = roundTo(Math.max(open, close) * (1 + Math.abs(random.normal()) * sigma * 0.5), 2);
    const low = roundTo(Math.min(open, close) * (1 - Math.abs(random.normal()) * sigma * 0.5), 2);
    const surprise = Math.abs(returns[index]) / sigma;
    let volume = Math.round(company.volume * Math.exp(random.normal() * 0.22) * (1 + 0.35 * surprise));
    if (index === sessions.length - 1) {
      const previous = bars.slice(-AVG_VOLUME_SESSIONS).map((bar) => bar.v);
      volume = Math.round((volumeRatio * previous.reduce((sum, value) => sum + value, 0)) / previous.length);
    }
    bars.push({
      date: sessions[index],
      t: easternInstant(sessions[index]),
      o: open,
      h: high,
      l: low,
      c: close,
      v: volume,
      vw: roundTo((high + low + 2 * close) / 4, 4),
      n: Math.round(volume / (tradeSize * (0.9 + 0.2 * random.next()))),
    });
  }
  return bars;
}
