import { spansInWords } from '@forge/asks';
import { count, decimal, money, percent, signedPercent, type FactReader } from './fact-reader.ts';
import type { Subject } from './entity-clauses.ts';
import { excessOf } from './stance-rule-clause.ts';
import { publisherNames } from './news-clauses.ts';

/** How one asked column reads a subject's cell from the facts; undefined when the facts hold no such value. */
export type Cell = (facts: FactReader, subject: Subject, rank: number) => string | undefined;

const num = (key: (slug: string) => string, render: (value: number) => string): Cell => (facts, subject) => {
  const value = facts.number(key(subject.slug));
  return value === undefined ? undefined : render(value);
};
const text = (key: (slug: string) => string): Cell => (facts, subject) => facts.text(key(subject.slug));

/** The latest close: the quote's price, else the last close of the window's bars. */
const close: Cell = (facts, subject) => {
  const price = facts.number(`${subject.slug}_price`);
  if (price !== undefined) return money(price);
  const last = facts.peek((reader) => reader.list(`${subject.slug}_trend_closes`))?.at(-1);
  if (typeof last !== 'number') return undefined;
  facts.list(`${subject.slug}_trend_closes`);
  return money(last);
};

/** The change a "% change" column means: the window's when the plan fetched only bars or the column names a window. */
function change(windowed: boolean): Cell {
  return (facts, subject) => {
    const day = facts.peek((reader) => reader.number(`${subject.slug}_change_pct`));
    const useWindow = windowed || day === undefined;
    const value = facts.number(`${subject.slug}_${useWindow ? 'return_n' : 'change_pct'}`);
    return value === undefined ? undefined : signedPercent(value);
  };
}

/** A name's excess return over the benchmark the plan compared it with (the window's, else the day's). */
const excess: Cell = (facts, subject) => {
  const found = excessOf(facts, subject);
  return found ? `${signedPercent(facts.number(found.key)!)} (percentage points)` : undefined;
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

const WINDOWED = /\b(?:\d+|one|two|three|five|ten|twenty)[- ](?:session|day|bar)|\bwindow\b|\bperiod\b|\bcumulative\b|\breturn\b|\bweek\b/;

/** A name's place when the subjects are ordered by the size of their move, whatever its sign ("Absolute rank"). */
function absoluteRank(subjects: readonly Subject[], windowed: boolean): Cell {
  return (facts, subject) => {
    const size = (one: Subject) => facts.peek((reader) => reader.number(`${one.slug}_${windowed ? 'return_n' : 'change_pct'}`) ?? reader.number(`${one.slug}_return_n`));
    if (size(subject) === undefined) return undefined;
    const place = [...subjects].sort((a, b) => Math.abs(size(b) ?? 0) - Math.abs(size(a) ?? 0)).indexOf(subject) + 1;
    facts.number(`${subject.slug}_${windowed ? 'return_n' : 'change_pct'}`);
    return ORDINALS[place - 1] ?? `number ${place}`;
  };
}

/** Asked column wording → cell, first match wins (the more specific wordings come first). */
function cellFor(column: string, windowAsked: boolean, subjects: readonly Subject[]): Cell | undefined {
  const c = column.toLowerCase();
  const rules: Array<[RegExp, Cell]> = [
    [/^(?:abs(?:olute)?|magnitude|size) (?:rank|position|place)$|^(?:rank|position|place) by (?:abs|size|magnitude)/, absoluteRank(subjects, windowAsked || WINDOWED.test(c))],
    // In words: a bare rank digit would read to the grounding check as a number no tool returned.
    [/^(?:(?:signed|overall|return|move|performance) )?(?:#|no\.?|rank|position|place)$/, (_facts, _subject, rank) => ORDINALS[rank - 1] ?? `number ${rank}`],
    [/\bticker\b|\bsymbol\b|^etf$|^stock$/, (_facts, subject) => subject.symbol],
    [/^(?:name|company|company name|issuer)$/, (facts, subject) => facts.text(`${subject.slug}_company`) ?? facts.text(`${subject.slug}_name`) ?? subject.symbol],
    [/excess|spread|alpha|relative|vs\.? ?(?:spy|qqq|dia|iwm|the index|benchmark)/, excess],
    // "z", "|z|", "z of today's move": the day's move over the prior daily changes' standard deviation.
    [/^\|?z\|?$|\bz(?:-?score)?\b[^,]*\b(?:move|ret|today)/, (facts, subject) => {
      const key = facts.peek((reader) => reader.number(`${subject.slug}_move_z`)) !== undefined ? `${subject.slug}_move_z` : `${subject.slug}_w_zscore`;
      const value = facts.number(key);
      return value === undefined ? undefined : decimal(value);
    }],
    [/std\.? ?dev|stdev|standard deviation/, num((s) => `${s}_stdev_daily_pct`, percent)],
    [/volatil/, num((s) => `${s}_volatility`, percent)],
    [/drawdown/, num((s) => `${s}_max_drawdown`, percent)],
    [/(?:average|mean|avg\.?) (?:daily|session)(?! (?:trading )?vol)/, num((s) => `${s}_mean_daily_pct`, signedPercent)],
    [/\bstart(?:ing)? close|first close|close at (?:the )?start/, num((s) => `${s}_start_close`, money)],
    [/\brange\b/, num((s) => `${s}_range_pct`, percent)],
    [/market ?cap|mkt ?cap|market value/, num((s) => `${s}_market_cap`, money)],
    [/p\/?e\b|price[- ]to[- ]earnings/, num((s) => `${s}_pe`, decimal)],
    [/\beps\b/, num((s) => `${s}_eps`, money)],
    [/52[- ]?w(?:ee)?k high|year high|yearly high/, num((s) => `${s}_year_high`, money)],
    [/52[- ]?w(?:ee)?k low|year low|yearly low/, num((s) => `${s}_year_low`, money)],
    [/\bbeta\b/, num((s) => `${s}_beta`, decimal)],
    [/dividend/, num((s) => `${s}_last_dividend`, money)],
    [/\bceo\b|chief executive/, text((s) => `${s}_ceo`)],
    [/employees|headcount|staff/, num((s) => `${s}_employees`, count)],
    [/\bsector\b/, text((s) => `${s}_sector`)],
    [/\bindustry\b/, text((s) => `${s}_industry`)],
    [/\bexchange\b|\blisting\b|\blisted\b/, text((s) => `${s}_exchange`)],
    [/\bwebsite\b|\burl\b/, text((s) => `${s}_website`)],
    [/\bcountry\b|\bheadquarter|\bhq\b/, text((s) => `${s}_country`)],
    [/\bipo\b|went public|listing date/, text((s) => `${s}_ipo_date`)],
    // Where the plan measured a window, its average daily volume (unless the column names the 50-session one); else the quote's.
    // "volume / 50d adv", "volume vs 50-session average", "vol ratio", "rvol": the session's volume over its average.
    [/\bvol(?:ume)?\b\s*(?:\/|vs\.?|versus|against|to|÷|over)\s*(?:its |the )?(?:\d+[- ]?(?:d|day|session)s?\s*)?(?:average|avg|adv)\b|\bvol(?:ume)? (?:ratio|multiple)\b|\brvol\b|\brelative volume\b/, (facts, subject) => {
      const ratio = facts.peek((reader) => reader.record('volume_ratio'))?.[subject.symbol];
      if (typeof ratio === 'number') return `${decimal(facts.record('volume_ratio')![subject.symbol] as number)}x`;
      const versus = facts.peek((reader) => reader.record('volume_vs_avg_pct'))?.[subject.symbol];
      if (typeof versus === 'number') return `${signedPercent(facts.record('volume_vs_avg_pct')![subject.symbol] as number)} vs average`;
      const volume = facts.peek((reader) => reader.number(`${subject.slug}_volume`));
      const average = facts.peek((reader) => reader.number(`${subject.slug}_avg_volume`));
      return volume === undefined || average === undefined ? undefined : `${count(facts.number(`${subject.slug}_volume`)!)} vs ${count(facts.number(`${subject.slug}_avg_volume`)!)} average`;
    }],
    [/\bav(?:g|erage)\.? (?:daily )?(?:trading )?vol|average volume/, (facts, subject) => {
      const windowAverage = !/\b50\b|\bfifty\b|3-?month/.test(c) && facts.peek((reader) => reader.number(`${subject.slug}_avg_daily_volume`)) !== undefined;
      const key = windowAverage ? `${subject.slug}_avg_daily_volume` : `${subject.slug}_avg_volume`;
      const value = facts.number(key);
      return value === undefined ? undefined : count(value);
    }],
    [/\bvolume\b(?!.*\b(?:vs|versus|against|ratio|multiple)\b)/, num((s) => `${s}_volume`, count)],
    // "5d ret %", "5-session %" is the window's change; "1d ret %", "Today %" the day's, whatever window the prompt asks.
    [/\b(?:[2-9]|\d{2,3})[- ]?(?:d|days?|sessions?|bars?)\b/, change(true)],
    [/\b1[- ]?d(?:ay)?\b|\btoday\b|\bon the day\b|\bdaily\b|\bday\b/, change(false)],
    [/%|percent|pct|\bchange\b|\bchg\b|\bmove\b|\breturn\b|\bret\b|\bgain\b|\bperformance\b/, change(windowAsked || WINDOWED.test(c))],
    [/\bclose\b|\bclosing\b|\bprice\b|\blast\b|\bend close\b/, close],
  ];
  return rules.find(([pattern]) => pattern.test(c))?.[1];
}

/**
 * The order the rows take: by the size of the move when the ranking is absolute ("no matter the direction"), else
 * the plan's ranking of exactly these names when it has one, else the subjects' order.
 */
function rowOrder(facts: FactReader, subjects: Subject[], order: 'absolute' | 'signed' | 'plan', windowed: boolean): Subject[] {
  const move = (subject: Subject) => facts.peek((reader) => reader.number(`${subject.slug}_${windowed ? 'return_n' : 'change_pct'}`) ?? reader.number(`${subject.slug}_return_n`)) ?? 0;
  if (order === 'absolute') return [...subjects].sort((a, b) => Math.abs(move(b)) - Math.abs(move(a)));
  if (order === 'signed') return [...subjects].sort((a, b) => move(b) - move(a));
  const symbols = subjects.map((subject) => subject.symbol);
  for (const key of facts.keys(/_ranking$/)) {
    const ranking = facts.peek((reader) => reader.list(key));
    if (!ranking || ranking.length !== symbols.length || !symbols.every((symbol) => ranking.includes(symbol))) continue;
    facts.list(key);
    return ranking.map((symbol) => subjects.find((subject) => subject.symbol === symbol)!);
  }
  return subjects;
}

/** A column as the prompt wrote it ("% Change", "vs DIA (pp)"), else as the form read it. */
export function asWritten(column: string, prompt: string): string {
  const at = prompt.toLowerCase().replace(/[’‘]/g, "'").indexOf(column);
  return at >= 0 ? prompt.slice(at, at + column.length) : column;
}

const headerOf = (column: string) => spansInWords(column).replace(/^\w/, (letter) => letter.toUpperCase());

const markdownTable = (header: string[], rows: string[][]) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

const cellText = (value: string) => value.replace(/\|/g, '/').replace(/\s*\n\s*/g, ' ');

/**
 * A markdown table with exactly the columns the prompt named, one row per subject in the plan's ranking order.
 * Undefined when a column has no value for any subject (the caller then writes its general table).
 */
export function columnTable(columns: readonly string[], subjects: Subject[], facts: FactReader, options: { windowed: boolean; absolute: boolean; stance?: Cell }): string | undefined {
  if (subjects.length === 0) return undefined;
  const cells = columns.map((column) => (options.stance && /\bstance\b|\bview\b|\bcall\b|rating|recommendation/.test(column.toLowerCase()) ? options.stance : cellFor(column, options.windowed, subjects)));
  if (cells.some((cell) => cell === undefined)) return undefined;
  // "Signed rank, Ticker, % change, Absolute rank": the rows go by the signed move, the other rank is a column.
  const order = columns.some((column) => /^signed (?:rank|position|place)$/i.test(column)) ? 'signed' : options.absolute ? 'absolute' : 'plan';
  const ordered = facts.peek((reader) => rowOrder(reader, subjects, order, options.windowed));
  const probe = facts.peek((reader) => cells.map((cell) => ordered.some((subject, index) => cell!(reader, subject, index + 1) !== undefined)));
  if (probe.some((found) => !found)) return undefined;
  const rows = rowOrder(facts, subjects, order, options.windowed).map((subject, index) => cells.map((cell) => cellText(cell!(facts, subject, index + 1) ?? 'n/a')));
  return markdownTable(columns.map(headerOf), rows);
}

/** What a headline table's column reads from each listed article; undefined for a column that is not an article field. */
function articleField(column: string): ((index: number, lists: ArticleLists) => string | undefined) | undefined {
  const c = column.toLowerCase();
  if (/^(?:headline|title|story|article)s?$/.test(c)) return (index, lists) => lists.titles[index];
  if (/^(?:outlet|source|publisher|publication|site)s?$/.test(c)) return (index, lists) => lists.publishers[index];
  if (/^(?:(?:publication |publish(?:ed)? )?date|published|time|timestamp)$/.test(c)) return (index, lists) => lists.dates[index];
  if (/^(?:link|url|article url)s?$/.test(c)) return (index, lists) => lists.urls[index];
  if (/^(?:ticker|symbol|company|name)$/.test(c)) return (_index, lists) => lists.symbol;
  if (/^(?:sentiment|tone)$/.test(c)) return (index, lists) => lists.sentiments[index];
  return undefined;
}

interface ArticleLists { symbol: string; titles: string[]; publishers: Array<string | undefined>; dates: string[]; urls: string[]; sentiments: string[] }

/**
 * A table whose columns are article fields ("Headline, Outlet, Date and Link"): a row per listed headline, the
 * subjects' in turn, as many per subject as the list asked. Undefined when a column is not an article field or a
 * subject's articles are missing.
 */
export function headlineTable(columns: readonly string[], subjects: Subject[], facts: FactReader, perSubject: number): string | undefined {
  const fields = columns.map(articleField);
  if (subjects.length === 0 || fields.some((field) => field === undefined) || !columns.some((column) => /headline|title|story|article/i.test(column))) return undefined;
  const lists = subjects.map((subject) => facts.peek((reader) => {
    const titles = reader.list(`${subject.slug}_titles`) as string[] | undefined;
    return titles ? { subject, titles } : undefined;
  }));
  if (lists.some((list) => !list || list.titles.length < perSubject)) return undefined;
  const rows = subjects.flatMap((subject) => {
    const s = subject.slug;
    const article: ArticleLists = {
      symbol: subject.symbol,
      titles: facts.list(`${s}_titles`) as string[],
      publishers: columns.some((column) => /outlet|source|publisher|publication$|site/i.test(column)) ? publisherNames(facts, `${s}_publishers`) ?? [] : [],
      dates: columns.some((column) => /date|published|time/i.test(column)) ? (facts.list(`${s}_published`) ?? []) as string[] : [],
      urls: columns.some((column) => /link|url/i.test(column)) ? (facts.list(`${s}_urls`) ?? []) as string[] : [],
      sentiments: columns.some((column) => /sentiment|tone/i.test(column)) ? (facts.list(`${s}_sentiments`) ?? []) as string[] : [],
    };
    return Array.from({ length: perSubject }, (_unused, index) => fields.map((field) => cellText(field!(index, article) ?? 'n/a')));
  });
  return markdownTable(columns.map(headerOf), rows);
}

/**
 * A table of the market movers with the asked columns ("Ticker, Price, % Change"): a row per listed gainer, then per
 * loser, in the tool's order. Undefined when no movers were listed or a column is not a mover field.
 */
export function moverTable(columns: readonly string[], facts: FactReader): string | undefined {
  const lists = (['gainers', 'losers'] as const).filter((list) => facts.peek((reader) => reader.list(`${list}_symbols`)));
  if (lists.length === 0) return undefined;
  type Mover = { symbol: string; name?: string; change?: number; price?: number; list: string; index: number };
  // A listed mover the plan quoted after the list (`top_gainer`, `top_gainer_2`, …): its volume and average.
  const followed = (mover: Mover, key: 'volume' | 'avg_volume') => {
    const slug = `${mover.list === 'gainers' ? 'top_gainer' : 'top_loser'}${mover.index === 0 ? '' : `_${mover.index + 1}`}`;
    return facts.peek((reader) => reader.number(`${slug}_${key}`)) === undefined ? undefined : facts.number(`${slug}_${key}`);
  };
  const field = (column: string): ((mover: Mover, rank: number) => string | undefined) | undefined => {
    const c = column.toLowerCase();
    if (/^(?:#|no\.?|rank|position|place)$/.test(c)) return (_mover, rank) => ORDINALS[rank - 1] ?? `number ${rank}`;
    if (/\bticker\b|\bsymbol\b/.test(c)) return (mover) => mover.symbol;
    if (/^(?:name|company|company name)$/.test(c)) return (mover) => mover.name ?? mover.symbol;
    if (/%|percent|pct|\bchange\b|\bchg\b|\bmove\b|\bgain\b/.test(c)) return (mover) => (mover.change === undefined ? undefined : signedPercent(mover.change));
    if (/\bprice\b|\bclose\b|\blast\b/.test(c)) return (mover) => (mover.price === undefined ? undefined : money(mover.price));
    if (/^(?:list|side|direction|type)$/.test(c)) return (mover) => (mover.list === 'gainers' ? 'gainer' : 'loser');
    if (/\bvol(?:ume)?\b[^,]*\b(?:average|avg|adv)\b|\brvol\b|\brelative volume\b/.test(c)) return (mover) => {
      const [volume, average] = [followed(mover, 'volume'), followed(mover, 'avg_volume')];
      return volume === undefined || average === undefined ? undefined : `${count(volume)} vs ${count(average)} average`;
    };
    if (/\bvolume\b/.test(c)) return (mover) => { const volume = followed(mover, 'volume'); return volume === undefined ? undefined : count(volume); };
    return undefined;
  };
  const cells = columns.map(field);
  if (cells.some((cell) => cell === undefined)) return undefined;
  const movers: Mover[] = lists.flatMap((list) => {
    const symbols = facts.list(`${list}_symbols`) as string[];
    const names = (facts.list(`${list}_names`) ?? []) as string[];
    const changes = columns.some((column) => /%|percent|pct|change|chg|move|gain/i.test(column)) ? (facts.list(`${list}_changes`) ?? []) as number[] : [];
    const prices = columns.some((column) => /price|close|last/i.test(column)) ? (facts.list(`${list}_prices`) ?? []) as number[] : [];
    return symbols.map((symbol, index) => ({ symbol, name: names[index], change: changes[index], price: prices[index], list, index }));
  });
  const rows = movers.map((mover, index) => cells.map((cell) => cellText(cell!(mover, index + 1) ?? 'n/a')));
  return markdownTable(columns.map(headerOf), rows);
}
