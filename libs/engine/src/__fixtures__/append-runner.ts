/**
 * Appends numbered lines four at a time and prints `ack <n>` once line n's append resolved, for the kill -9 test
 * of group commit:   node --import tsx append-runner.ts <file> <count>
 */
import { JsonlAppender } from '../index.ts';

const [file, countText] = process.argv.slice(2);
const appender = await JsonlAppender.open(file!);
const count = Number(countText);
for (let start = 0; start < count; start += 4) {
  await Promise.all(
    [0, 1, 2, 3].map(async (offset) => {
      const n = start + offset;
      await appender.append(JSON.stringify({ n, pad: 'x'.repeat(n % 50) }));
      process.stdout.write(`ack ${n}\n`);
    }),
  );
}
await appender.close();
