import { describe, expect, it } from 'vitest';
import { parseRiskExamples } from '../../../src/nlu/risk/examples.js';

describe('intents/risk-examples/<lang>.jsonl', () => {
  it('parses valid lines and names the line of each problem', () => {
    const content = [
      JSON.stringify({ text: 'they keep my passport', indicators: ['document_retention'], level: 'high' }),
      '',
      JSON.stringify({ text: 'what is forced labour', indicators: [], level: 'low' }),
      '{ broken',
      JSON.stringify({ text: 'x', indicators: ['stolen_car'], level: 'high' }),
      JSON.stringify({ text: 'y', indicators: [], level: 'severe' }),
      JSON.stringify({ indicators: [], level: 'none' }),
    ].join('\n');
    const { examples, problems } = parseRiskExamples(content, 'en');
    expect(examples).toEqual([
      { text: 'they keep my passport', lang: 'en', indicators: ['document_retention'], level: 'high' },
      { text: 'what is forced labour', lang: 'en', indicators: [], level: 'low' },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^line 4: not valid JSON/);
    expect(problems[1]).toMatch(/^line 5: unknown indicator\(s\) "stolen_car"/);
    expect(problems[2]).toMatch(/^line 6: "level"/);
    expect(problems[3]).toMatch(/^line 7: needs a non-empty "text"/);
  });
});
