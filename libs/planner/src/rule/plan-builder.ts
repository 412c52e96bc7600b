import type { Step } from '@forge/plan';

export interface StepRequirements {
  extract?: string[];
  compute?: string[];
  select?: string[];
  accept_if?: string[];
  next_args_from?: string;
}

/** Collects steps in order, numbering them and remembering which facts the answer must carry. */
export class PlanBuilder {
  readonly steps: Step[] = [];
  readonly mustInclude: string[] = [];
  readonly groundedFrom: string[] = [];
  readonly criteria: string[] = [];

  add(server: string, tool: string, params: Record<string, unknown>, requirements: StepRequirements): Step {
    const step: Step = {
      step: this.steps.length + 1,
      server,
      tool,
      params,
      analysis_requirements: {
        extract: requirements.extract ?? [],
        compute: requirements.compute ?? [],
        select: requirements.select ?? [],
        accept_if: requirements.accept_if ?? [],
        ...(requirements.next_args_from ? { next_args_from: requirements.next_args_from } : {}),
      },
    };
    this.steps.push(step);
    const produced = [...step.analysis_requirements.extract, ...step.analysis_requirements.compute, ...step.analysis_requirements.select];
    for (const statement of produced) {
      const name = /^\s*([A-Za-z_]\w*)\s+=\s+/.exec(statement)?.[1];
      if (name && !this.groundedFrom.includes(name)) this.groundedFrom.push(name);
    }
    return step;
  }

  has(tool: string, symbol?: string): boolean {
    return this.steps.some((step) => step.tool === tool && (symbol === undefined || Object.values(step.params).includes(symbol)));
  }

  require(...keys: string[]): void {
    for (const key of keys) if (!this.mustInclude.includes(key)) this.mustInclude.push(key);
  }

  /** Adds an acceptance condition to the step that extracts `key` (none when no step does). */
  acceptWhere(key: string, condition: string): void {
    const step = this.steps.find((candidate) => candidate.analysis_requirements.extract.some((line) => line.startsWith(`${key} = `)));
    if (step && !step.analysis_requirements.accept_if.includes(condition)) step.analysis_requirements.accept_if.push(condition);
  }

  criterion(text: string): void {
    this.criteria.push(text);
  }
}
