import { describe, expect, it } from 'vitest';
import type { Risk } from '../../../src/contract.js';
import { accumulateRisk, eventWeight } from '../../../src/nlu/risk/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 20);
const NONE: Risk = { level: 'none', indicators: [] };

describe('accumulateRisk', () => {
  it('combines indicators across messages: wages yesterday + long hours today = high', () => {
    const r = accumulateRisk([{ indicator: 'wage_withholding', at: NOW - DAY }], { level: 'medium', indicators: ['excessive_hours'] }, NOW);
    expect(r).toEqual({ level: 'high', indicators: ['wage_withholding', 'excessive_hours'] });
  });

  it('wages withheld yesterday + passport taken today = high with both indicators', () => {
    const r = accumulateRisk([{ indicator: 'wage_withholding', at: NOW - DAY }], { level: 'high', indicators: ['document_retention'] }, NOW);
    expect(r.level).toBe('high');
    expect(r.indicators).toEqual(['document_retention', 'wage_withholding']);
  });

  it('keeps the risk of earlier messages for a message without indicators', () => {
    expect(accumulateRisk([{ indicator: 'document_retention', at: NOW - 2 * DAY }], NONE, NOW).level).toBe('high');
  });

  it('decays: weight halves every 3 days and is zero after 14 days', () => {
    expect(eventWeight(NOW, NOW)).toBe(1);
    expect(eventWeight(NOW - 3 * DAY, NOW)).toBeCloseTo(0.5);
    expect(eventWeight(NOW - 6 * DAY, NOW)).toBeCloseTo(0.25);
    expect(eventWeight(NOW - 15 * DAY, NOW)).toBe(0);
  });

  it('a single old mention stops counting after about 6 days', () => {
    const events = [{ indicator: 'wage_withholding' as const, at: NOW - 8 * DAY }];
    expect(accumulateRisk(events, { level: 'medium', indicators: ['excessive_hours'] }, NOW).level).toBe('medium');
  });

  it('repeated mentions stay alive longer (weights add up, capped at 1)', () => {
    const events = [7, 8, 9].map((d) => ({ indicator: 'wage_withholding' as const, at: NOW - d * DAY }));
    expect(accumulateRisk(events, { level: 'medium', indicators: ['excessive_hours'] }, NOW).level).toBe('high');
  });

  it('ignores events older than 14 days whatever their number', () => {
    const events = Array.from({ length: 10 }, () => ({ indicator: 'threats' as const, at: NOW - 20 * DAY }));
    expect(accumulateRisk(events, NONE, NOW)).toEqual(NONE);
  });

  it('past urgent indicators are urgent for 3 days, then count as high', () => {
    expect(accumulateRisk([{ indicator: 'physical_violence', at: NOW - DAY }], NONE, NOW).level).toBe('urgent');
    expect(accumulateRisk([{ indicator: 'physical_violence', at: NOW - 4 * DAY }], NONE, NOW).level).toBe('high');
    expect(accumulateRisk([{ indicator: 'physical_violence', at: NOW - 10 * DAY }], NONE, NOW).level).toBe('none');
  });

  it('never goes below the current message level', () => {
    expect(accumulateRisk([], { level: 'low', indicators: [] }, NOW).level).toBe('low');
    expect(accumulateRisk([{ indicator: 'isolation', at: NOW - 30 * DAY }], { level: 'urgent', indicators: ['self_harm'] }, NOW))
      .toEqual({ level: 'urgent', indicators: ['self_harm'] });
  });
});
