import { riskRank, type RiskLevel } from '../contract.js';

// Metrics of the classify output against labelled messages (the dev.jsonl format). Pure, so the
// eval command, the admin console and the tests compute them the same way.

export interface LabelledMessage {
  id: string;
  lang: string;
  text: string;
  intent: string;
  alt?: string[];
  level: RiskLevel;
  indicators: string[];
  kind?: string;
}

export interface Prediction {
  intent: string;
  language?: string;
  risk: { level: RiskLevel; indicators: string[] };
}

export interface Ratio {
  correct: number;
  total: number;
  /** correct / total; null when total is 0. */
  rate: number | null;
}

export interface EvalMetrics {
  count: number;
  intentAccuracy: Ratio;
  intentAccuracyByLanguage: Record<string, Ratio>;
  languageAccuracy: Ratio;
  outOfScopeRecall: Ratio;
  escalationRecall: Ratio;
  urgentRecall: Ratio;
  falseEscalation: Ratio;
  indicatorRecall: Ratio;
  indicatorPrecision: Ratio;
  /** Ids of messages whose intent was wrong, for looking at the mistakes. */
  intentErrors: { id: string; gold: string; predicted: string }[];
}

const ratio = (correct: number, total: number): Ratio => ({ correct, total, rate: total === 0 ? null : correct / total });
const escalated = (level: RiskLevel) => riskRank(level) >= riskRank('high');

export function evaluate(gold: readonly LabelledMessage[], predicted: readonly Prediction[]): EvalMetrics {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} labels but ${predicted.length} predictions`);
  const byLang = new Map<string, [number, number]>();
  let intentOk = 0, langOk = 0, oosN = 0, oosOk = 0, escN = 0, escOk = 0, urgN = 0, urgOk = 0, calmN = 0, calmEsc = 0;
  let indGold = 0, indFound = 0, indPredicted = 0, indRight = 0;
  const intentErrors: EvalMetrics['intentErrors'] = [];
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    const ok = p.intent === g.intent || (g.alt ?? []).includes(p.intent);
    if (ok) intentOk++;
    else intentErrors.push({ id: g.id, gold: g.intent, predicted: p.intent });
    const l = byLang.get(g.lang) ?? [0, 0];
    byLang.set(g.lang, [l[0] + (ok ? 1 : 0), l[1] + 1]);
    if (p.language === g.lang) langOk++;
    if (g.intent === 'out_of_scope') {
      oosN++;
      if (p.intent === 'out_of_scope') oosOk++;
    }
    if (escalated(g.level)) {
      escN++;
      if (escalated(p.risk.level)) escOk++;
    } else {
      calmN++;
      if (escalated(p.risk.level)) calmEsc++;
    }
    if (g.level === 'urgent') {
      urgN++;
      if (p.risk.level === 'urgent') urgOk++;
    }
    const goldSet = new Set(g.indicators);
    indGold += goldSet.size;
    const predSet = new Set(p.risk.indicators);
    indPredicted += predSet.size;
    for (const id of predSet) if (goldSet.has(id)) indRight++;
    for (const id of goldSet) if (predSet.has(id)) indFound++;
  });
  return {
    count: gold.length,
    intentAccuracy: ratio(intentOk, gold.length),
    intentAccuracyByLanguage: Object.fromEntries([...byLang].sort().map(([lang, [c, t]]) => [lang, ratio(c, t)])),
    languageAccuracy: ratio(langOk, gold.length),
    outOfScopeRecall: ratio(oosOk, oosN),
    escalationRecall: ratio(escOk, escN),
    urgentRecall: ratio(urgOk, urgN),
    falseEscalation: ratio(calmEsc, calmN),
    indicatorRecall: ratio(indFound, indGold),
    indicatorPrecision: ratio(indRight, indPredicted),
    intentErrors,
  };
}

/** A few lines of text for the terminal (the admin console renders the numbers itself). */
export function formatMetrics(m: EvalMetrics): string {
  const pct = (r: Ratio) => (r.rate === null ? 'n/a' : `${(r.rate * 100).toFixed(1)}% (${r.correct}/${r.total})`);
  const langs = Object.entries(m.intentAccuracyByLanguage).map(([l, r]) => `  ${l.padEnd(3)} ${pct(r)}`);
  return [
    `messages: ${m.count}`,
    `intent accuracy (alt counts): ${pct(m.intentAccuracy)}`,
    ...langs,
    `language ID accuracy: ${pct(m.languageAccuracy)}`,
    `out-of-scope recall: ${pct(m.outOfScopeRecall)}`,
    `escalation recall (gold high/urgent → high/urgent): ${pct(m.escalationRecall)}`,
    `urgent recall: ${pct(m.urgentRecall)}`,
    `false escalation (gold none/low/medium → high/urgent): ${pct(m.falseEscalation)}`,
    `indicator recall: ${pct(m.indicatorRecall)}`,
    `indicator precision: ${pct(m.indicatorPrecision)}`,
  ].join('\n');
}
