import type { TopicId } from '../contract.js';
import type { ContactRow } from '../knowledge/contact-queries.js';
import type { CaseSummary, TranscriptEntry } from '../handoff/case-queries.js';
import type { Nlu, TrainingExample } from '../nlu/types.js';

// What the console needs from the other modules, in the console's own words. The adapters in
// ./content/ map these onto the real query functions of nlu, knowledge and handoff (their SQL stays
// theirs); tests may pass fakes for any of them. Answers are used straight from
// src/knowledge/answer-queries.ts (routes/answers.ts).

export interface ExampleRow {
  id: number;
  topic: string;
  lang: string;
  text: string;
  source?: string;
}

export interface TrainingPort {
  list(filter: { topic?: TopicId; lang?: string }): ExampleRow[];
  counts(): { topic: string; lang: string; n: number }[];
  add(input: { topic: TopicId; lang: string; text: string; author: string; origin?: 'admin' | 'missed' }): void;
  move(id: number, topic: TopicId, author: string): void;
  remove(id: number, author: string): void;
  all(): TrainingExample[];
}

export interface ContactPort {
  /** Every entry, verified or not (ContactRow of src/knowledge/contact-queries.ts). */
  list(): ContactRow[];
  setVerified(id: string, verified: boolean, by: string, now: number): boolean;
}

export interface CasePort {
  /** Open (waiting, claimed) and closed cases; CaseSummary carries no user identifier. */
  list(now: number): CaseSummary[];
  transcript(id: number, now: number): { summary: CaseSummary; lines: TranscriptEntry[] } | undefined;
}

export interface EvalFigures {
  n: number;
  accuracy: number;
  macroF1?: number;
  /** 'labelled' = intents/eval/labelled.jsonl; 'held-out' = a slice of the training examples. */
  set: 'labelled' | 'held-out';
}

export interface EvalPort {
  evaluate(nlu: Nlu, examples: readonly TrainingExample[]): Promise<EvalFigures>;
}

export interface AdminPorts {
  training: TrainingPort;
  contacts: ContactPort;
  cases: CasePort;
  evaluation: EvalPort;
}
