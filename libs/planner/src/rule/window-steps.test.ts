import { describe, expect, it } from 'vitest';
import { readPrompt } from './read-prompt.ts';
import { readBarWindow } from './window-steps.ts';
import { readBranches } from './condition-steps.ts';

const window = (text: string) => readBarWindow(readPrompt(text), '2026-11-25');

describe('readBarWindow', () => {
  it('reads ISO dates, a range between two dates and "the week of" a named day', () => {
    expect(window('How did AAPL close on 2026-11-20?')).toEqual({ kind: 'dates', from: '2026-11-20', to: '2026-11-20' });
    expect(window('MSFT between 2026-11-09 and 2026-11-13')).toEqual({ kind: 'dates', from: '2026-11-09', to: '2026-11-13' });
    expect(window('META over the week of Nov 16')).toEqual({ kind: 'dates', from: '2026-11-16', to: '2026-11-22' });
  });
  it('reads the latest session named by its day-first date as no window, "from strongest to weakest" opening none', () => {
    expect(window("The five best names of Wednesday's session (25 November), ranked from strongest to weakest.")).toBeUndefined();
    expect(window('UNH % change from 30 Oct to date')).toEqual({ kind: 'dates', from: '2026-10-30', to: '2026-11-25' });
  });
  it('reads day-first dates and a window measured from its first close', () => {
    expect(window('Between 2 November and 25 November 2026, how did IWM do?')).toEqual({ kind: 'dates', from: '2026-11-02', to: '2026-11-25' });
    expect(window('TSLA vs QQQ from close of 2026-11-11 until 2026-11-25')).toEqual({ kind: 'dates', from: '2026-11-12', to: '2026-11-25' });
    expect(window("XOM's October return (Oct 1 close to Oct 30 close)")).toEqual({ kind: 'dates', from: '2026-10-02', to: '2026-10-30' });
  });
  it('runs a window opened by one date ("since the Sep 1 close") to the latest session', () => {
    // Measured from the Sep 1 close: the window's sessions are the ones after it, and its change is against that close.
    expect(window('msft vs qqq since the sep 1 close - outperform or underperform?')).toEqual({ kind: 'dates', from: '2026-09-02', to: '2026-11-25' });
    expect(window('NVDA from Oct 30 to date')).toEqual({ kind: 'dates', from: '2026-10-30', to: '2026-11-25' });
  });
  it('reads hourly questions about the latest session and close statistics over the last n sessions', () => {
    expect(window('which hour had the most volume for NVDA')).toEqual({ kind: 'hourly', from: '2026-11-25', to: '2026-11-25' });
    expect(window("UNH's lowest close in the last 30 sessions")).toMatchObject({ kind: 'last' });
    expect(window('What is the price of AAPL?')).toBeUndefined();
  });
  it('reads a count of hours as the last k hourly bars, fetched over enough sessions to hold them', () => {
    expect(window('JPM hourly, last 5h')).toMatchObject({ kind: 'hourly', hours: 5, to: '2026-11-25' });
    expect(window('how has XOM traded over the past twelve hours?')).toMatchObject({ kind: 'hourly', hours: 12 });
    expect(window('which hour had the most volume for NVDA')).not.toHaveProperty('hours');
  });
});

describe('readBranches', () => {
  it('takes each branch its own channel and label, or the other branch channel when it only says post', () => {
    expect(readBranches('If NVDA fell more than 2%, post an alert to #alerts; otherwise post a summary to #research.'))
      .toEqual({ channels: ['#alerts', '#research'], labels: ['Alert', 'Summary'], silent: [false, false] });
    expect(readBranches("If it did, post 'tech leading' to #research, else post 'broad market leading'."))
      .toEqual({ channels: ['#research', '#research'], labels: ['tech leading', 'broad market leading'], silent: [false, false] });
    expect(readBranches('Post the summary to #research.')).toBeUndefined();
  });

  it('marks the branch that posts nothing: "otherwise don\'t post", "if none did, just tell me", "only post … if"', () => {
    expect(readBranches("Only post to #alerts if either one fell more than 2% — otherwise don't post, just tell me where they closed.")?.silent).toEqual([false, true]);
    expect(readBranches("If Apple closed above $280, post 'AAPL above $280' in #markets; if it didn't, post nothing and just tell me the close.")?.silent).toEqual([false, true]);
    expect(readBranches('Only post to #alerts if any of them fell more than 3% over the last 5 sessions, naming each offender.'))
      .toEqual({ channels: ['#alerts', '#alerts'], labels: ['Alert', 'No alert (condition not met)'], silent: [false, true] });
  });
});

describe('futureDates', () => {
  it('finds the dates a prompt names after the latest session, day-first or month-first', async () => {
    const { futureDates } = await import('./window-steps.ts');
    expect(futureDates('closing prices from the Friday 27 Nov 2026 session', '2026-11-25')).toEqual(['2026-11-27']);
    expect(futureDates('what will NVDA do on Dec 3?', '2026-11-25')).toEqual(['2026-12-03']);
    expect(futureDates('AAPL on 25 November 2026, then since Sep 1 and on 2026-11-20', '2026-11-25')).toEqual([]);
  });
});

describe('futureDates and ordinary words', () => {
  it('reads no date from "3 bullets, numbers with 2 decimals" or "may"', async () => {
    const { futureDates } = await import('./window-steps.ts');
    expect(futureDates('Give it in 3 bullets, numbers with 2 decimals please. It may 30 times', '2026-11-25')).toEqual([]);
  });
});
