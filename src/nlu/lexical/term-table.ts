import type { FeatureOptions } from './features.js';

// The terms of a text (rawTerms: word unigrams/bigrams and character n-grams, see features.ts for
// why), and the TermTable. Training fits several vectorizers on overlapping texts (the topic
// engine's probe and final model, the risk classifier's folds and final model): a TermTable extracts each text's terms
// once, as integer ids into one job-wide dictionary, so every later fit and transform is array
// work instead of building and hashing thousands of n-gram strings again.

// Letters, marks and digits of any script make a word; everything else separates words.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Raw term counts of the two groups (keys prefixed so they never collide). */
export function rawTerms(text: string, opts: FeatureOptions): { words: Map<string, number>; chars: Map<string, number> } {
  const tokens = tokenize(text);
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    bump(words, 'w ' + t);
    if (i + 1 < tokens.length) bump(words, 'b ' + t + ' ' + tokens[i + 1]!);
    const w = '<' + t + '>';
    if (!/[\uD800-\uDFFF]/.test(w)) {
      for (let n = opts.minN; n <= opts.maxN; n++) {
        for (let s = 0; s + n <= w.length; s++) bump(chars, w.substring(s, s + n));
      }
      continue;
    }
    // Code points, not UTF-16 units, so astral characters never split into lone surrogates.
    const cps = Array.from(w);
    for (let n = opts.minN; n <= opts.maxN; n++) {
      for (let s = 0; s + n <= cps.length; s++) bump(chars, cps.slice(s, s + n).join(''));
    }
  }
  return { words, chars };
}

export interface TermDoc {
  /** Term ids (unique within the doc): the word group first, then the character n-grams. */
  ids: Int32Array;
  counts: Float32Array;
  /** Entries [0, words) are word features, the rest character n-grams. */
  words: number;
}

export class TermTable {
  private readonly index = new Map<string, number>();
  private readonly docs = new Map<string, TermDoc>();
  readonly terms: string[] = [];

  constructor(readonly options: Pick<FeatureOptions, 'minN' | 'maxN'>) {}

  get size(): number {
    return this.terms.length;
  }

  /** Memoised per text. */
  doc(text: string): TermDoc {
    let doc = this.docs.get(text);
    if (doc) return doc;
    const { words, chars } = rawTerms(text, { ...this.options, wordWeight: 1, charWeight: 1, minDf: 1 });
    const n = words.size + chars.size;
    doc = { ids: new Int32Array(n), counts: new Float32Array(n), words: words.size };
    let at = 0;
    for (const group of [words, chars]) {
      for (const [term, count] of group) {
        let id = this.index.get(term);
        if (id === undefined) {
          id = this.terms.length;
          this.index.set(term, id);
          this.terms.push(term);
        }
        doc.ids[at] = id;
        doc.counts[at++] = count;
      }
    }
    this.docs.set(text, doc);
    return doc;
  }
}

/** True when a table built with `table` options yields the same terms as `options`. */
export function tableFits(table: TermTable, options: FeatureOptions): boolean {
  return table.options.minN === options.minN && table.options.maxN === options.maxN;
}
