import { describe, expect, it } from 'vitest';
import { riskFromTopic, riskLevel } from '../../../src/nlu/risk/index.js';
import { detect } from './helpers.js';

describe('riskLevel (CONTRACT §2)', () => {
  it('none without indicators or risk topic', () => {
    expect(riskLevel([], { situation: true, topic: 'registration' })).toBe('none');
    expect(riskLevel([])).toBe('none');
  });
  it('low: a risk topic asked about in general', () => {
    for (const topic of ['trafficking_info', 'organ_trade', 'child_exploitation', 'victim_rights', 'passport_confiscated',
      'detention_deportation', 'domestic_work', 'working_conditions', 'unpaid_wages'] as const) {
      expect(riskLevel([], { situation: false, topic })).toBe('low');
    }
  });
  it('medium: one weaker indicator', () => {
    for (const id of ['wage_withholding', 'excessive_hours', 'abusive_conditions', 'deception', 'isolation'] as const) {
      expect(riskLevel([id], { situation: true })).toBe('medium');
    }
  });
  it('high: a strong indicator, or two of any kind', () => {
    for (const id of ['document_retention', 'restricted_movement', 'threats', 'debt_bondage', 'child_involved'] as const) {
      expect(riskLevel([id], { situation: true })).toBe('high');
    }
    expect(riskLevel(['wage_withholding', 'excessive_hours'])).toBe('high');
    expect(riskLevel(['wage_withholding', 'wage_withholding'])).toBe('medium');
  });
  it('urgent: violence, sexual violence, organ removal, self-harm, immediate danger', () => {
    for (const id of ['physical_violence', 'sexual_violence', 'organ_removal', 'self_harm', 'immediate_danger'] as const) {
      expect(riskLevel([id])).toBe('urgent');
      expect(riskLevel(['wage_withholding', id])).toBe('urgent');
    }
  });
  it('end to end: the two sentences of the brief', () => {
    expect(riskLevel(detect('my boss took my passport and locks the door', 'en').indicators)).toBe('high');
    const hypo = detect('what if my boss takes my passport?', 'en');
    expect(riskLevel(hypo.indicators, { situation: hypo.situation, topic: 'passport_confiscated' })).toBe('low');
  });
});

describe('riskFromTopic', () => {
  it('maps risk topics to indicators only for a real situation', () => {
    expect(riskFromTopic('organ_trade', true)).toEqual(['organ_removal']);
    expect(riskFromTopic('passport_confiscated', true)).toEqual(['document_retention']);
    expect(riskFromTopic('unpaid_wages', true)).toEqual(['wage_withholding']);
    expect(riskFromTopic('child_exploitation', true)).toEqual(['child_involved']);
    expect(riskFromTopic('passport_confiscated', false)).toEqual([]);
    expect(riskFromTopic('registration', true)).toEqual([]);
    expect(riskFromTopic(null, true)).toEqual([]);
  });
  it('a hypothetical message is not a situation, so the topic adds nothing', () => {
    const r = detect('What happens if the employer keeps my passport?', 'en');
    expect(riskFromTopic('passport_confiscated', r.situation)).toEqual([]);
    const real = detect('I work at a car wash and the owner has my passport', 'en');
    expect(riskFromTopic('passport_confiscated', real.situation)).toEqual(['document_retention']);
  });
});

describe('riskLevel with firm indicators', () => {
  it('counts only firm indicators toward "two or more"', () => {
    expect(riskLevel(['wage_withholding', 'excessive_hours'], { firm: ['wage_withholding'] })).toBe('medium');
    expect(riskLevel(['wage_withholding', 'excessive_hours'], { firm: ['wage_withholding', 'excessive_hours'] })).toBe('high');
    expect(riskLevel(['wage_withholding', 'document_retention'], { firm: [] })).toBe('high');
    expect(riskLevel(['wage_withholding', 'physical_violence'], { firm: [] })).toBe('urgent');
  });
});
