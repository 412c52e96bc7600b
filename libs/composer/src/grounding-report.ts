/** The verdict of checkGrounding: every number traced to a fact, every required facet present. */
export interface GroundingReport {
  ok: boolean;
  /** Numbers in the answer that match no fact (after allowed rounding and percent/fraction forms). */
  ungrounded: Array<{ text: string; value: number }>;
  /** must_include facets the answer leaves out. */
  missing: string[];
}
