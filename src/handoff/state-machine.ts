// The hand-off's life cycle as a pure function, so every rule can be tested without a database.
// The store applies a transition with `UPDATE … SET state = to WHERE id = ? AND state = from`, so two
// concurrent events (two caseworkers pressing Claim) can never both win.
//
//   offered ──consent──▶ waiting ──claim──▶ claimed ──close/end/idle──▶ closed
//      │                  ▲  │  ◀─release──   │ ▲
//      ├─decline/expire─▶ declined             └─┘ transfer
//      └─user_end──────▶ declined   waiting ──close/end/idle──▶ closed

export const CASE_STATES = ['offered', 'declined', 'waiting', 'claimed', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_EVENTS = [
  'consent', // user pressed Yes
  'decline', // user pressed Not now
  'expire', // offer not answered in time
  'claim', // a caseworker claimed it
  'pass', // a caseworker passed (stays waiting)
  'alert', // SLA re-alert (stays waiting)
  'release', // caseworker gave it back to the queue
  'transfer', // caseworker handed it to another caseworker
  'user_message', // user wrote (keeps the case alive)
  'staff_message', // caseworker wrote
  'user_end', // user sent /end
  'staff_end', // caseworker sent /end
  'staff_close', // /close CODE outcome
  'idle', // no message from the user for HANDOFF_IDLE_HOURS
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

/** States in which the user is "in a hand-off": the NLU stays silent and /end applies. */
export const ACTIVE_STATES: readonly CaseState[] = ['offered', 'waiting', 'claimed'];
/** States staff can see and act on. */
export const OPEN_STATES: readonly CaseState[] = ['waiting', 'claimed'];

const TABLE: Record<CaseState, Partial<Record<CaseEvent, CaseState>>> = {
  offered: { consent: 'waiting', decline: 'declined', expire: 'declined', user_end: 'declined', user_message: 'offered' },
  waiting: {
    claim: 'claimed',
    pass: 'waiting',
    alert: 'waiting',
    user_message: 'waiting',
    user_end: 'closed',
    staff_close: 'closed',
    idle: 'closed',
  },
  claimed: {
    release: 'waiting',
    transfer: 'claimed',
    user_message: 'claimed',
    staff_message: 'claimed',
    user_end: 'closed',
    staff_end: 'closed',
    staff_close: 'closed',
    idle: 'closed',
  },
  declined: {},
  closed: {},
};

export type Transition = { ok: true; from: CaseState; to: CaseState } | { ok: false; from: CaseState; reason: string };

export function transition(from: CaseState, event: CaseEvent): Transition {
  const to = TABLE[from][event];
  if (to === undefined) return { ok: false, from, reason: `${event} is not allowed when the case is ${from}` };
  return { ok: true, from, to };
}

export function canTransition(from: CaseState, event: CaseEvent): boolean {
  return TABLE[from][event] !== undefined;
}

/** Every allowed (from, event, to) triple; the unit test checks the table against an explicit list. */
export function allowedTransitions(): Array<{ from: CaseState; event: CaseEvent; to: CaseState }> {
  return CASE_STATES.flatMap((from) =>
    CASE_EVENTS.flatMap((event) => {
      const to = TABLE[from][event];
      return to === undefined ? [] : [{ from, event, to }];
    }),
  );
}

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}
