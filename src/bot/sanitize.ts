// Text from Telegram is untrusted: it may be empty, 4,096+ characters, only emoji, full of
// zero-width or control characters, or carry lone UTF-16 surrogates (which make JSON and some
// clients choke). These helpers make it safe to classify, store and send back.

/** NLU input is cut here: a question never needs more, and the model's cost grows with length. */
export const MAX_NLU_CHARS = 1000;
/** Telegram's limit for one message is 4,096 characters; keep a margin for appended lines. */
export const MAX_MESSAGE_CHARS = 4000;

/** Replaces lone surrogates with U+FFFD (String.prototype.toWellFormed, which lib ES2022 lacks). */
export function toWellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

// C0/C1 controls except tab and newline; zero-width space, word joiner, BOM; bidi embedding and
// isolate controls (which can flip how a line is shown). ZWNJ (U+200C) and ZWJ (U+200D) are kept:
// Persian writing and emoji sequences need them.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

export interface CleanText {
  text: string;
  truncated: boolean;
}

export function cleanUserText(raw: string, max = MAX_NLU_CHARS): CleanText {
  let text = toWellFormed(raw).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  let truncated = false;
  if (text.length > max) {
    // Cut on a code point boundary so no new lone surrogate is created.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
    text = text.slice(0, end);
    truncated = true;
  }
  return { text, truncated };
}

/** True when the text has at least one letter or digit (not only emoji, punctuation or marks). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Makes outgoing text safe for Telegram: well-formed and within one message. */
export function fitMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  const safe = toWellFormed(text);
  if (safe.length <= max) return safe;
  const end = /[\uD800-\uDBFF]/.test(safe.charAt(max - 2)) ? max - 2 : max - 1;
  return safe.slice(0, end) + '…';
}
