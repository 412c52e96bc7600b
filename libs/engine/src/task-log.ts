/** The per-task log of one entry: plan, resolved args, tool output summaries and verdicts, as readable lines. */
export class TaskLog {
  private readonly lines: string[] = [];

  constructor(private readonly now: () => number) {}

  /** Adds one timestamped line; objects are rendered as compact JSON. */
  add(section: string, message: string, detail?: unknown): void {
    const time = new Date(this.now()).toISOString();
    const rendered = detail === undefined ? '' : ` ${safeJson(detail)}`;
    this.lines.push(`${time} [${section}] ${message}${rendered}`);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A prompt id made safe to be part of a file name. */
export function taskLogName(promptId: string): string {
  return `task_${promptId.replace(/[^A-Za-z0-9._-]/g, '_')}.log`;
}
