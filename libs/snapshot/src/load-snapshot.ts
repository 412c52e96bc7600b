import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { BarsFileSchema } from './bar.ts';
import { EventsFileSchema } from './company-event.ts';
import { IncomeFileSchema } from './income-statement.ts';
import { indexSnapshot } from './index-snapshot.ts';
import { MarketCalendarSchema } from './market-calendar.ts';
import { NewsFileSchema } from './news-item.ts';
import { ProfilesFileSchema } from './profile.ts';
import { SearchFileSchema } from './search-document.ts';
import type { Snapshot } from './snapshot.ts';
import { SnapshotError } from './snapshot-error.ts';
import { SnapshotMetaSchema } from './snapshot-meta.ts';

async function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SnapshotError({ file: path, problem: 'cannot read snapshot file', cause: error, hint: 'build it with tools/snapshot/build-snapshot.ts' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError({ file: path, problem: 'not valid JSON', cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError({ file: path, field: issue.path.join('.'), problem: issue.message, cause: parsed.error });
  }
  return parsed.data;
}

/** Reads, validates (zod) and indexes the snapshot in `dir`; throws SnapshotError naming the bad file and field. */
export async function loadSnapshot(dir: string): Promise<Snapshot> {
  const meta = await readJson(dir, 'meta.json', SnapshotMetaSchema);
  const [calendar, profiles, income, news, events, search, bars] = await Promise.all([
    readJson(dir, 'calendar.json', MarketCalendarSchema),
    readJson(dir, 'profiles.json', ProfilesFileSchema),
    readJson(dir, 'income.json', IncomeFileSchema),
    readJson(dir, 'news.json', NewsFileSchema),
    readJson(dir, 'events.json', EventsFileSchema),
    readJson(dir, 'search.json', SearchFileSchema),
    Promise.all(meta.universe.map((symbol) => readJson(dir, `bars/${symbol}.json`, BarsFileSchema))),
  ]);
  return indexSnapshot({ meta, calendar, profiles, bars, income, news, events: events.events, documents: search.documents });
}
