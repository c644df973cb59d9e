// Aggregate diagnostics of risk errors (no texts printed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { riskRank, type RiskIndicator } from '../src/contract.js';
import { createLogger } from '../src/logger.js';
import { decide } from '../src/nlu/decide.js';
import { fileEngineCache } from '../src/nlu/engine-cache.js';
import { buildEngines } from '../src/nlu/engine-builder.js';
import { loadIntentExamples } from '../src/nlu/intents-loader.js';
import { normalise } from '../src/nlu/normalise.js';
import { assessRisk } from '../src/nlu/risk/assess.js';
import { riskProbabilities, combineRisk } from '../src/nlu/risk/classifier.js';
import { loadRiskExamples } from '../src/nlu/risk/examples.js';
import { createRiskDetector, loadRiskLexicon } from '../src/nlu/risk/index.js';
import { URGENT_INDICATORS, STRONG_INDICATORS } from '../src/nlu/risk/level.js';
const dir = join(process.cwd(), 'intents');
const examples = loadIntentExamples(dir);
const riskExamples = loadRiskExamples(dir);
const riskLexicon = loadRiskLexicon(join(dir, 'risk'));
const built = await buildEngines({ examples, riskExamples, riskLexicon }, { cache: fileEngineCache('/tmp/h/cache'), logger: createLogger('warn') });
const det = createRiskDetector(riskLexicon);
const cls = (i: string) => ((URGENT_INDICATORS as readonly string[]).includes(i) ? 'U' : (STRONG_INDICATORS as readonly string[]).includes(i) ? 'S' : 'W');
for (const file of process.argv.slice(2)) {
  const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const agg = new Map<string, number>();
  const bump = (k: string) => agg.set(k, (agg.get(k) ?? 0) + 1);
  for (const g of rows) {
    const norm = normalise(g.text);
    const d = det.detect(g.text, g.lang);
    const p = riskProbabilities(built.risk!, norm);
    const comb = combineRisk(d, p, built.risk!);
    const decision = decide(built.topic!.engine.scoresSync(norm), built.topic!.thresholds);
    const a = assessRisk(det, built.risk, g.text, norm, g.lang, decision);
    const goldHigh = riskRank(g.level) >= riskRank('high');
    const predHigh = riskRank(a.risk.level) >= riskRank('high');
    const src = (i: RiskIndicator) => (d.indicators.includes(i) ? 'cue' : comb.indicators.includes(i) ? 'clf' : 'topic');
    const desc = a.risk.indicators.map((i) => `${cls(i)}:${src(i)}${g.indicators.includes(i) ? '' : '!'}`).sort().join(',');
    if (!goldHigh && predHigh) bump(`FALSE-ESC gold=${g.level} pred=${a.risk.level} hypo=${d.hypothetical} sit=${d.situation} gen=${d.general} pers=${d.personal} sitP=${p[15]!.toFixed(1)} [${desc}]`);
    if (goldHigh && !predHigh) bump(`MISS gold=${g.level}(${g.indicators.map(cls).join('')}) pred=${a.risk.level} gen=${d.general} pers=${d.personal} [${desc}] pmax=${Math.max(...Array.from(p).slice(0, 15)).toFixed(2)}`);
    if (g.level === 'urgent' && a.risk.level !== 'urgent') bump(`URG-MISS gold(${g.indicators.join(',')}) pred=${a.risk.level} [${desc}] pU=${g.indicators.map((i: string) => p[ ['document_retention','wage_withholding','restricted_movement','physical_violence','sexual_violence','threats','debt_bondage','deception','abusive_conditions','excessive_hours','isolation','child_involved','organ_removal','self_harm','immediate_danger'].indexOf(i)]?.toFixed(2)).join('/')}`);
    for (const i of g.indicators) if (!a.risk.indicators.includes(i)) bump(`ind-miss ${i} cuesupp=${d.suppressed.includes(i)}`);
    for (const i of a.risk.indicators) if (!g.indicators.includes(i)) bump(`ind-fp ${i} ${src(i)}`);
  }
  console.log('==', file);
  for (const [k, v] of [...agg].sort()) console.log(v, k);
}
