// Server-side HTML with escaping by default: every value interpolated into html`` is escaped
// unless it is itself an Html fragment built by html`` (or a trusted constant wrapped in raw()).
// An answer containing <script> therefore renders as text on every page.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Marks a trusted constant (never user or database content) as HTML. */
export function raw(trusted: string): Html {
  return new Html(trusted);
}

/** Only http(s) and site-relative links are rendered as links; anything else (javascript:…) is dropped. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = url.trim();
  if (/^https?:\/\//i.test(u) || (u.startsWith('/') && !u.startsWith('//'))) return u;
  return undefined;
}

/** A local redirect target; anything pointing off-site becomes the fallback. */
export function safeLocalPath(path: unknown, fallback = '/'): string {
  return typeof path === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(path) ? path : fallback;
}
