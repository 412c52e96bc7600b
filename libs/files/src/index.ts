export { sha256 } from './sha256.ts';
export { writeFilesAtomic, writeFileAtomic } from './write-files-atomic.ts';
export type { FileWrite } from './write-files-atomic.ts';
export { StagedWrites } from './staged-writes.ts';
