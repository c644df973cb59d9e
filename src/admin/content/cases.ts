import type { Database } from 'better-sqlite3';
import type { Config } from '../../config.js';
import { createCaseCrypto } from '../../handoff/crypto.js';
import { getCase, getTranscript, listCases } from '../../handoff/case-queries.js';
import type { CasePort } from '../ports.js';

/** Cases through the hand-off module's own queries (src/handoff/case-queries.ts) and its crypto. */
export function caseAdapter(db: Database, config: Config): CasePort {
  const crypto = createCaseCrypto(config.DATA_KEY);
  return {
    list: (now) => listCases(db, { state: ['waiting', 'claimed', 'closed'], limit: 500, now }),
    transcript(id, now) {
      const summary = getCase(db, id, now);
      if (!summary) return undefined;
      return { summary, lines: getTranscript(db, id, crypto) };
    },
  };
}
