import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';

/** sha256 and size of a file, streamed; null hash and 0 bytes when it does not exist. */
export async function hashFile(path: string): Promise<{ sha256: string | null; bytes: number }> {
  try {
    const info = await stat(path);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { sha256: hash.digest('hex'), bytes: info.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sha256: null, bytes: 0 };
    throw error;
  }
}
