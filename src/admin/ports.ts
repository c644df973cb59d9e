import type { TopicId } from '../contract.js';
import type { ContactRow } from '../knowledge/contact-queries.js';
import type { CaseSummary, TranscriptEntry } from '../handoff/case-queries.js';
import type { EvalRun } from '../nlu/eval-runs.js';
import type { EvalMetrics } from '../nlu/evaluate.js';
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

/** What a move did: moved; merged (the target topic already had this text, so this copy was dropped); missing. */
export type MoveResult = 'moved' | 'merged' | 'missing';

export interface TrainingPort {
  list(filter: { topic?: TopicId; lang?: string }): ExampleRow[];
  counts(): { topic: string; lang: string; n: number }[];
  /** Returns the example's id (a deleted identical example is revived). */
  add(input: { topic: TopicId; lang: string; text: string; author: string; origin?: 'admin' | 'missed' }): number;
  move(id: number, topic: TopicId, author: string): MoveResult;
  /** False when there was no such live example. */
  remove(id: number, author: string): boolean;
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

/** One evaluation of the NLU: the metrics of src/nlu/evaluate.ts, and which set they are on. */
export interface EvalFigures {
  /** 'labelled' = intents/eval/labelled.jsonl; 'held-out' = a slice of the training examples. */
  set: 'labelled' | 'held-out';
  /** The nlu_eval_runs row (labelled set only: the table has no column saying which set a run used). */
  runId?: number;
  metrics: EvalMetrics;
}

export interface EvalPort {
  evaluate(nlu: Nlu, examples: readonly TrainingExample[]): Promise<EvalFigures>;
  /** Recorded runs on the labelled set, latest first (src/nlu/eval-runs.ts listEvalRuns). */
  history(limit?: number): EvalRun[];
}

export interface AdminPorts {
  training: TrainingPort;
  contacts: ContactPort;
  cases: CasePort;
  evaluation: EvalPort;
}
