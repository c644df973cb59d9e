import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Privacy rule: never log message text at info level or above; log ids,
 * topics, levels and timings instead.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, redact: ['token', '*.token', 'password', '*.password'] }, destination);
}
