import { replaySample, type Replay, type RecordedCall } from '@forge/replay';
import type { SkyRLSample } from '@forge/sample';

/**
 * The oracle replay of a packaged row: its own plan as the agent's actions over the recorded results, its own
 * reference answer as the final answer, scored as the environment scores it.
 */
export function replayRow(sample: SkyRLSample, recorded: readonly RecordedCall[]): Promise<Replay> {
  const truth = sample.reward_spec.ground_truth;
  const requirements = truth.analysis_rubric.final_answer_requirements;
  return replaySample({
    toolSequence: truth.tool_sequence,
    recorded,
    finalText: truth.final_reference.answer_text,
    requirements: { must_include: requirements.must_include, grounded_from: requirements.grounded_from, target_length_range: truth.judge_rubric.target_length_range },
  });
}
