import type { TopicId } from '../../contract.js';
import { mulberry32, shuffleInPlace } from '../lexical/linear-model.js';
import type { TrainingExample } from '../types.js';
import type { RiskDetection } from './detector.js';
import type { RiskExample } from './examples.js';

// Ordinary questions as negatives for the risk classifier. The labelled risk examples are mostly
// about risk (positives and hard negatives), so alone they teach nothing about "when does my
// registration end?", and the classifier then fires on anything unfamiliar. Topic examples of
// topics that are not about an abuse, in every language, fill that gap; an example on which a
// risk cue fires is left out (it may describe a real situation).

// Topics where people describe their own trouble (hotline: "he hit me, who do I call?"; legal_aid,
// complaint, talk_to_human, detention, work abroad) are left out: their paraphrased dangers that no
// cue catches would otherwise be learned as "no risk".
const ORDINARY_TOPICS: readonly TopicId[] = [
  'registration', 'work_permit', 'irregular_status', 'employer_wont_register', 'employment_contract',
  'privacy', 'greeting', 'thanks', 'about_bot', 'out_of_scope',
];

/** Up to `max` negatives, spread evenly over languages and topics (deterministic). */
export function ordinaryNegatives(examples: readonly TrainingExample[], detect: (text: string, lang: string) => RiskDetection, max = 1000): RiskExample[] {
  const byGroup = new Map<string, TrainingExample[]>();
  for (const e of examples) {
    if (!ORDINARY_TOPICS.includes(e.topic)) continue;
    const key = `${e.lang}\u0000${e.topic}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), e]);
  }
  const random = mulberry32(23);
  const queues = [...byGroup.values()].map((g) => shuffleInPlace([...g], random));
  const out: RiskExample[] = [];
  // Round-robin over the groups, so small languages are not crowded out by big ones.
  for (let round = 0; out.length < max && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const e = q[round];
      if (!e || out.length >= max) continue;
      const d = detect(e.text, e.lang);
      if (d.indicators.length > 0) continue;
      out.push({ text: e.text, lang: e.lang, indicators: [], level: 'none' });
    }
  }
  return out;
}
