import { describe, expect, it } from 'vitest';
import { detectFacets } from './detect-facets.ts';
import { readPrompt } from './read-prompt.ts';

describe('detectFacets, reading Slack', () => {
  it('reads a channel or the channel list without posting to it', () => {
    const history = detectFacets('What were the last 3 messages posted in the #research Slack channel?');
    expect(history.has('slack-read')).toBe(true);
    expect(history.has('slack')).toBe(false);
    expect(detectFacets('which slack channels do we have').has('slack-read')).toBe(true);
    expect(readPrompt('What were the last 3 messages posted in the #research Slack channel?')).toMatchObject({ slackMessages: 3, slackChannel: '#research' });
  });

  it('still posts when the prompt says to post', () => {
    const facets = detectFacets('Post the top 5 losers to #markets in bullet form.');
    expect(facets.has('slack-read')).toBe(false);
    expect(readPrompt('Post the top 5 losers to #markets in bullet form.').facets.has('slack')).toBe(true);
  });
});

describe('detectFacets, window statistics and the session bar', () => {
  it('reads volatility, the best single day and drawdown as statistics of a daily-bar window', () => {
    for (const prompt of [
      'compute the annualised volatility of daily log returns for AVGO over the last 20 sessions',
      'What was the largest single-day percent gain for Tesla in the last 10 sessions?',
      'What was the maximum drawdown of SPY over the last 20 sessions?',
    ]) {
      const facets = detectFacets(prompt);
      expect(facets.has('bar-stats'), prompt).toBe(true);
      expect(facets.has('trend'), prompt).toBe(true);
    }
  });

  it('reads open-versus-close and VWAP as the session bar, not a moving average', () => {
    expect(detectFacets('nflx open vs close today?').has('session-bar')).toBe(true);
    const vwap = detectFacets('What is the volume-weighted average price (VWAP) of MSFT for the latest session?');
    expect(vwap.has('session-bar')).toBe(true);
    expect(vwap.has('moving-average')).toBe(false);
  });

  it('reads beta, dividends, country and currency as profile facts', () => {
    for (const prompt of ['What is the beta of Tesla?', 'Does Exxon pay a dividend?', 'Which country is TSM in, and what currency does it report in?']) {
      expect(detectFacets(prompt).has('profile'), prompt).toBe(true);
    }
  });
});

describe('detectFacets, read-only Slack', () => {
  it('reads a channel and never posts when the prompt forbids posting', () => {
    for (const prompt of [
      'Look through the #alerts history for anything on AMD and MU. Read only, please.',
      'Check #markets and show me the last 4 messages; please don\'t post anything there.',
      'Go through the recent messages in #general and tell me the gist. Do not send anything to Slack.',
      'Someone in #research says Exxon was halted. Read the channel and check it against the data. Do NOT post anything.',
    ]) {
      const reading = readPrompt(prompt);
      expect(reading.facets.has('slack'), prompt).toBe(false);
      expect(reading.facets.has('slack-read'), prompt).toBe(true);
      expect(reading.tickerCandidates, prompt).not.toContain('NOT');
    }
  });

  it('posts to the channel named after the verb when it reads one channel and posts to another', () => {
    const reading = readPrompt('Read the last 3 messages in #alerts, then post a short recap to #desk.');
    expect(reading.facets.has('slack')).toBe(true);
    expect(reading.slackChannel).toBe('#alerts');
    expect(reading.slackPostChannel).toBe('#desk');
  });
});

describe('detectFacets, market status in loose phrasings', () => {
  it('reads whether the market is open without a company', () => {
    for (const prompt of [
      'mkt closed already? just the status',
      'Can you tell me if the US stock market is open at the moment?',
      'are US equities trading right now?',
      'Is the equity market currently closed? Keep it short.',
      'Is the exchange open today or not?',
    ]) {
      expect(detectFacets(prompt).has('market-status'), prompt).toBe(true);
    }
  });

  it('does not read a market-cap or price question as market status', () => {
    for (const prompt of ['What is the market cap of Apple?', 'Where did MSFT close today?', 'Did NVDA beat the broader market this week?']) {
      expect(detectFacets(prompt).has('market-status'), prompt).toBe(false);
    }
  });
});
