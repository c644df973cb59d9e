import { describe, expect, it } from 'vitest';
import { allowedTransitions, CASE_EVENTS, CASE_STATES, transition } from '../../src/handoff/state-machine.js';

// Every (state, event) pair: the allowed ones lead where the design says, all others are refused.
const ALLOWED: Record<string, string> = {
  'offered consent': 'waiting',
  'offered decline': 'declined',
  'offered expire': 'declined',
  'offered user_end': 'declined',
  'offered user_message': 'offered',
  'waiting claim': 'claimed',
  'waiting pass': 'waiting',
  'waiting alert': 'waiting',
  'waiting user_message': 'waiting',
  'waiting user_end': 'closed',
  'waiting staff_close': 'closed',
  'waiting idle': 'closed',
  'claimed release': 'waiting',
  'claimed transfer': 'claimed',
  'claimed user_message': 'claimed',
  'claimed staff_message': 'claimed',
  'claimed user_end': 'closed',
  'claimed staff_end': 'closed',
  'claimed staff_close': 'closed',
  'claimed idle': 'closed',
};

describe('hand-off state machine', () => {
  for (const state of CASE_STATES) {
    for (const event of CASE_EVENTS) {
      const expected = ALLOWED[`${state} ${event}`];
      it(`${state} + ${event} → ${expected ?? 'refused'}`, () => {
        const t = transition(state, event);
        if (expected) expect(t).toEqual({ ok: true, from: state, to: expected });
        else {
          expect(t.ok).toBe(false);
          if (!t.ok) expect(t.reason).toContain(event);
        }
      });
    }
  }

  it('the table has exactly the allowed transitions listed here', () => {
    expect(allowedTransitions().map((t) => `${t.from} ${t.event}`).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('closed and declined are final', () => {
    for (const event of CASE_EVENTS) {
      expect(transition('closed', event).ok).toBe(false);
      expect(transition('declined', event).ok).toBe(false);
    }
  });
});
