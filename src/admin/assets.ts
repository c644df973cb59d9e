import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// Everything the browser loads comes from this server (no CDN): htmx and chart.js straight from
// node_modules, plus our own CSS and a little JS. Read once at start-up; a few hundred KB.

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

const FILES: Record<string, { path: () => string; type: string }> = {
  'htmx.min.js': { path: () => require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  // chart.js does not export its UMD file; resolve the package entry and take its sibling.
  'chart.umd.min.js': { path: () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), type: 'text/javascript' },
  'admin.css': { path: () => join(here, 'assets', 'admin.css'), type: 'text/css' },
  'admin.js': { path: () => join(here, 'assets', 'admin.js'), type: 'text/javascript' },
  'stats.js': { path: () => join(here, 'assets', 'stats.js'), type: 'text/javascript' },
};

export function registerAssets(app: FastifyInstance): void {
  const loaded = new Map(Object.entries(FILES).map(([name, f]) => [name, { body: readFileSync(f.path()), type: f.type }]));
  app.get<{ Params: { name: string } }>('/assets/:name', { config: { roles: 'public' } }, async (request, reply) => {
    const file = loaded.get(request.params.name);
    if (!file) return reply.code(404).send('Not found');
    return reply
      .type(`${file.type}; charset=utf-8`)
      .header('cache-control', 'public, max-age=3600')
      .send(file.body);
  });
}
