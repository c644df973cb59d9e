import type { TopicId } from '../contract.js';
import type { CaseSummary, TranscriptEntry } from '../handoff/case-queries.js';
import type { Lang } from '../i18n/languages.js';
import type { Source, ReviewState } from '../knowledge/types.js';
import type { Nlu, TrainingExample } from '../nlu/types.js';

// What the console needs from the other modules, in the console's own words. The adapters in
// ./content/ map these onto the real query functions of knowledge, nlu and handoff (their SQL stays
// theirs); tests may pass fakes for any of them.

export interface AnswerCell {
  topic: string;
  lang: Lang;
  review: ReviewState;
  version: number;
  lastChecked?: string;
  updatedAt?: number;
  updatedBy?: string;
}

export interface AnswerDetail extends AnswerCell {
  text: string;
  more?: string;
  sources: Source[];
}

export interface AnswerVersion {
  version: number;
  text: string;
  more?: string;
  review: ReviewState;
  author: string;
  at: number;
}

export interface AnswerInput {
  topic: TopicId;
  lang: Lang;
  text: string;
  more?: string;
  review: ReviewState;
  lastChecked?: string;
  sources?: Source[];
  author: string;
}

export interface AnswerPort {
  list(): AnswerCell[];
  get(topic: TopicId, lang: Lang): AnswerDetail | undefined;
  save(input: AnswerInput): { version: number };
  versions(topic: TopicId, lang: Lang): AnswerVersion[];
  rollback(topic: TopicId, lang: Lang, version: number, author: string): { version: number };
}

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
  add(input: { topic: TopicId; lang: string; text: string; author: string }): void;
  move(id: number, topic: TopicId, author: string): void;
  remove(id: number, author: string): void;
  all(): TrainingExample[];
}

export interface ContactRow {
  id: string;
  name: string;
  helpsWith: string[];
  city?: string;
  phone?: string;
  website?: string;
  email?: string;
  verified: boolean;
  verifiedBy?: string;
  verifiedAt?: number;
  source: string;
}

export interface ContactPort {
  list(): ContactRow[];
  setVerified(id: string, verified: boolean, by: string): boolean;
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
  answers: AnswerPort;
  training: TrainingPort;
  contacts: ContactPort;
  cases: CasePort;
  evaluation: EvalPort;
}
