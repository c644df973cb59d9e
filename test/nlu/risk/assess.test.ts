import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/nlu/decide.js';
import { assessRisk } from '../../../src/nlu/risk/assess.js';
import { normalise } from '../../../src/nlu/normalise.js';
import { detector } from './helpers.js';

const confident = (intent: Decision['intent']): Decision => ({ intent, confidence: 0.9, status: 'confident', candidates: [] });
const assess = (text: string, decision: Decision) => assessRisk(detector, undefined, text, normalise(text), 'en', decision);

describe('assessRisk', () => {
  it("adds the topic's indicator to a real situation, but a topic guess never makes two indicators high", () => {
    const text = 'I work 16 hours a day without a day off';
    expect(detector.detect(text, 'en').indicators).toEqual(['excessive_hours']);
    const r = assess(text, confident('working_conditions'));
    expect(r.risk.indicators).toEqual(['abusive_conditions', 'excessive_hours']);
    expect(r.risk.level).toBe('medium');
  });

  it('lets a strong cue escalate and puts the emergency numbers first for violence', () => {
    expect(assess('My boss took my passport and will not give it back', confident('passport_confiscated')).risk.level).toBe('high');
    const violent = assess('My boss beats me every day', confident('working_conditions'));
    expect(violent.risk.level).toBe('urgent');
    expect(violent.intent).toBe('hotline');
  });
});
