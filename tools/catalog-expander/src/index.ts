export { expandCatalog } from './expand-catalog.ts';
export type { ExpandedEntry, ExpandOptions } from './expand-catalog.ts';
export { PHRASING_TEMPLATES, OPENINGS } from './phrasing-templates.ts';
export type { PhrasingTemplate } from './phrasing-templates.ts';
export { readUniverse, toUniverse, shortName } from './universe.ts';
export type { UniverseMember } from './universe.ts';
