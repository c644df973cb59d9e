import type { Message } from 'grammy/types';
import { caseRowByCode, caseRowById, listCases } from './case-queries.js';
import type { HandoffDeps } from './deps.js';
import { levelIcon, languageName, minutesSince, staffT } from './render.js';
import { caseworker, caseworkerByUsername } from './store.js';
import * as staff from './staff-actions.js';
import type { Actor, ActionResult } from './staff-actions.js';

// Staff commands, the same in the staff group and in a caseworker's private chat with the bot.
// In the private chat CODE may be left out: the active case is used (see /case).

export const STAFF_COMMANDS = ['cases', 'claim', 'release', 'transfer', 'note', 'close', 'say', 'case'] as const;
export type StaffCommand = (typeof STAFF_COMMANDS)[number];

export function isStaffCommand(name: string): name is StaffCommand {
  return (STAFF_COMMANDS as readonly string[]).includes(name);
}

/** "/claim@bot K7Q2 rest" → { name: 'claim', args: ['K7Q2', 'rest'], rest } (undefined if not a command for us). */
export function parseCommand(text: string | undefined, botUsername: string): { name: string; args: string[]; rest: string } | undefined {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  if (m[2] && botUsername && m[2].toLowerCase() !== botUsername.toLowerCase()) return undefined;
  const rest = (m[3] ?? '').trim();
  return { name: m[1]!.toLowerCase(), args: rest ? rest.split(/\s+/) : [], rest };
}

function casesText(deps: HandoffDeps): string {
  const t = staffT(deps);
  const rows = listCases(deps.db, { state: ['waiting', 'claimed'], now: deps.now() });
  if (rows.length === 0) return t('staff.no_cases');
  const lines = rows.map((c) =>
    t('staff.case_line', {
      icon: levelIcon({ risk_level: c.riskLevel }),
      code: c.code,
      language: languageName(c.lang),
      level: c.riskLevel,
      state: c.state,
      minutes: minutesSince(deps, c.consentedAt),
      who: c.caseworkerName ? ` · ${c.caseworkerName}` : '',
    }),
  );
  return [t('staff.cases_title'), ...lines].join('\n');
}

export interface CommandInput {
  name: StaffCommand;
  args: string[];
  rest: string;
  actor: Actor;
  inPrivate: boolean;
  replyTo?: Message;
  /** Checks that a transfer target is a member of the staff group. */
  isStaff: (userId: number) => Promise<boolean>;
}

/** Runs a staff command; the returned text is the answer to the one who sent it. */
export async function runStaffCommand(deps: HandoffDeps, input: CommandInput): Promise<ActionResult> {
  const t = staffT(deps);
  const { actor, args } = input;
  // CODE may be omitted in the private chat; then the caseworker's active case is meant.
  const takeCode = (): string | undefined => {
    const first = args[0];
    if (first && caseRowByCode(deps.db, first)) return args.shift();
    if (!input.inPrivate) return args.shift();
    const active = caseworker(deps.db, actor.id)?.active_case_id;
    return active ? caseRowById(deps.db, active)?.code : undefined;
  };
  const usage = (u: string): ActionResult => ({ ok: false, text: t('staff.usage', { usage: u }) });

  switch (input.name) {
    case 'cases':
      return { ok: true, text: casesText(deps) };
    case 'claim': {
      const code = args[0];
      return code ? staff.claim(deps, actor, code) : usage('/claim CODE');
    }
    case 'case': {
      const code = args[0];
      if (!input.inPrivate) return { ok: false, text: t('staff.dm_only') };
      return code ? staff.setActive(deps, actor, code) : usage('/case CODE');
    }
    case 'release': {
      const code = takeCode();
      return code ? staff.release(deps, actor, code) : usage('/release CODE');
    }
    case 'note': {
      const code = takeCode();
      const text = args.join(' ').trim();
      return code && text ? staff.note(deps, actor, code, text) : usage('/note CODE text');
    }
    case 'close': {
      const code = takeCode();
      const outcome = args[0]?.toLowerCase();
      return code && outcome ? staff.close(deps, actor, code, outcome) : usage('/close CODE resolved|referred|no-response|not-a-case');
    }
    case 'say': {
      const code = takeCode();
      return code ? staff.say(deps, actor, code, args[0]) : usage('/say CODE key');
    }
    case 'transfer': {
      const code = takeCode();
      if (!code) return usage('/transfer CODE @username (or reply to their message)');
      const handle = args[0];
      let target: Actor | undefined;
      if (handle?.startsWith('@')) {
        const cw = caseworkerByUsername(deps.db, handle);
        if (cw) target = { id: cw.user_id, name: cw.display_name };
      } else if (input.replyTo?.from && !input.replyTo.from.is_bot) {
        const from = input.replyTo.from;
        target = { id: from.id, name: [from.first_name, from.last_name].filter(Boolean).join(' ') };
      }
      if (!target || !(await input.isStaff(target.id))) {
        return { ok: false, text: t('staff.transfer_target_unknown', { who: handle ?? '?' }) };
      }
      return staff.transfer(deps, actor, code, target);
    }
  }
}
