// CLINC150 benchmark (Larson et al. 2019, "Full" data), paper protocol: fit on train (+ oos_train as
// a class), choose the out-of-scope threshold on val, report test in-scope accuracy and
// out-of-scope recall. Runs the lexical engine and NLP.js (node-nlp) on the same data, side by side.
//   npm run bench:clinc -- PATH/data_full.json [--skip-nlpjs] [--options '{"coveragePower":1,"linear":{"epochs":8}}']
import { readFileSync } from 'node:fs';
import { normalise } from '../src/nlu/normalise.js';
import { DEFAULT_LEXICAL_OPTIONS, fitCalibration, modelLogits, probabilitiesFrom, trainLexicalModel, type LexicalOptions } from '../src/nlu/lexical/model.js';

type Row = [string, string];
interface Data { train: Row[]; val: Row[]; test: Row[]; oos_train: Row[]; oos_val: Row[]; oos_test: Row[] }

const OOS = 'oos';

/** A prediction: label and the score the threshold applies to. */
type Predict = (text: string) => Promise<{ label: string; score: number }>;

interface Scored { gold: string; label: string; score: number }

async function score(rows: readonly Row[], predict: Predict): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const [text, gold] of rows) out.push({ gold, ...(await predict(text)) });
  return out;
}

function metrics(scored: readonly Scored[], threshold: number): { inScope: number; oosRecall: number; joint: number } {
  let inN = 0, inOk = 0, oosN = 0, oosOk = 0;
  for (const s of scored) {
    const label = s.label === OOS || s.score < threshold ? OOS : s.label;
    if (s.gold === OOS) { oosN++; if (label === OOS) oosOk++; }
    else { inN++; if (label === s.gold) inOk++; }
  }
  return { inScope: inOk / inN, oosRecall: oosOk / oosN, joint: (inOk + oosOk) / (inN + oosN) };
}

/** The threshold with the best joint accuracy on val (the paper's choice of one operating point). */
function chooseThreshold(val: readonly Scored[]): number {
  const candidates = [...new Set(val.map((s) => s.score))].sort((a, b) => a - b);
  let best = 0, bestJoint = -1;
  for (const t of [0, ...candidates]) {
    const { joint } = metrics(val, t);
    if (joint > bestJoint) [best, bestJoint] = [t, joint];
  }
  return best;
}

const pct = (x: number) => (x * 100).toFixed(1);

async function run(name: string, train: () => Promise<Predict>, data: Data): Promise<void> {
  const started = Date.now();
  const predict = await train();
  const trainMs = Date.now() - started;
  const val = await score([...data.val, ...data.oos_val], predict);
  const test = await score([...data.test, ...data.oos_test], predict);
  const threshold = chooseThreshold(val);
  const m = metrics(test, threshold);
  const m0 = metrics(test, 0);
  console.log(
    `${name.padEnd(10)} in-scope ${pct(m.inScope)}  oos-recall ${pct(m.oosRecall)}  (threshold ${threshold.toFixed(3)} from val; ` +
      `without threshold ${pct(m0.inScope)} / ${pct(m0.oosRecall)}; training ${(trainMs / 1000).toFixed(1)} s)`,
  );
}

async function lexical(data: Data): Promise<Predict> {
  const rows = [...data.train, ...data.oos_train];
  const model = trainLexicalModel(rows.map(([t]) => normalise(t)), rows.map(([, l]) => l), OOS, lexicalOptions());
  // Calibrate the temperature on val (NLL), then choose the coverage exponent on val by joint
  // accuracy at its best threshold (the protocol allows val for choosing hyper-parameters).
  const index = new Map(model.labels.map((l, i) => [l, i]));
  const valRows = [...data.val, ...data.oos_val];
  const held = valRows.map(([t, l]) => ({ ...modelLogits(model, normalise(t)), gold: index.get(l)! }));
  let bestJoint = -1;
  let chosen = { temperature: 1, coveragePower: 0 };
  for (const power of [0, 0.5, 1, 1.5, 2]) {
    const calibration = fitCalibration(model, held, [power]);
    const candidate = { ...model, ...calibration };
    const scored = held.map((h, i): Scored => {
      const p = probabilitiesFrom(candidate, h.logits, h.coverage);
      let best = 0;
      for (let j = 1; j < p.length; j++) if (p[j]! > p[best]!) best = j;
      return { gold: valRows[i]![1], label: model.labels[best]!, score: p[best]! };
    });
    const { joint } = metrics(scored, chooseThreshold(scored));
    if (joint > bestJoint) [bestJoint, chosen] = [joint, calibration];
  }
  Object.assign(model, chosen);
  console.log(`lexical: ${model.vectorizer.size} features, temperature ${model.temperature}, coverage power ${model.coveragePower}`);
  return async (text) => {
    const { logits, coverage } = modelLogits(model, normalise(text));
    const p = probabilitiesFrom(model, logits, coverage);
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    return { label: model.labels[best]!, score: p[best]! };
  };
}

/** Engine options under test: the defaults, overridden by --options JSON (for tuning runs). */
function lexicalOptions(): LexicalOptions {
  const at = process.argv.indexOf('--options');
  const o = at >= 0 ? (JSON.parse(process.argv[at + 1] ?? '{}') as Partial<LexicalOptions>) : {};
  const d = DEFAULT_LEXICAL_OPTIONS;
  return { ...d, ...o, features: { ...d.features, ...o.features }, linear: { ...d.linear, ...o.linear } };
}

async function nlpjs(data: Data): Promise<Predict> {
  // node-nlp has no types; it is a devDependency used only here.
  const { NlpManager } = (await import('node-nlp' as string)) as { NlpManager: new (o: object) => NlpJsManager };
  const manager = new NlpManager({ languages: ['en'], forceNER: false, nlu: { log: false }, autoSave: false });
  for (const [text, label] of [...data.train, ...data.oos_train]) manager.addDocument('en', text, label);
  await manager.train();
  return async (text) => {
    const r = await manager.process('en', text);
    const label = !r.intent || r.intent === 'None' ? OOS : r.intent;
    return { label, score: r.score ?? 0 };
  };
}

interface NlpJsManager {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ intent?: string; score?: number }>;
}

async function main(): Promise<void> {
  const path = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--options') ?? '../shared/benchmarks/clinc150/data_full.json';
  const data = JSON.parse(readFileSync(path, 'utf8')) as Data;
  console.log(`CLINC150 full: ${data.train.length} train, ${data.test.length} + ${data.oos_test.length} oos test`);
  console.log('published (oos-threshold): BERT 96.2 / 52.3, MLP 93.4 / 49.1, SVM 88.2 / 18.0, FastText 88.6 / 28.3');
  await run('lexical', () => lexical(data), data);
  if (!process.argv.includes('--skip-nlpjs')) await run('NLP.js', () => nlpjs(data), data);
}

await main();
