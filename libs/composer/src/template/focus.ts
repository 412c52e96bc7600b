/** The facts the plan requires: a clause is written only when the question asked for what it states. */
export type Focus = ReadonlySet<string>;

/** How much a clause says: "full" answers in complete sentences; "brief" keeps only the facts, for word limits. */
export type Style = 'full' | 'brief';
