/**
 * Python computation steps of rule plans. Plan placeholders render values as text (lists as JSON, None as
 * "None"), so every snippet decodes its inputs first; results are rounded so an answer can quote them exactly.
 */

const PRELUDE = [
  'def num(x):',
  '    if x is None or x == "None" or x == "":',
  '        return None',
  '    return x if isinstance(x, (int, float)) else float(x)',
  'def arr(x):',
  '    v = json.loads(x) if isinstance(x, str) else x',
  '    return v if isinstance(v, list) else []',
  'def pct(a, b):',
  '    return None if a is None or b in (None, 0) else round((a / b - 1) * 100, 2)',
].join('\n');

/** A snippet with the shared decoding helpers (num, arr, pct) in front. */
export const snippet = (...lines: string[]) => `${PRELUDE}\n${lines.join('\n')}`;

/** Closes and volumes of daily bars → last n closes, n-session % change, volume direction, average volume. */
export const TREND_CODE = snippet(
  'n = int(n)',
  'closes = [num(c) for c in arr(closes)]',
  'volumes = [num(v) for v in arr(volumes)]',
  'window = closes[-(n + 1):]',
  'vols = volumes[-n:]',
  'result = {',
  '    "n": n,',
  '    "closes": [round(c, 2) for c in window[1:]],',
  '    "start_close": round(window[0], 2),',
  '    "end_close": round(window[-1], 2),',
  '    "day_pct": pct(closes[-1], closes[-2]) if len(closes) > 1 else None,',
  '    "pct_change": pct(window[-1], window[0]),',
  '    "volume_trend": "rose" if vols[-1] > vols[0] else "fell",',
  '    "first_volume": int(vols[0]),',
  '    "last_volume": int(vols[-1]),',
  '    "avg_volume": int(round(sum(vols) / len(vols))),',
  '    "avg_close": round(sum(window[1:]) / n, 2),',
  '    "above_avg_close": window[-1] > sum(window[1:]) / n,',
  '}',
);

/** {symbol: value} → ranking high to low (or low to high), leader, laggard, and names below a decline threshold. */
export const RANK_FUNCTION = [
  'def rank(values, threshold, ascending):',
  '    order = sorted(values, key=lambda k: values[k], reverse=str(ascending) != "True")',
  // (No num(): a per-name step calls this outside the helpers' scope.)
  '    limit = None if threshold is None or str(threshold) in ("None", "") else float(threshold)',
  '    return {',
  '        "ranking": order,',
  '        "values": {k: round(values[k], 2) for k in order},',
  '        "leader": order[0],',
  '        "laggard": order[-1],',
  '        "spread": round(values[order[0]] - values[order[-1]], 2),',
  '        "ratio": round(values[order[0]] / values[order[-1]], 2) if values[order[-1]] else None,',
  '        "flagged": [k for k in order if limit is not None and values[k] < -limit],',
  '    }',
].join('\n');

export const RANK_CODE = snippet(
  RANK_FUNCTION,
  'result = rank({k: num(v) for k, v in data.items() if num(v) is not None}, threshold, ascending)',
);

/** {symbol: {volume, avg}} → % above or below average volume per symbol. */
export const VOLUME_VS_AVERAGE_CODE = snippet(
  'limit = num(threshold) or 1.0',
  'result = {"pct_vs_avg": {}, "above_average": {}, "ratio": {}, "over": [], "threshold": limit}',
  'for k, v in data.items():',
  '    vol, avg = num(v["volume"]), num(v["avg"])',
  '    result["pct_vs_avg"][k] = pct(vol, avg)',
  '    result["above_average"][k] = vol is not None and avg is not None and vol > avg',
  '    result["ratio"][k] = None if vol is None or not avg else round(vol / avg, 2)',
  '    if result["ratio"][k] is not None and result["ratio"][k] > limit:',
  '        result["over"].append(k)',
);

/** Insights and titles of news items → sentiment per headline for the symbol, overall tone, risks, opportunities. */
export const SENTIMENT_CODE = snippet(
  'items = arr(insights)[: int(count)]',
  'heads = arr(titles)[: int(count)]',
  'labels = []',
  'for item in items:',
  '    mine = [i.get("sentiment") for i in (item or []) if isinstance(i, dict) and i.get("ticker") == ticker]',
  '    other = [i.get("sentiment") for i in (item or []) if isinstance(i, dict)]',
  '    labels.append((mine or other or ["neutral"])[0])',
  'counts = {s: labels.count(s) for s in ("positive", "negative", "neutral")}',
  'tone = "mixed" if counts["positive"] == counts["negative"] and counts["positive"] > 0 else max(counts, key=lambda s: counts[s])',
  'result = {',
  '    "labels": labels,',
  '    "labelled": [{"title": t, "sentiment": s} for t, s in zip(heads, labels)],',
  '    "top_sentiment": labels[0] if labels else None,',
  '    "overall": tone,',
  '    "risks": [t for t, s in zip(heads, labels) if s == "negative"],',
  '    "opportunities": [t for t, s in zip(heads, labels) if s == "positive"],',
  '}',
);

/** Today's % moves and n-session returns of a symbol and a benchmark → excess returns in percentage points. */
export const EXCESS_RETURN_CODE = snippet(
  'a_day, b_day = num(a_today), num(b_today)',
  'a_n, b_n = num(a_period), num(b_period)',
  'def diff(a, b):',
  '    return None if a is None or b is None else round(a - b, 2)',
  'result = {',
  '    "excess_today": diff(a_day, b_day),',
  '    "excess_period": diff(a_n, b_n),',
  '    "outperformed_today": diff(a_day, b_day) is not None and a_day > b_day,',
  '    "outperformed_period": diff(a_n, b_n) is not None and a_n > b_n,',
  '}',
);

/** FMP quote vs Polygon session bar → whether the two sources agree on the close and the direction. */
export const FACT_CHECK_CODE = snippet(
  'q_price, q_prev, p_close = num(quote_price), num(quote_prev_close), num(polygon_close)',
  'result = {',
  '    "quote_price": q_price,',
  '    "polygon_close": p_close,',
  '    "difference": round(abs(q_price - p_close), 4),',
  '    "sources_agree": abs(q_price - p_close) <= 0.01 * max(abs(q_price), 1),',
  '    "rose": q_price > q_prev,',
  '}',
);

/** Income statements (newest first) → growth per period, margins per period, and whether margins improve. */
export const INCOME_CODE = snippet(
  'result = {"revenue_growth": {}, "net_income_growth": {}, "net_margin": {}, "gross_margin": {}, "operating_margin": {}, "improving": {}, "periods": {}}',
  'for k, v in data.items():',
  '    rev = [num(x) for x in arr(v["revenue"])]',
  '    ni = [num(x) for x in arr(v["net_income"])]',
  '    gp = [num(x) for x in arr(v["gross_profit"])]',
  '    op = [num(x) for x in arr(v.get("operating_income", "[]"))]',
  '    result["periods"][k] = arr(v["dates"])',
  '    result["revenue_growth"][k] = [pct(rev[i], rev[i + 1]) for i in range(len(rev) - 1)]',
  '    result["net_income_growth"][k] = [pct(ni[i], ni[i + 1]) for i in range(len(ni) - 1)]',
  '    result["net_margin"][k] = [round(n / r * 100, 2) for n, r in zip(ni, rev)]',
  '    result["gross_margin"][k] = [round(g / r * 100, 2) for g, r in zip(gp, rev)]',
  '    result["operating_margin"][k] = [round(o / r * 100, 2) for o, r in zip(op, rev)]',
  '    result["improving"][k] = len(ni) > 1 and ni[0] / rev[0] > ni[1] / rev[1]',
  '    result.setdefault("net_income", {})[k] = ni',
  '    result.setdefault("revenue", {})[k] = rev',
  '    g = result["revenue_growth"][k]',
  '    result.setdefault("growth_trend", {})[k] = None if len(g) < 2 or None in g[:2] else ("accelerating" if g[0] > g[1] else "slowing" if g[0] < g[1] else "steady")',
  '    result.setdefault("rnd", {})[k] = [num(x) for x in arr(v.get("rnd", "[]"))]',
  '    result.setdefault("eps_diluted", {})[k] = [num(x) for x in arr(v.get("eps_diluted", "[]"))]',
  '    result.setdefault("revenue_yoy", {})[k] = pct(rev[0], rev[4]) if len(rev) >= 5 else None',
  'latest = {k: g[0] for k, g in result["revenue_growth"].items() if g and g[0] is not None}',
  'result["revenue_growth_ranking"] = sorted(latest, key=lambda k: latest[k], reverse=True)',
  'floor_at, floor_of = num(floor), str(floor_kind)',
  'if floor_at is not None:',
  '    result["floor"] = floor_at',
  '    result["floor_kind"] = floor_of.replace("_", " ")',
  '    result["below_floor"] = {k: [d for d, m in zip(result["periods"][k], result[floor_of][k]) if m < floor_at] for k in result[floor_of]}',
  'trend = lambda m: "up" if m[0] > m[-1] else "down" if m[0] < m[-1] else "flat"',
  'result["direction"] = {kind: {k: trend(m) for k, m in result[kind].items() if m} for kind in ("net_margin", "gross_margin", "operating_margin")}',
  'for kind in ("net_margin", "gross_margin", "operating_margin", "net_income_growth"):',
  '    latest_margin = {k: m[0] for k, m in result[kind].items() if m and m[0] is not None}',
  '    result[kind + "_ranking"] = sorted(latest_margin, key=lambda k: latest_margin[k], reverse=True)',
  '    result["latest_" + kind] = latest_margin',
);

/** Price and 52-week high/low → % below the high and % above the low. */
export const RANGE_POSITION_CODE = snippet(
  'p, hi, lo = num(price), num(high), num(low)',
  'result = {',
  '    "pct_below_high": None if p is None or not hi else round((1 - p / hi) * 100, 2),',
  '    "pct_above_low": pct(p, lo),',
  '}',
);

/**
 * TREND_CODE plus statistics of the window: annualised volatility of daily log returns, the mean and sample standard
 * deviation of the daily percent changes, the best and worst
 * single-session percent change with their dates, the deepest drawdown from a running peak close, and the
 * latest session's volume against the window's average.
 */
export const TREND_STATS_CODE = `${TREND_CODE}
${[
  'import datetime',
  'stamps = [num(x) for x in arr(times)][-(n + 1):]',
  'day = lambda ms: datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%d")',
  'rets = [pct(window[i], window[i - 1]) for i in range(1, len(window))]',
  'logs = [math.log(window[i] / window[i - 1]) for i in range(1, len(window))]',
  'best = max(range(len(rets)), key=lambda i: rets[i])',
  'worst = min(range(len(rets)), key=lambda i: rets[i])',
  'peak, deepest = window[0], 0.0',
  'for c in window:',
  '    peak = max(peak, c)',
  '    deepest = min(deepest, c / peak - 1)',
  'result["volatility"] = round(statistics.stdev(logs) * math.sqrt(252) * 100, 2) if len(logs) > 1 else None',
  'result["best_day_pct"] = rets[best]',
  'result["best_day_date"] = day(stamps[best + 1]) if len(stamps) == len(window) else None',
  'result["worst_day_pct"] = rets[worst]',
  'result["worst_day_date"] = day(stamps[worst + 1]) if len(stamps) == len(window) else None',
  'result["max_drawdown"] = round(-deepest * 100, 2)',
  // The daily % changes themselves: their mean and sample standard deviation (not annualised).
  'daily = [(window[i] / window[i - 1] - 1) * 100 for i in range(1, len(window))]',
  'result["mean_daily_pct"] = round(statistics.mean(daily), 2) if daily else None',
  'result["stdev_daily_pct"] = round(statistics.stdev(daily), 2) if len(daily) > 1 else None',
  // The window's high-low range (its sessions' highs and lows) as a percent of the window's low.
  'hs = [num(x) for x in arr(highs)][-n:]',
  'ls = [num(x) for x in arr(lows)][-n:]',
  'result["range_pct"] = round((max(hs) - min(ls)) / min(ls) * 100, 2) if hs and ls and min(ls) else None',
  'result["last_vs_avg_volume"] = pct(vols[-1], sum(vols) / len(vols))',
  // "z of today's move (1d ret / stdev of prior 20 daily rets)": the latest change over the n changes before it.
  'prior = [(closes[i] / closes[i - 1] - 1) * 100 for i in range(len(closes) - n - 1, len(closes) - 1)] if len(closes) >= n + 2 else []',
  'sd_prior = statistics.stdev(prior) if len(prior) > 1 else None',
  'today = (closes[-1] / closes[-2] - 1) * 100 if len(closes) > 1 else None',
  'result["prior_stdev_pct"] = round(sd_prior, 2) if sd_prior else None',
  'result["move_z"] = round(today / sd_prior, 2) if sd_prior and today is not None else None',
].join('\n')}`;

/** Quote fields → % of the price above (+) or below (−) its moving averages, and the day's range as % of the previous close. */
export const QUOTE_GAP_CODE = snippet(
  'p, prev = num(price), num(prev_close)',
  'hi, lo = num(day_high), num(day_low)',
  'result = {',
  '    "pct_vs_avg50": pct(p, num(avg50)),',
  '    "pct_vs_avg200": pct(p, num(avg200)),',
  '    "day_range_pct": None if hi is None or lo is None or not prev else round((hi - lo) / prev * 100, 2),',
  '}',
);
