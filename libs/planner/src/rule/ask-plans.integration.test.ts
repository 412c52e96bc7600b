import { describe, expect, it } from 'vitest';
import { checkAnswer, forbidsPosting, readAsks } from '@forge/asks';
import { parseCatalog } from '@forge/catalog';
import { TemplateComposer } from '@forge/composer';
import { runPlan } from '@forge/plan';
import { RulePlanner } from '@forge/planner';
import { useSnapshotHub } from '../../../tool-world/src/__fixtures__/snapshot-hub.ts';

// Plans for what blind catalogs asked, through the real servers: conditional posts with a branch that posts nothing
// (the planner settles the branch), many names within the tool limit, statistics of daily % changes.
const snapshotHub = useSnapshotHub('ask-plans');

async function run(prompt: string, maxTools = 10) {
  const [entry] = parseCatalog([{ id: 'T1', complexity: maxTools > 10 ? 'difficult' : 'medium', user_prompt: prompt }], 'test');
  const planned = await new RulePlanner().plan({ entry: entry!, inventory: snapshotHub().inventory(), limits: { max_tools: maxTools, max_turns: maxTools + 2 }, tools: snapshotHub() });
  const asks = { ...readAsks(prompt), entities: [] };
  const plan = { ...planned.plan, final_answer_requirements: { ...planned.plan.final_answer_requirements, asks } };
  const trace = await runPlan(plan, snapshotHub());
  expect(trace.steps.filter((step) => !step.accepted).map((step) => step.why)).toEqual([]);
  const { reference } = await new TemplateComposer().compose(entry!, plan, trace);
  const state = trace.state as Record<string, unknown>;
  const posts = plan.tool_sequence.filter((step) => step.tool === 'send_slack_message').map(() => ({ channel: String(state.slack_channel), text: String(state.post_text ?? '') }));
  return { plan, state, reference, text: reference.answer_text, posts, misses: checkAnswer({ asks, answer: reference.answer_text, posts }) };
}

async function closes(ticker: string): Promise<number[]> {
  const result = await snapshotHub().call('polygon', 'polygon_get_aggs', { ticker, from: '2026-10-01', to: '2026-11-25', timespan: 'day', multiplier: 1 });
  if (!result.ok) throw new Error(result.error);
  return (result.structuredContent.results as Array<{ c: number }>).map((bar) => bar.c);
}

describe('a conditional post with a silent branch', () => {
  it('posts nothing when the facts take the silent branch, asserts that branch, and says so', async () => {
    // AAPL +1.20%, COST -0.20% on the as_of session: neither fell more than 2%.
    const { plan, text, posts, misses } = await run("Check Apple and Costco's moves today. Only post to #alerts if either one fell more than 2% — otherwise don't post, just tell me where they closed.");
    expect(plan.tool_sequence.some((step) => step.server === 'slack')).toBe(false);
    const judge = plan.tool_sequence.find((step) => step.analysis_requirements.extract.includes('condition_holds = result.holds'))!;
    expect(judge.analysis_requirements.accept_if).toContain('not condition_holds');
    expect(posts).toEqual([]);
    expect(text).toMatch(/does not hold, so nothing was posted/);
    expect(misses).toEqual([]);
  });

  it('posts the given text when the condition holds, on a price level ("closed above $230")', async () => {
    // MU closed at $232.00.
    const { plan, posts, misses } = await run("If Micron closed above $230 today, post 'MU closed above $230' to #alerts; otherwise, don't post and simply tell me where it closed.");
    const judge = plan.tool_sequence.find((step) => step.analysis_requirements.extract.includes('condition_holds = result.holds'))!;
    expect(judge.analysis_requirements.accept_if).toContain('condition_holds');
    expect(posts).toEqual([{ channel: '#alerts', text: 'MU closed above $230' }]);
    expect(misses).toEqual([]);
  });

  it('takes the silent branch of a price level that does not hold', async () => {
    // AAPL closed at $276.00.
    const { plan, text } = await run("If Apple closed above $280 today, post 'AAPL closed above $280' in #markets; if it didn't, post nothing and just tell me the close.");
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(text).toMatch(/AAPL closed above \$280\): the measured value is 276 against a threshold of 280, so the condition does not hold, so nothing was posted/);
  });
});

describe('many names within the tool limit', () => {
  it('ranks eight names over five sessions from their bars alone when quotes would not fit', async () => {
    const { plan, state, text } = await run('For a chip-sector roundup: rank NVDA, AMD, AVGO, INTC, QCOM, MU, ARM and TSM by their percentage change over the last five sessions, best to worst.');
    expect(plan.tool_sequence.length).toBeLessThanOrEqual(10);
    expect(plan.tool_sequence.filter((step) => step.tool === 'polygon_get_aggs')).toHaveLength(8);
    expect(plan.tool_sequence.some((step) => step.tool === 'fmp_get_quote' || step.tool === 'fmp_get_company_profile')).toBe(false);
    expect(state.return_ranking).toHaveLength(8);
    expect(text).toMatch(/Ranked by return over the window: MU \(\+8\.40%\)/);
  });

  it('reads the columns of an asked table as headers, not companies', async () => {
    const { plan } = await run('Rank NVDA and AMD by today\'s % change in a markdown table with the columns Ticker, Close and % change.');
    expect(plan.tool_sequence.some((step) => step.tool === 'fmp_search_ticker')).toBe(false);
  });
});

describe('statistics of daily % changes', () => {
  it('computes the mean and sample standard deviation of the daily % changes, not of the closes', async () => {
    const { state, text } = await run('For GOOGL over the last 10 sessions: the mean of daily % changes and the sample stdev of daily % changes.');
    const window = (await closes('GOOGL')).slice(-11);
    const daily = window.slice(1).map((close, index) => (close / window[index]! - 1) * 100);
    const mean = daily.reduce((sum, value) => sum + value, 0) / daily.length;
    const stdev = Math.sqrt(daily.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (daily.length - 1));
    expect(state.googl_mean_daily_pct).toBeCloseTo(mean, 2);
    expect(state.googl_stdev_daily_pct).toBeCloseTo(stdev, 2);
    expect(text).toContain(`standard deviation of daily % changes ${stdev.toFixed(2)}%`);
    expect(text).not.toMatch(/standard deviation of closes/);
  });
});

describe('a stance among action options with no stated rule', () => {
  it('decides it by the scorecard step over the signals the prompt names, and leads with the option', async () => {
    const { plan, state, text, misses } = await run('Should I buy, hold or sell Netflix? Weigh its valuation, where it sits in its 52-week range and the tone of its recent headlines.');
    const step = plan.tool_sequence.find((candidate) => candidate.analysis_requirements.extract.includes('stance_option = result.option'))!;
    expect(step.analysis_requirements.accept_if).toEqual(['stance_option is not None']);
    // NFLX: P/E 39.49 (rich), 61.8% up its range, one positive and one negative headline; the prompt named no price action.
    expect((state.stance_signals as Record<string, string[]>).NFLX).toEqual(['P/E 39.49 (-1)', '61.8% of the way up its 52-week range (0)', '1 positive and 1 negative headlines (0)']);
    expect(state.stance_option).toBe('sell');
    expect(text).toMatch(/^NFLX: sell, by a scorecard/);
    // The environment's matcher finds the option as the step returned it.
    expect(text).toContain(String(state.stance_option));
    expect(misses).toEqual([]);
  });

  it('picks one name when the options name names, neutral on a tie', async () => {
    const { state, text, misses } = await run('Pair idea, pick one: OW XOM / OW CVX / neutral — judge it on P/E and the 52-week range.');
    // XOM: P/E 14.21 (+1), 1.5% up its range (+1); CVX: P/E 16.05 (0), 69.4% (0).
    expect(state.stance_totals).toEqual({ XOM: 2, CVX: 0 });
    expect(text).toMatch(/^OW XOM, by a scorecard/);
    expect(text).toContain(String(state.stance_option));
    expect(misses).toEqual([]);
  });
});

describe('a claim about an officer leaving', () => {
  it('is contradicted by a release naming another officer, and the claim\'s words are not facts asked for', async () => {
    const { plan, state, text } = await run('Heard on the desk: Chevron\'s CEO is stepping down. True? Check it against the company\'s own announcements.');
    expect(plan.final_answer_requirements.asks?.asks.some((ask) => ask.kind === 'fact' && ask.facts.includes('ceo'))).toBe(false);
    expect(state.claim_verdict).toBe('Contradicted');
    expect(text).toMatch(/^Contradicted: the release says the chief financial officer is leaving, not the chief executive/);
  });
});

describe('a summary of a channel in N bullets', () => {
  it('gives a message per bullet, quoted whole, and posts nothing', async () => {
    const { plan, text, posts, misses } = await run("What has been discussed in #research lately? Don't post there — give me the gist in 4 bullets.");
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(posts).toEqual([]);
    expect(text.split('\n')).toHaveLength(4);
    // The seeded message keeps its own semicolon: a bullet never cuts a message in two.
    expect(text).toContain('“JPM vs BAC: we prefer JPM on valuation; refresh the P/E comparison before the note goes out.”');
    expect(misses).toEqual([]);
  });
});

describe('a conditional post on the window\'s move, written tersely', () => {
  it('reads "down >1% on the wk" as the five-session return and takes the silent branch when it does not hold', async () => {
    // WMT: +2.20% over five sessions.
    const { plan, state, posts } = await run("if $WMT is down >1% on the wk, post a flag to #alerts; if not, DON'T post — just gimme px + 5d chg");
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(posts).toEqual([]);
    expect(state.condition_holds).toBe(false);
    expect(state.condition_metric).toBe(-2.2);
  });
});

describe('a list of web results with their source, date and link', () => {
  it('fetches as many as asked and cites each with its site, date and link', async () => {
    const { state, text, misses } = await run('Pull 3 web search results on GLP-1 weight-loss drugs; give each one\'s source, publication date and link.');
    expect(state.web_top_dates).toHaveLength(3);
    expect(text.match(/\(research\.example\.com, 2026-11-22, https:\/\/research\.example\.com\/themes\/glp1-drugs\/glp1-obesity-drug-market\)/)).not.toBeNull();
    expect(text.match(/https?:\/\/\S+/g)?.length).toBeGreaterThanOrEqual(3);
    expect(misses).toEqual([]);
  });
});

describe('a benchmark written only as a column', () => {
  it('is fetched and measured against ("… columns Ticker | Move | vs SPY")', async () => {
    const { plan, state } = await run('JPM and BAC over the last 10 sessions: markdown table with columns Ticker | 10-session return | vs SPY');
    expect(plan.tool_sequence.some((step) => step.tool === 'polygon_get_aggs' && step.params.ticker === 'SPY')).toBe(true);
    expect(state.jpm_vs_spy_excess_period).toBe(-2.3);
  });
});

describe('a post under a word limit', () => {
  it('leaves the posted text unquoted when quoting it would break the limit', async () => {
    const { text, misses } = await run('post to #research: $SMCI px, day chg and vol vs avg vol. keep it under 50 words');
    expect(text).toMatch(/The note was posted to the #research Slack channel/);
    expect(text.split(/\s+/).length).toBeLessThan(50);
    expect(misses).toEqual([]);
  });
});

describe('an excess return written as a subtraction', () => {
  it('keeps the benchmark after "minus" ("AMZN cumulative % return minus SPY cumulative % return")', async () => {
    const { state } = await run('Excess return of AMZN over the last 20 sessions, computed as its cumulative % return minus SPY cumulative % return; one sentence.');
    expect(state.amzn_vs_spy_excess_period).toBe(-19.91);
  });
});

describe('labelled statements to confirm or refute', () => {
  it('rules on each statement by its own figure: a price level and a volume multiple', async () => {
    // AAPL closed at $276.00; MU traded 65,346,964 shares against a 31,117,602 average (2.1 times).
    const { text, misses } = await run("Two desk notes to check: (1) Apple finished above $270 today; (2) Micron's volume today came in at more than triple its average. Confirm or refute each one.");
    expect(text).toMatch(/^\(1\) Supported: AAPL closed at \$276\.00, above the claimed level; \(2\) Contradicted: MU traded 65346964 shares against an average of 31117602, less than triple the average/);
    expect(misses).toEqual([]);
  });
});

describe('a stated rule whose later clauses count the earlier conditions', () => {
  it('grades by "only one of those holds" / "neither holds", and the grades are not company names', async () => {
    // TSLA +4.10% on the day; volume 239,092,147 against 132,828,971 (1.8 times): one of the two conditions holds.
    const { text, misses } = await run('Grade Tesla as Red, Amber or Green. Red if it rose more than 3% on the day and its volume was above 2x its average volume; Amber if only one of those holds; Green if neither holds.');
    expect(text).toMatch(/^Amber TSLA: move on the session \+4\.10%, volume 239092147 shares against an average of 132828971/);
    expect(misses).toEqual([]);
  });
});

describe('per-name actions with both / neither', () => {
  it('takes the named action for each name the scorecard leans against, "both" when every name does', async () => {
    const { state, text, misses } = await run('AMD and Intel over the last 20 sessions against QQQ: which belongs on the watchlist: flag AMD, flag INTC, flag both, or flag neither?');
    expect(['flag AMD', 'flag INTC', 'flag both', 'flag neither']).toContain(state.stance_option);
    expect(text).toContain(`Call: ${state.stance_option as string}`);
    expect(text).not.toMatch(/had the best day/);
    expect(misses).toEqual([]);
  });
});

describe('a condition on underperforming a benchmark', () => {
  it('compares the two returns over the window and settles the silent branch', async () => {
    const { plan, state, text } = await run('Over the last 20 sessions, if AMD underperformed QQQ, post a warning to #alerts; otherwise post nothing and just tell me the two returns.');
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(Number(state.amd_return_n)).toBeGreaterThan(Number(state.qqq_return_n));
    expect(text).toMatch(/Condition check \(AMD underperformed QQQ over the window\): the measured value is -[\d.]+ against a threshold of 0, so the condition does not hold/);
  });
});

describe('a list of headlines with their outlets', () => {
  it('names the publisher of each headline listed ("the two latest Tesla headlines, outlet and link")', async () => {
    const { plan, text, misses } = await run('The two latest Tesla headlines with outlet and link, as two bullets.');
    const news = plan.tool_sequence.find((step) => step.tool === 'polygon_get_news')!;
    expect(news.analysis_requirements.accept_if).toContain('len(tsla_titles) >= 2');
    expect(text.match(/Synthetic Market Wire/g)?.length).toBe(2);
    expect(misses).toEqual([]);
  });
});

describe('a read that asks whether any message mentions a name', () => {
  it('answers yes or no from the messages read, quoting those that name it', async () => {
    const { text, posts } = await run('Look at the latest messages in #alerts and tell me whether anyone mentioned Tesla. Read only.');
    expect(text).toMatch(/^Yes: a message in #alerts mentions TSLA: “TSLA: unusual options activity flagged by the risk desk\.”/);
    expect(posts).toEqual([]);
  });
});

describe('whether either name beat the benchmark', () => {
  it('says yes or no over the names measured against it, each with its excess return', async () => {
    // Over the last 10 sessions JPM's excess over SPY is -2.30 points.
    const { text } = await run('JPM and BAC over the last 10 sessions versus SPY: state whether either of them outperformed SPY.');
    expect(text).toMatch(/^(?:Yes|No): [^.]*JPM -2\.30% \(percentage points\) against SPY/);
  });
});

describe('a stance among a retail investor\'s options', () => {
  it('reads "average down, hold, or just cut it" and states the option the scorecard takes', async () => {
    const { state, text, misses } = await run('i bought unitedhealth higher up. over the last 20 sessions should i average down, hold, or just cut it?');
    expect(['average down', 'hold', 'cut it']).toContain(state.stance_option);
    expect(text).toContain(`UNH: ${state.stance_option as string}`);
    expect(misses).toEqual([]);
  });

  it('grounds a window written in digits ("the last 30 sessions")', async () => {
    const { text, reference } = await run('MU: add, hold or trim? use the 30-session return. 40-80 words.');
    expect(text).toContain('The window is the last 30 sessions');
    expect(reference.facts.mu_sessions).toBe(30);
  });
});

describe('a table of profile facts with named columns', () => {
  it('writes the listing exchange and keeps the acronyms of the headers ("Company, Ticker, CEO, Exchange")', async () => {
    const { text, misses } = await run('For Costco and Walmart, give a markdown table with the columns Company, Ticker, CEO, Exchange.');
    expect(text).toMatch(/^\| Company \| Ticker \| CEO \| Exchange \|/);
    expect(text).toMatch(/\| COST \| [^|]+ \| [^|]*(?:NASDAQ|Nasdaq)[^|]* \|/);
    expect(misses).toEqual([]);
  });
});

describe('market-wide leaders and laggards', () => {
  it('lists the top and bottom N of the board ("top 3 up, bottom 3 down")', async () => {
    const { text, misses } = await run('Board scan for today: top 3 up, bottom 3 down, signed % chg on each. 6 bullets.');
    expect(text).toMatch(/Top gainers in the latest session: Micron Technology, Inc\. \(MU\) \+5\.20%/);
    expect(text).toMatch(/Top losers in the latest session: Super Micro Computer, Inc\. \(SMCI\) -6\.50%/);
    expect(misses).toEqual([]);
  });

  it('reads "which three names led the tape" as the three top gainers', async () => {
    const { text } = await run('Which three names led the tape today, with their % gains? One sentence.');
    expect(text).toBe('Top gainers in the latest session: Micron Technology, Inc. (MU) +5.20% at $232.00; Tesla, Inc. (TSLA) +4.10% at $418.00; Intel Corporation (INTC) +3.30% at $38.20.');
  });
});

describe('a call on whether one market segment lagged another', () => {
  it('reads "small caps" and "large caps" as IWM and SPY and rules over the window', async () => {
    // Over the last 5 sessions IWM -1.90%, SPY +0.60%.
    const { text, misses } = await run('spy and iwm, 5d chg each, and call whether small caps lagged large caps over the week.');
    expect(text).toMatch(/^Supported: IWM moved -1\.90% against \+0\.60% for SPY over the window/);
    expect(misses).toEqual([]);
  });
});

describe('a table of headlines with named columns', () => {
  it('writes a row per headline with its outlet, date and link ("columns Headline, Outlet, Date and Link")', async () => {
    const { text, misses } = await run('The two most recent Tesla headlines as a markdown table with the columns Headline, Outlet, Date and Link.');
    const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Headline'));
    expect(text.split('\n')[0]).toBe('| Headline | Outlet | Date | Link |');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| Tesla \(TSLA\) [^|]+ \| Synthetic Market Wire \| 2026-11-25T\d\d:\d\d:\d\dZ \| https:\/\/news\.example\.com\/tsla\/\S+ \|$/);
    expect(misses).toEqual([]);
  });
});

describe('a table of the market movers with named columns', () => {
  it('writes a row per listed gainer with the asked columns ("Ticker, Price, % Change")', async () => {
    const { text, misses } = await run('Top 3 gainers in the market today as a table with columns Ticker, Price, % Change.');
    expect(text.split('\n').slice(0, 5)).toEqual(['| Ticker | Price | % Change |', '|---|---|---|', '| MU | $232.00 | +5.20% |', '| TSLA | $418.00 | +4.10% |', '| INTC | $38.20 | +3.30% |']);
    expect(misses).toEqual([]);
  });
});

describe('a theme piece from web research', () => {
  it('searches the piece\'s subject and cites as many results as bullets ("4 bullets, each with a source link")', async () => {
    const { plan, text, misses } = await run("I'm drafting a primer on AI data-center spending. Search the web: who spends, who benefits? 4 bullets, each with a source link.");
    const search = plan.tool_sequence.find((step) => step.tool === 'tavily_search')!;
    expect(String(search.params.query)).toMatch(/^AI data-center spending/);
    expect(text.split('\n').filter((line) => /^- .*https?:\/\//.test(line))).toHaveLength(4);
    expect(misses).toEqual([]);
  });
});

describe('a web search written as "a web search on X"', () => {
  it('searches X', async () => {
    const { plan } = await run('Could you run a web search on GLP-1 drug demand and send me the top two results with links?');
    expect(plan.tool_sequence.find((step) => step.tool === 'tavily_search')?.params.query).toBe('GLP-1 drug demand');
  });
});

describe('a year-to-date window', () => {
  it('measures from the last close of the prior year ("ytd % off the last 2025 close")', async () => {
    const { plan, text } = await run('AAPL and MSFT: ytd % off the last 2025 close.');
    const bars = plan.tool_sequence.find((step) => step.tool === 'polygon_get_aggs')!;
    expect(String(bars.params.from) < '2026-01-01' && bars.params.to === '2026-11-25').toBe(true);
    expect(text).toMatch(/From 2026-01-02 to 2026-11-25 \(227 sessions\), AAPL closed the window \(2026-11-25\) at \$276\.00; -7\.33% from the 2025-12-31 close/);
  });
});

describe('a dated window measured against a benchmark', () => {
  it('states the sessions, the average daily volume and the excess over the window, and picks by it', async () => {
    const { plan, state, text, misses } = await run('Between 3 November and 20 November, how did Walmart and Costco do against SPY, what was the average daily volume of each over that stretch, and which fared worse against SPY?');
    const bars = plan.tool_sequence.filter((step) => step.tool === 'polygon_get_aggs');
    expect(bars.every((step) => step.params.to === '2026-11-20')).toBe(true);
    // The excess is the window's change against SPY's, not the day's moves.
    for (const name of ['wmt', 'cost']) {
      expect(state[`${name}_vs_spy_excess_period`]).toBeCloseTo(Number(state[`${name}_w_pct_change`]) - Number(state.spy_w_pct_change), 2);
      expect(state[`${name}_vs_spy_excess_today`]).toBeUndefined();
    }
    const worse = Number(state.wmt_vs_spy_excess_period) < Number(state.cost_vs_spy_excess_period) ? 'WMT' : 'COST';
    expect(text.startsWith(`${worse} trailed its benchmark the most`)).toBe(true);
    expect(text).toMatch(/From 2026-11-03 to 2026-11-20 \(14 sessions\)/);
    expect(text).toContain(`it averaged ${state.wmt_w_avg_volume} shares a day`);
    // The quote's volume for the latest session is not what was asked.
    expect(text).not.toMatch(/volume was \d+ shares against an average/);
    expect(misses).toEqual([]);
  });
});

describe('verdicts asked as a question', () => {
  it('rules on "did it close green" and posts nothing when "nothing goes to Slack"', async () => {
    // SPY +0.35% on the as_of session.
    const { plan, text } = await run('Did SPY close green today? Yes or no first, then why. Nothing goes to Slack.');
    expect(plan.tool_sequence.some((step) => step.server === 'slack')).toBe(false);
    expect(text).toMatch(/^Supported: SPY moved \+0\.35% on the session/);
  });

  it('contradicts a buyback figure against the company\'s share repurchase release', async () => {
    // The release: "authorized the repurchase of up to $6.60 billion of common stock".
    const { state, text } = await run('A trader wrote that Micron authorised a $20 billion buyback. It is true or not?');
    expect(state.claim_verdict).toBe('Contradicted');
    expect(text).toMatch(/^Contradicted: the release states a different figure than the claim; the company's release “Micron Technology, Inc\. announces share repurchase program”/);
  });
});

describe('conditions over several names and on a checked claim', () => {
  it('posts when both names underperformed the benchmark over the window', async () => {
    // Five sessions: XOM -3.60%, CVX -2.80%, SPY +0.60%.
    const { plan, state, posts } = await run('Over the past five sessions, how did XOM and CVX do against SPY? If both underperformed SPY over those sessions, post a short summary to #markets; otherwise do not post anything and just reply to me.', 16);
    expect(state.condition_values).toEqual({ XOM: -4.2, CVX: -3.4 });
    expect(state.condition_holds).toBe(true);
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(true);
    expect(posts.map((post) => post.channel)).toEqual(['#markets']);
  });

  it('posts nothing when the claim a correction depends on is right', async () => {
    // XOM -1.90%, CVX -1.50% on the session: "both traded lower" holds.
    const { plan, state, text } = await run('A colleague says XOM and CVX both traded lower today. Check it against the tape: if it is wrong, post a correction to #markets; if right, do not post anything.');
    expect(state.condition_holds).toBe(false);
    expect(plan.tool_sequence.some((step) => step.server === 'slack' && step.tool === 'send_slack_message')).toBe(false);
    expect(text).toMatch(/^Supported: XOM moved -1\.90%, CVX moved -1\.50% on the session/);
  });

  it('reads the person asking ("our chief executive would like") as no CEO asked for', async () => {
    const { plan, text } = await run('Our chief executive would like to know where Walmart closed today and its move on the day.');
    expect(plan.final_answer_requirements.must_include).not.toContain('wmt_ceo');
    expect(text).not.toMatch(/\bCEO\b/);
  });
});

describe('a lean plan for many names', () => {
  it('ranks nine names by their window return within 10 calls, the day\'s move read off the bars', async () => {
    const { plan, state, text, misses } = await run('Semis: NVDA AMD AVGO INTC QCOM MU ARM TSM SMCI. Rank by 5-session return, best to worst. Table: rank | ticker | 5d ret % | 1d ret %.');
    expect(plan.tool_sequence.length).toBeLessThanOrEqual(10);
    expect(plan.tool_sequence.some((step) => step.tool === 'fmp_get_quote')).toBe(false);
    // The bars' last two closes give the day's move the quote would have: MU +5.20% on the session.
    const quote = await snapshotHub().call('fmp', 'fmp_get_quote', { symbol: 'MU' });
    expect(quote.ok && Number((quote.structuredContent as { changesPercentage: number }).changesPercentage).toFixed(2)).toBe(Number(state.mu_change_pct).toFixed(2));
    expect((state.return_ranking as string[])[0]).toBe('MU');
    expect(text).toContain('| Rank | Ticker | 5d ret % | 1d ret % |');
    expect(text).toContain('| first | MU | +8.40% | +5.20% |');
    expect(misses).toEqual([]);
  });

  it('picks the deepest drawdown from the 52-week high when the pick names no metric of its own', async () => {
    const { text } = await run('Drawdown from 52w high: META, AVGO, ARM. Which is deepest?');
    expect(text).toMatch(/^ARM trades furthest below its 52-week high \(78\.21% below it/);
  });
});

describe('window statistics and posts read as asked', () => {
  it('states a dated window\'s daily % change statistics in the asked columns, the window\'s average volume', async () => {
    const { state, text, misses } = await run('From the 30 October close to the 25 November close, for JPM and BAC: total return, the standard deviation of daily percentage changes and the average daily volume. Markdown table with columns Ticker, Return %, Daily Stdev %, Avg Volume.');
    expect(state.jpm_sessions).toBe(18);
    expect(text).toContain(`| JPM | +${Number(state.jpm_return_n).toFixed(2)}% | ${Number(state.jpm_stdev_daily_pct).toFixed(2)}% | ${state.jpm_avg_daily_volume} |`);
    expect(text).not.toMatch(/standard deviation of closes/);
    expect(misses).toEqual([]);
  });

  it('computes no excess for the day when only a "Today %" column asks for the day\'s move', async () => {
    const { state } = await run('Rank AMD and INTC by five-session return against QQQ. Table with columns Ticker | 5-session % | vs QQQ (pp) | Today %.');
    expect(state.amd_vs_qqq_excess_period).toBeDefined();
    expect(state.amd_vs_qqq_excess_today).toBeUndefined();
  });

  it('posts a conditional alert to the channel its verb names, not the channel read before it', async () => {
    // SMCI -6.50% on the session.
    const { posts } = await run('First read the #alerts channel and summarise it. Then, if SMCI fell by more than 5% today, post a short alert to #markets; otherwise do not post anything.', 16);
    expect(posts.map((post) => post.channel)).toEqual(['#markets']);
  });

  it('reads a sign written as a comparison ("if < 0 → post …") over the asked window', async () => {
    // SPY +1.45% over three sessions.
    const { state, posts } = await run('SPY 3-sess cum ret. if < 0 → post to #markets verbatim: "SPY down over 3 sessions". else → post verbatim: "SPY up over 3 sessions".');
    expect(state.condition_holds).toBe(false);
    expect(posts).toEqual([{ channel: '#markets', text: 'SPY up over 3 sessions' }]);
  });
});

describe('the z of the day\'s move', () => {
  it('divides the day\'s change by the standard deviation of the prior n daily changes', async () => {
    const { state, text, misses } = await run("UNH: z-score of today's move (1d ret / stdev of prior 20 daily rets). One sentence.");
    const c = await closes('UNH');
    const changes = c.slice(1).map((close, index) => (close / c[index]! - 1) * 100);
    const prior = changes.slice(-21, -1);
    const mean = prior.reduce((sum, value) => sum + value, 0) / prior.length;
    const sd = Math.sqrt(prior.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (prior.length - 1));
    expect(state.unh_move_z).toBeCloseTo(changes.at(-1)! / sd, 1);
    expect(text).toContain(`is a z of ${Number(state.unh_move_z).toFixed(2)} against the standard deviation of the prior 20 daily changes`);
    expect(text).not.toMatch(/standard deviations (?:above|below) that mean/);
    expect(misses).toEqual([]);
  });
});

describe('a post on a condition no step can judge', () => {
  it('is a planning failure naming the condition, not an unconditional post', async () => {
    const [entry] = parseCatalog([{ id: 'T2', complexity: 'difficult', user_prompt: "MSFT, GOOGL and AMZN latest quarterly revenue growth, in a table. If any grew faster than 15% YoY, post a one-liner naming it in #research; if none did, don't post, just tell me." }], 'test');
    const planned = new RulePlanner().plan({ entry: entry!, inventory: snapshotHub().inventory(), limits: { max_tools: 16, max_turns: 18 }, tools: snapshotHub() });
    await expect(planned).rejects.toThrow(/entry T2, field user_prompt: the post depends on a condition the rule planner cannot judge from the tools' facts \("if any grew faster than 15% yoy"\)/);
  });
});

describe('short forms of symbols and a lengthened answer', () => {
  it('reads TSMC as TSM, the one company the search knows by it, and BA as a symbol of its own', async () => {
    const { plan } = await run('Compare TSMC and INTC moves today.');
    expect(plan.tool_sequence.filter((step) => step.tool === 'fmp_get_quote').map((step) => step.params.symbol)).toEqual(['TSM', 'INTC']);
    const [entry] = parseCatalog([{ id: 'T3', complexity: 'medium', user_prompt: 'How did BA and SPY do today?' }], 'test');
    const planned = await new RulePlanner().plan({ entry: entry!, inventory: snapshotHub().inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: snapshotHub() });
    expect(planned.plan.tool_sequence.some((step) => step.params.symbol === 'BA')).toBe(true);
  });

  it('keeps the stance first when the answer is lengthened to the asked word range', async () => {
    // UNH -7.10% over five sessions.
    const { text, misses } = await run('A view on UNH, choosing among add, hold or trim: trim if it has fallen more than 5% over the last five sessions; add if it has risen more than 5% over the same five sessions; otherwise hold. Between 120 and 180 words, please.');
    expect(text).toMatch(/^Trim UNH: return over the window -7\.10%/);
    expect(misses).toEqual([]);
  });
});

describe('more conditions a post can hang on', () => {
  it('judges "if it\'s false, post a correction" by the ruling against the release', async () => {
    const { state, posts } = await run("Someone says Chevron's CEO Mike Wirth is stepping down. Verify it against the news; if it's false, post a one-line correction to #research; if it's true, post nothing.", 16);
    expect(state.claim_verdict).toBe('Contradicted');
    expect(state.condition_holds).toBe(true);
    expect(posts.map((post) => post.channel)).toEqual(['#research']);
  });

  it('judges "outperformed SPY today" by the day\'s excess, and "worst day worse than -1.5%" over the window', async () => {
    // LLY +2.80%, SPY +0.35% on the session.
    const day = await run('Compare LLY with SPY today. If LLY outperformed SPY today, post a note to #research; otherwise do not post anything.');
    expect(day.state.condition_holds).toBe(true);
    expect(day.posts.map((post) => post.channel)).toEqual(['#research']);
    // Ten sessions: JPM's worst day -1.64%, BAC's -1.73%.
    const worst = await run("For JPM and BAC over the last 10 sessions: if either name's worst day was worse than -1.5%, post a flag to #alerts; if neither was, don't post anything.", 16);
    expect(worst.state.condition_values).toEqual({ JPM: -1.64, BAC: -1.73 });
    expect(worst.state.condition_holds).toBe(true);
  });
});

describe('asks of blind catalogs 18 and 19 (session 2026-12-08)', () => {
  it('writes the asked columns and nothing after "and no commentary beyond the table"', async () => {
    const { text, misses } = await run('Reference data for UnitedHealth Group (UNH) and Eli Lilly (LLY): CEO, full-time employees, listing exchange. Present it as a markdown table with the columns Ticker, CEO, Full-time employees and Exchange, and no commentary beyond the table.');
    expect(text.split('\n')[0]).toBe('| Ticker | CEO | Full-time employees | Exchange |');
    expect(text).toMatch(/\| LLY \| David A\. Ricks \| 47000 \| New York Stock Exchange \|/);
    expect(misses).toEqual([]);
  });

  it('fills a "Signed rank" and an "Absolute rank" column from the same moves', async () => {
    // TSLA +4.10%, AAPL +1.20%, NVDA -3.10%: signed first/second/third, by size first/third/second.
    const { text } = await run('Rank AAPL, NVDA and TSLA by percentage change today, and separately by the absolute size of the move. One markdown table with columns Signed rank, Ticker, % change, Absolute rank (percent to two decimal places).');
    expect(text).toMatch(/\| first \| TSLA \| \+4\.10% \| first \|\n\| second \| AAPL \| \+1\.20% \| third \|\n\| third \| NVDA \| -3\.10% \| second \|/);
  });

  it('decides a classification rule over the 52-week low and the 200-session average, options not read as companies', async () => {
    // XOM 0.67% above its 52-week low; CVX 62.91% above it and above its 200-day average ($133.57).
    const { text, misses } = await run('Assign each of Exxon Mobil (XOM) and Chevron (CVX) exactly one of three classifications: Increase, Maintain or Reduce. Apply the rule in order: Reduce if the close is within 2.00% above the 52-week low; otherwise Increase if the close is above the 200-session moving average; otherwise Maintain. Limit the response to 120 words.');
    expect(text).toMatch(/XOM reduce \(0\.67% above its 52-week low\); CVX increase \([^)]*price \$151\.00 (?:above|\+13\.05% versus) its two-hundred-day average of \$133\.57\)/);
    expect(misses).toEqual([]);
  });

  it('reads "if …, I sell half; if … but still above the 50-day, I add more; anything else, I hold" over the quote\'s 50-day average', async () => {
    // UNH -7.10% over five sessions, $318.00 against a 50-day average of $330.52.
    const { text } = await run("I'm choosing between three things: hold, sell half, or add more. my rule: if UNH is down more than 5% over the last 5 sessions AND it's below its 50-day average, I sell half; if it's down more than 5% but still above the 50-day, I add more; anything else, I hold. which one does the rule say?");
    expect(text).toMatch(/Sell half UNH: return over the window -7\.10%, price \$318\.00 (?:below|-3\.79% versus) its fifty-day average of \$330\.52/);
  });

  it('checks a claim heard from someone, naming the deal\'s other party and a product line without failing on them', async () => {
    const meta = await run('saw a thread on some stock forum saying Meta was gonna pay like $67 billion for Tessellate Networks?!? is it legit or nah? keep it to 2 short paragraphs');
    expect(meta.text).toMatch(/^Contradicted: the release states a different figure than the claim; the company's release “Meta Platforms, Inc\. to acquire Tessellate Networks”/);
    const micron = await run('A trader told me Micron just approved a $13.2 billion buyback. Is that the number the company gave?');
    expect(micron.text).toMatch(/^Contradicted: the release states a different figure/);
    const unh = await run('someone on a forum claims UnitedHealth halted all Medicare Advantage shipments for the rest of the year — real or fake?');
    expect(unh.text).toMatch(/^Contradicted: the release says the opposite of the claim/);
  });
});

describe('lower-case symbols outside the universe (blind catalog 19)', () => {
  async function planOf(prompt: string) {
    const [entry] = parseCatalog([{ id: 'L1', complexity: 'difficult', user_prompt: prompt }], 'test');
    return (await new RulePlanner().plan({ entry: entry!, inventory: snapshotHub().inventory(), limits: { max_tools: 16, max_turns: 18 }, tools: snapshotHub() })).plan;
  }

  it('plans "snow px" and "sbux vs cost vs wmt" with the unknown symbol, so the run fails by its name', async () => {
    for (const [prompt, word] of [['snow px + day chg vs qqq. quick', 'snow'], ['sbux vs cost vs wmt - px, p/e. table', 'sbux']] as const) {
      const plan = await planOf(prompt);
      const lookup = plan.tool_sequence.find((step) => step.tool === 'fmp_search_ticker' && step.params.query === word);
      expect(lookup, prompt).toBeDefined();
      const trace = await runPlan(plan, snapshotHub());
      expect(trace.steps.some((step) => !step.accepted), prompt).toBe(true);
    }
  });

  it('reads "worst vs spy" and "vs spx" as no symbol, and spx as the S&P 500 benchmark', async () => {
    const plan = await planOf('need to trim one of tsla amzn meta. rule: cut whichever is worst vs spy over 20 sess. 50 words max');
    expect(plan.tool_sequence.some((step) => step.tool === 'fmp_search_ticker' && step.params.query === 'worst')).toBe(false);
    expect(readAsks('mu px + chg today vs spx? 2 bullets').asks).toContainEqual(expect.objectContaining({ kind: 'benchmark', symbol: 'SPY' }));
  });
});

describe('conditions and windows of blind catalog 18', () => {
  it('judges "if the ratio [of volume to its 50-session average] exceeds 1.50", reading the session date as no window', async () => {
    // NVDA 394,287,677 shares against a 246,429,798 average: 1.60.
    const { plan, text, posts } = await run('Volume check on NVIDIA (NVDA) for the 2026-11-25 session: report the session volume and the average daily volume of the 50 sessions preceding it, and the ratio of the two. If the ratio exceeds 1.50, post a notice to #general stating the volume, the 50-session average and the ratio. If it does not, post nothing.');
    expect(plan.tool_sequence.some((step) => step.tool === 'polygon_get_aggs')).toBe(false);
    expect(text).toMatch(/NVDA volume was over 1\.50x its average\): the measured value is 1\.6 against a threshold of 1\.5, so the condition holds/);
    expect(posts).toHaveLength(1);
    expect(readAsks('the 2026-11-25 session').asks.some((ask) => ask.kind === 'window')).toBe(false);
  });

  it('holds "if it beat SPY by more than 3 percentage points today" to the margin, and stays silent below it', async () => {
    // LLY +2.80%, SPY +0.35%: 2.45 points.
    const { plan, text } = await run("if LLY beat SPY by more than 3 percentage points today, post a shout-out with the numbers in #general. if not, don't post anything, just tell me.");
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(text).toMatch(/LLY outperformed SPY by more than 3 percentage points on the day\): the measured value is 2\.45 against a threshold of 3, so the condition does not hold/);
  });

  it('lists "which three tanked the most today out of everything you track" from the losers, three of them', async () => {
    const { text } = await run('which three tanked the most today out of everything you track? bullets w/ the % drop for each, worst first');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/SMCI\) -6\.50%[^]*UNH\) -3\.80%[^]*NVDA\) -3\.10%/);
  });

  it('reads "what have people been saying in the #markets Slack channel" as a read that posts nothing', async () => {
    const { plan, misses } = await run("what have people been saying in the #markets Slack channel? Summarise it for me in three bullets. Please don't post anything in there.");
    expect(plan.tool_sequence.map((step) => step.tool)).toContain('get_slack_channel_history');
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(misses).toEqual([]);
  });
});

describe('asks of blind catalog 21 (session 2026-12-08)', () => {
  it('rules a trading-halt claim by the session\'s hourly bars, not a release search', async () => {
    const { plan, text } = await run('Somebody in #markets says Chevron was halted this morning. Check it: look at how CVX actually traded and give me the verdict in one sentence. Do not post anything back in there.');
    expect(plan.tool_sequence.some((step) => step.tool === 'polygon_get_aggs' && step.params.timespan === 'hour')).toBe(true);
    expect(plan.tool_sequence.some((step) => step.tool === 'tavily_search')).toBe(false);
    expect(text).toMatch(/^Contradicted: no halt shows in the tools' data: CVX traded in every hourly bar of the session \(7 bars, volume 9322948 shares\)/);
  });

  it('reads "Should any of them have beaten QQQ by more than 25 percentage points, …; otherwise post nothing" and "if you would" as no condition', async () => {
    // 20 sessions: GOOGL +19.59 points over QQQ, the most of the three.
    const { plan, text } = await run('How have Alphabet, Amazon and Meta performed over the past twenty sessions relative to QQQ, and which has lagged most? Should any of them have beaten QQQ by more than 25 percentage points, I would like the desk told in #research; otherwise please post nothing. Two paragraphs, if you would.', 16);
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(text).toMatch(/^AMZN trailed its benchmark the most/);
    expect(text).toMatch(/any of GOOGL, AMZN, META outperformed QQQ by more than 25 percentage points over the window\): the measured value is 19\.59 against a threshold of 25, so the condition does not hold/);
  });

  it('alerts on "if anything in our universe dropped more than 5% today", and reads who runs a company and what it is worth', async () => {
    const alert = await run("If anything in our universe dropped more than 5% today, fire a one-line alert into #alerts with the ticker and the size of the fall; if nothing did, leave the channel alone.");
    expect(alert.text).toMatch(/the top loser fell more than 5%\): the measured value is 6\.5029 against a threshold of 5, so the condition holds/);
    expect(alert.posts).toHaveLength(1);
    const jpm = await run('Who actually runs JPMorgan these days, and how many people does the firm employ? Two short sentences.');
    expect(jpm.text).toMatch(/CEO is Jamie Dimon/);
    const smci = await run('Super Micro got hammered today. Three bullets: how far it fell, the volume against a normal day, and what the whole company is worth now.');
    expect(smci.text).toMatch(/market cap of \$20\.00 billion/);
  });

  it('keeps a post\'s own word cap off the answer and reads "one punchy sentence"', () => {
    expect(readAsks('Post a summary to #research. Please keep the post under 100 words and let me know once it is up.').form.words).toBeUndefined();
    expect(readAsks('I want both numbers in one punchy sentence the anchor can read cold.').form.layout).toBe('one_sentence');
  });
});

describe('movers with their volume, reads and lengthened answers (session 2026-12-08)', () => {
  it('quotes each listed mover for "whether the session volume exceeded its 50-session average", three each', async () => {
    const { plan, text } = await run("Today's end-of-day movers note for the risk committee: the three largest gainers and the three largest losers across the full coverage universe (3 each), and for each of the six whether the session volume exceeded its 50-session average volume.", 16);
    expect(plan.tool_sequence.filter((step) => step.tool === 'fmp_get_quote')).toHaveLength(6);
    expect(plan.tool_sequence.some((step) => step.tool === 'polygon_get_news')).toBe(false);
    expect(text).toMatch(/\(SMCI\) -6\.50% at \$33\.50, volume 85928081 shares, above its average of 37360035/);
  });

  it('reads "what the team has been saying in #research" as a read, not the news, and a relative clause as no stance', async () => {
    const { plan } = await run("could you look through what the team has been saying in the #research Slack channel lately and summarise anything that touches on Microsoft or Nvidia? Please don't post anything in Slack.");
    expect(plan.tool_sequence.map((step) => step.tool)).toContain('get_slack_channel_history');
    expect(plan.tool_sequence.some((step) => step.tool === 'polygon_get_news')).toBe(false);
    expect(readAsks('summarise anything that touches on Microsoft or Nvidia?').asks.some((ask) => ask.kind === 'stance')).toBe(false);
  });

  it('keeps the asked window clause when an answer is lengthened to a word range', async () => {
    const { text } = await run("Using hourly bars, determine SMCI's trading range over the last 24 hours of available data. A response of 60 to 90 words stating the highest hourly high, the lowest hourly low, and the range. Do not use daily bars.");
    expect(text).toMatch(/traded between \$31\.77 and \$38\.43, a range of \$6\.66/);
  });

  it('reads no lower-case word as a symbol after "ex smci," when a plain word follows it', async () => {
    const [entry] = parseCatalog([{ id: 'L2', complexity: 'medium', user_prompt: 'every semi in the universe (ex smci, thats hardware) ranked by abs move today, biggest first' }], 'test');
    const { plan } = await new RulePlanner().plan({ entry: entry!, inventory: snapshotHub().inventory(), limits: { max_tools: 10, max_turns: 12 }, tools: snapshotHub() });
    expect(plan.tool_sequence.some((step) => step.params.query === 'thats')).toBe(false);
  });
});

describe('conditions written as code (blind catalog 20)', () => {
  it('judges "if abs(SMCI pct_1d) > 5 -> post" by the size of the move, and reads "cond:" as no symbol', async () => {
    const { plan, text, posts } = await run('cond: if abs(SMCI pct_1d) > 5 -> post to #alerts: ticker, pct_1d, vol vs 50d avg vol. else: no post, just tell me.');
    expect(plan.tool_sequence.some((step) => step.params.query === 'cond')).toBe(false);
    expect(text).toMatch(/SMCI moved by more than 5% either way on the day\): the measured value is 6\.5029 against a threshold of 5, so the condition holds/);
    expect(posts).toHaveLength(1);
  });

  it('judges "SPY ret_5d < -2 OR QQQ ret_5d < -2" over the five sessions and posts nothing when neither holds', async () => {
    const { plan, text, misses } = await run("cond: if SPY ret_5d < -2 OR QQQ ret_5d < -2 -> post to #alerts 'index drawdown' + both numbers\nelse -> NO post; reply one sentence with both ret_5d values");
    expect(plan.tool_sequence.some((step) => step.tool === 'send_slack_message')).toBe(false);
    expect(text).toMatch(/any of SPY, QQQ was below -2% over the last 5 sessions\): the measured value is -0\.3 against a threshold of -2, so the condition does not hold/);
    expect(misses).toEqual([]);
  });
});

describe('a correction posted from a fact check (blind catalog 20)', () => {
  it('posts the ruling with its evidence and quotes the posted dollars as written', async () => {
    const { text, posts } = await run("Somebody wrote in the #markets channel that Chevron's shares were halted this morning. Please check whether that is actually true and post a short correction or confirmation in #markets, then tell me what you found.");
    expect(posts).toHaveLength(1);
    expect(text).toMatch(/^Contradicted: no halt shows/);
    // The posted text holds "$152.42"; quoting it in the answer must not read "$1" as a group reference.
    expect(text).toMatch(/The message “Fact check: Contradicted: [^”]*opening at \$152\.42 and closing at \$151\.00\.” was posted to the #markets Slack channel/);
  });

  it('reads "warnings in the #alerts channel. Could you read them" as a read of that channel, and "plain English" as no company', async () => {
    const { plan } = await run("A colleague mentioned there were some warnings in the #alerts channel. Could you read them and explain each in plain English, one bullet per warning? Please don't post anything there.");
    expect(plan.tool_sequence.map((step) => step.tool)).toContain('get_slack_channel_history');
  });
});

describe('an inclusive dated window (blind catalog 18)', () => {
  it('counts the first day\'s session and states the return from its close', async () => {
    // AAPL: 18 sessions from 2 to 25 November; $270.13 on the 2nd, $276.00 on the 25th.
    const { text } = await run('For Apple (AAPL), covering the trading sessions from 2026-11-02 through 2026-11-25 inclusive, report the number of sessions in the range, the highest and lowest closing price and the percentage return from the 2026-11-02 close to the 2026-11-25 close.');
    expect(text).toMatch(/From 2026-11-02 to 2026-11-25 \(18 sessions\)[^]*\+2\.17% from the 2026-11-02 close of \$270\.13/);
  });
});

describe('company news without the price recaps (blind catalogs 19 and 20)', () => {
  it('keeps the articles that report an event when the prompt skips the automated recaps', async () => {
    const { plan, text } = await run("For UnitedHealth, give me the two most recent news headlines about what the company did (skip the automated market-wrap recaps), with outlet and date, and a sentence on how the stock closed.");
    expect(plan.tool_sequence.some((step) => step.tool === 'execute_python' && String(step.params.code).includes('keywords'))).toBe(true);
    expect(text).toMatch(/UnitedHealth warns of a cyberattack on a claims clearinghouse/);
    expect(text).not.toMatch(/down 7\.10% over the past five sessions/);
    // "… and a sentence on how the stock closed" is one item of the answer, not its form.
    expect(readAsks('two headlines with outlet and date, and a sentence on how the stock closed').form.layout).not.toBe('one_sentence');
  });
});

describe('tables asked in code style (blind catalog 20)', () => {
  it('fills "ret_pct (close/close)" and "avg_daily_vol over the window" from the first close of an inclusive window', async () => {
    const { text } = await run('window: first close 2026-11-02 -> last close 2026-11-20 (inclusive sessions)\nnames: NVDA, AMD, AVGO\nout: ticker, ret_pct (close/close), avg_daily_vol over the window\nfmt=table');
    expect(text).toMatch(/\| Ticker \| Return % \| Average daily volume over the window \|/);
    expect(text).toMatch(/\| NVDA \| \+10\.67% \| 235187202 \|/);
  });

  it('measures excess returns for "bench = QQQ" and picks the name that lagged it the most', async () => {
    const { text } = await run('mega = [AAPL, MSFT, GOOGL, AMZN, META], bench = QQQ\nfor each: ret_20d, excess = ret_20d - QQQ ret_20d\nthen exactly 1 sentence: who lagged QQQ the most and by how much', 16);
    expect(text).toMatch(/^AMZN trailed its benchmark the most \(-16\.51 percentage points/);
  });
});

describe('hourly bars of a dated session (blind catalog 8)', () => {
  it('reads "for 11/24" as that session and names its bars and date', async () => {
    const { plan, text } = await run("Hourly bars on META for 11/24 — which hour traded the most? under 60 words.");
    expect(plan.tool_sequence.find((step) => step.tool === 'polygon_get_aggs')?.params).toMatchObject({ from: '2026-11-24', to: '2026-11-24', timespan: 'hour' });
    expect(text).toMatch(/^In the 7 hourly bars of META's 2026-11-24 session, the 15:00 ET hour traded the most shares/);
  });
});

describe('asks of blind catalogs 22 and 23 (session 2026-12-08)', () => {
  it('posts a correction on a trailing condition ("post a 1-liner to #alerts if it\'s false") after checking heard chatter', async () => {
    const { text, posts } = await run("saw chatter that SMCI regulators dropped the DOJ export-control inquiry without action — true or not? check the news, give me the verdict and the move, and post a 1-liner to #alerts if it's false");
    expect(text).toMatch(/^Contradicted: the release says the opposite of the claim/);
    expect(posts).toHaveLength(1);
    expect(readAsks("post a 1-liner to #alerts if it's false").asks).toContainEqual({ kind: 'conditional', condition: "it's false", silent_branch: true });
  });

  it('reads "for slack" and "Slack-ready" as the answer\'s audience, and shouted words as no symbols', async () => {
    const jpm = await run('who runs JPM these days and how many people do they employ? client asked, need it in 2 sentences max for slack');
    expect(jpm.plan.tool_sequence.some((step) => step.server === 'slack')).toBe(false);
    const movers = await run('Top 3 gainers and top 3 losers across the coverage list today, with the % on each. Bullets, Slack-ready.');
    expect(movers.plan.tool_sequence.some((step) => step.server === 'slack')).toBe(false);
    expect(movers.text).toMatch(/\(MU\) \+5\.20%/);
  });
});

describe('a basket condition (blind catalog 23)', () => {
  it('judges "if anything in the semis basket (NVDA, AMD, …) closed down more than 5% today" over every listed name', async () => {
    const { posts, text } = await run('if anything in the semis basket (NVDA, AMD, SMCI) closed down more than 5% today, post it to #alerts with the %; otherwise just tell me the worst one and post nothing. one sentence either way');
    expect(posts).toHaveLength(1);
    expect(text).toMatch(/any of NVDA, AMD, SMCI is down more than 5% on the day/);
  });
});

describe('a guidance rumour about a symbol (blind catalog 22)', () => {
  it('searches the claim by the company name, reads guidance as outlook, and "post a 2-line recap in #markets" as a post, not a read', async () => {
    const { plan, text, posts } = await run("NVDA chatter all day that it was gonna RAISE guidance — real or fake? check the news. post a 2-line recap in #markets");
    expect(plan.tool_sequence.find((step) => step.tool === 'tavily_search')?.params.query).toMatch(/^NVIDIA /);
    expect(plan.tool_sequence.some((step) => step.tool === 'get_slack_channel_history' && !plan.tool_sequence.some((other) => other.tool === 'send_slack_message'))).toBe(false);
    expect(text).toMatch(/^Contradicted: the release says the opposite of the claim; the company's release “NVIDIA Corporation updates its business outlook”/);
    expect(posts).toHaveLength(1);
  });
});

describe('a coded condition against another name', () => {
  it('judges "if NVDA ret_10d < SPY ret_10d - 3pp ->" by the difference of the two returns', async () => {
    // NVDA -4.70%, SPY +1.19% over ten sessions: 5.89 points behind.
    const { posts, text } = await run('NVDA vs SPY, last 10 sessions: ret_10d\ncond: if NVDA ret_10d < SPY ret_10d - 3pp -> post a 2-line summary to #research; else no post', 16);
    expect(posts).toHaveLength(1);
    expect(text).toMatch(/NVDA trailed SPY by more than 3 percentage points over the last 10 sessions\): the measured value is -5\.89 against a threshold of -3, so the condition holds/);
  });
});

describe('a "volume vs 50-session average" column (blind catalog 10)', () => {
  it('fills the column from each name\'s volume and average, the header\'s window in words', async () => {
    const { text, misses } = await run('Rank MU, TSLA and SMCI by absolute % change today in a markdown table with the columns Rank, Ticker, % change (signed) and Volume vs 50-session average.');
    expect(text.split('\n')[0]).toBe('| Rank | Ticker | % change | Volume vs fifty-session average |');
    expect(text).toMatch(/\| SMCI \| -6\.50% \| 85928081 vs 37360035 average \|/);
    expect(misses).toEqual([]);
  });
});

describe('a post-only task and the largest decliners (blind catalogs 4 and 7)', () => {
  it('posts the given text when the prompt says "post nothing else"', async () => {
    const { plan } = await run('Task: Post an announcement to Slack. Post exactly the following text to #markets: "Reminder: US equity review at 4:00 PM ET today." Then confirm the post in one sentence. Constraints: Post nothing else; do not alter the wording.');
    expect(plan.tool_sequence.filter((step) => step.tool === 'send_slack_message').map((step) => step.params)).toEqual([{ channel: '#markets', text: 'Reminder: US equity review at 4:00 PM ET today.' }]);
    expect(forbidsPosting('Post nothing else.')).toBe(false);
  });

  it('lists "the five largest decliners across the covered universe" from the losers', async () => {
    const { text } = await run('Identify the five largest decliners across the covered universe for the 25 November 2026 session, with each one\'s percentage change and closing price.');
    expect(text).toMatch(/^Top losers in the latest session: Super Micro Computer, Inc\. \(SMCI\) -6\.50% at \$33\.50/);
  });
});

describe('moving averages under a word cap', () => {
  it('states each name against its fifty-day average in brief', async () => {
    const { text } = await run('need to trim one of tsla amzn meta. rule: cut whichever is worst vs spy over 20 sess. if that name is also below its 50dma, ping #alerts w/ the call. 50 words max', 16);
    expect(text).toMatch(/AMZN \$228\.00, below its fifty-day \$247\.07/);
  });
});
