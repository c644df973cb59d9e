import { createRiskDetector, loadRiskLexicon } from './src/nlu/risk/index.ts';
const d = createRiskDetector(loadRiskLexicon('intents/risk'));
for (const t of process.argv.slice(2)) console.log(t, JSON.stringify(d.detect(t, 'az')));
