import { join } from 'node:path';
import { loadIntentExamples } from '../src/nlu/intents-loader.js';
import { prepareExamples, splitHeldOut } from '../src/nlu/lexical/lexical-engine.js';
import { DEFAULT_LEXICAL_OPTIONS, trainLexicalModel, predictProbabilities } from '../src/nlu/lexical/model.js';
const items = prepareExamples(loadIntentExamples(join(process.cwd(), 'intents')));
const configs = JSON.parse(process.argv[2] ?? '[{}]');
for (const seed of [11, 12]) {
  const { train, held } = splitHeldOut(items, 0.15, seed);
  for (const c of configs) {
    const opts = { ...DEFAULT_LEXICAL_OPTIONS, linear: { ...DEFAULT_LEXICAL_OPTIONS.linear, ...c } };
    const t = performance.now();
    const m = trainLexicalModel(train.map((e) => e.text), train.map((e) => e.topic), 'out_of_scope', opts);
    const ms = performance.now() - t;
    let ok = 0, nll = 0;
    for (const h of held) {
      const p = predictProbabilities(m, h.text);
      let best = 0;
      for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
      if (m.labels[best] === h.topic) ok++;
      nll -= Math.log(Math.max(1e-9, p[m.labels.indexOf(h.topic)]!));
    }
    console.log(seed, JSON.stringify(c), 'acc', (ok / held.length * 100).toFixed(2), 'nll', (nll / held.length).toFixed(3), 'ms', ms.toFixed(0));
  }
}
