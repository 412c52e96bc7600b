import type { SkyRLSample } from './skyrl-sample.ts';

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** A few readable lines about one sample: prompt, plan, reference, provenance (for `forge inspect`). */
export function describeSample(sample: SkyRLSample, width = 160): string {
  const truth = sample.reward_spec.ground_truth;
  const info = sample.extra_info;
  const requirements = truth.analysis_rubric.final_answer_requirements;
  const lines = [
    `── ${info.prompt_id} · ${truth.complexity} · sample ${info.sample_id}`,
    `user:    ${clip(sample.prompt[1].content, width)}`,
    `system:  ${sample.prompt[0].content.length} chars, ${info.task_metadata.tools_available.length} tools`,
    `plan:    ${truth.tool_sequence.length} steps · max_turns ${truth.max_turns} · must call ${truth.success.must_call_tool} · ≤${truth.limits.max_servers} servers`,
  ];
  for (const step of truth.tool_sequence) {
    const crumb = info.task_metadata.exec_breadcrumbs.steps.find((entry) => entry.step === step.step);
    const status = crumb ? `${crumb.accept_pass ? 'accepted' : 'NOT accepted'}, ${crumb.result_summary.latency_ms} ms` : 'not run';
    lines.push(`  ${step.step}. ${step.server}.${step.tool} ${clip(JSON.stringify(step.params), width - 30)}  [${status}]`);
    const analysis = step.analysis_requirements;
    const parts = [
      analysis.extract.length ? `extract ${analysis.extract.join(', ')}` : '',
      analysis.compute.length ? `compute ${analysis.compute.join(', ')}` : '',
      analysis.select.length ? `select ${analysis.select.join(', ')}` : '',
      analysis.accept_if.length ? `accept_if ${analysis.accept_if.join(' and ')}` : '',
    ].filter(Boolean);
    if (parts.length) lines.push(`     ${clip(parts.join(' · '), width - 5)}`);
  }
  lines.push(
    `answer:  ${requirements.format}; must include ${requirements.must_include.join(', ') || '—'}`,
    `reference: ${clip(truth.final_reference.answer_text, width)}`,
    `facts:   ${clip(Object.entries(truth.final_reference.facts).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', '), width)}`,
    `from:    planner ${info.planner} · model ${info.model} · snapshot ${info.snapshot_id} (${info.as_of}) · generated ${info.generated_at}`,
  );
  return lines.join('\n');
}
