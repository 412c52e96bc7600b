import { ForgeError } from '@forge/errors';
import type { PlanIssue } from '@forge/plan';

export interface PlanningErrorContext {
  entryId: string;
  /** Error-severity issues of the last plan the model wrote (or why its reply could not be read). */
  issues: PlanIssue[];
  /** Repair rounds spent before giving up. */
  repairs: number;
  planner: string;
}

function describeIssue(issue: PlanIssue): string {
  const where = [issue.step !== undefined ? `step ${issue.step}` : undefined, issue.field || undefined].filter(Boolean).join(' ');
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

/** No acceptable plan after the allowed repair rounds; a per-entry failure, not a crash. */
export class PlanningError extends ForgeError {
  readonly issues: PlanIssue[];
  readonly repairs: number;

  constructor(context: PlanningErrorContext) {
    const shown = context.issues.slice(0, 3).map(describeIssue).join('; ');
    const more = context.issues.length > 3 ? ` (+${context.issues.length - 3} more)` : '';
    super({
      entryId: context.entryId,
      problem: `${context.planner} planner gave no valid plan after ${context.repairs} repair round${context.repairs === 1 ? '' : 's'}: ${shown}${more}`,
      hint: 'see the issues; a stronger model, more --max-repairs or the rule planner may help',
    });
    this.issues = context.issues;
    this.repairs = context.repairs;
  }
}
