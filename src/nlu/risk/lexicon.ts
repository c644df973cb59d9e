import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RISK_INDICATORS, type RiskIndicator } from '../../contract.js';

// Reads intents/risk/<indicator>.json ({ indicator, cues: { <lang>: [...] } }) and markers.json.
// markers.json has the fixed keys "negation" and "hypothetical" and, for this module, optional extra
// keys: "negation_after" (negators that follow the verb: değil, deyil, emas, না …), "situation"
// (first person / people the user knows) and "general" (general-question frames: "can an employer",
// "имеет ли право" …). The cue syntax is described in pattern.ts.

export type LangLists = Record<string, string[]>;

export interface RiskMarkers {
  negation: LangLists;
  negation_after: LangLists;
  hypothetical: LangLists;
  situation: LangLists;
  general: LangLists;
}

export interface RiskLexicon {
  cues: Partial<Record<RiskIndicator, LangLists>>;
  markers: RiskMarkers;
}

function isLangLists(v: unknown): v is LangLists {
  return (
    typeof v === 'object' && v !== null &&
    Object.values(v).every((list) => Array.isArray(list) && list.every((x) => typeof x === 'string'))
  );
}

const MARKER_KEYS = ['negation', 'negation_after', 'hypothetical', 'situation', 'general'] as const;

export function parseMarkers(raw: unknown): RiskMarkers {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const markers = {} as RiskMarkers;
  for (const key of MARKER_KEYS) {
    const value = obj[key] ?? {};
    if (!isLangLists(value)) throw new Error(`markers.json: "${key}" must map languages to string lists`);
    markers[key] = value;
  }
  return markers;
}

export function loadRiskLexicon(dir: string): RiskLexicon {
  const cues: RiskLexicon['cues'] = {};
  let markers: RiskMarkers = parseMarkers({});
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (file === 'markers.json') {
      markers = parseMarkers(raw);
      continue;
    }
    const entry = raw as { indicator?: unknown; cues?: unknown };
    const id = entry.indicator;
    if (typeof id !== 'string' || !(RISK_INDICATORS as readonly string[]).includes(id)) {
      throw new Error(`${file}: unknown indicator ${String(id)}`);
    }
    if (!isLangLists(entry.cues)) throw new Error(`${file}: "cues" must map languages to string lists`);
    cues[id as RiskIndicator] = entry.cues;
  }
  return { cues, markers };
}
