import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RISK_INDICATORS } from '../../../src/contract.js';
import { createRiskDetector, loadRiskLexicon } from '../../../src/nlu/risk/index.js';
import { RISK_DIR } from './helpers.js';

const dirs: string[] = [];
function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'risk-lex-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadRiskLexicon', () => {
  it('loads every per-language file of intents/risk', () => {
    const lex = loadRiskLexicon(RISK_DIR);
    const langs = readdirSync(RISK_DIR).map((f) => f.replace('.json', ''));
    expect(langs).toEqual(expect.arrayContaining(['en', 'ru', 'az', 'bn', 'hi', 'ne', 'tg']));
    for (const id of RISK_INDICATORS) {
      for (const lang of ['en', 'ru', 'az']) expect(lex.cues[id]?.[lang]?.length, `${id}/${lang}`).toBeGreaterThan(0);
    }
    expect(lex.markers.negation.ru).toContain('не=');
  });

  it('merges languages: a new language works by adding one file', () => {
    const dir = dirWith({
      'en.json': { lang: 'en', cues: { threats: ['threaten'] }, negation: ['not='] },
      'xx.json': { lang: 'xx', cues: { threats: ['zorgul'] } },
    });
    const d = createRiskDetector(loadRiskLexicon(dir));
    expect(d.detect('he zorguls me').indicators).toEqual(['threats']);
    expect(d.detect('he did not threaten me').indicators).toEqual([]);
  });

  it('rejects unknown indicators with a clear error', () => {
    const dir = dirWith({ 'en.json': { lang: 'en', cues: { passport_taken: ['took passport'] } } });
    expect(() => loadRiskLexicon(dir)).toThrow(/en\.json: unknown risk indicator\(s\) "passport_taken"; allowed: document_retention/);
  });

  it('rejects unknown keys, bad shapes, a lang that does not match the file name, and bad JSON', () => {
    expect(() => loadRiskLexicon(dirWith({ 'en.json': { lang: 'en', cues: {}, negations: [] } }))).toThrow(/negations/);
    expect(() => loadRiskLexicon(dirWith({ 'en.json': { lang: 'en', cues: { threats: 'x' } } }))).toThrow(/cues\.threats/);
    expect(() => loadRiskLexicon(dirWith({ 'en.json': { lang: 'ru', cues: {} } }))).toThrow(/file name says "en"/);
    expect(() => loadRiskLexicon(dirWith({ 'en.json': '{ nope' }))).toThrow(/not valid JSON/);
  });
});
