import { fileURLToPath } from 'node:url';
import { createRiskDetector, loadRiskLexicon, riskLevel } from '../../../src/nlu/risk/index.js';

export const RISK_DIR = fileURLToPath(new URL('../../../intents/risk', import.meta.url));
export const detector = createRiskDetector(loadRiskLexicon(RISK_DIR));
export const detect = (text: string, lang?: string) => detector.detect(text, lang);
export const levelOf = (text: string, lang?: string) => riskLevel(detect(text, lang).indicators);
