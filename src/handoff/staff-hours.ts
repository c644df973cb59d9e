// When caseworkers are on duty: config.STAFF_HOURS such as "Mon-Fri 09:00-18:00" or
// "Mon-Fri 09:00-18:00; Sat 10:00-14:00" (days: a day, a range, or a comma list; times 24 h, in
// config.STAFF_TIMEZONE; an end before the start crosses midnight). Empty: always staffed.

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface Window {
  days: Set<number>; // 0 = Sunday
  start: number; // minutes after local midnight
  end: number;
}

export interface StaffHours {
  readonly alwaysOpen: boolean;
  isOpen(at: number): boolean;
  /** The next moment (unix ms) staff are on duty, `at` itself if open now. */
  nextOpen(at: number): number;
  /** A localised "Monday 09:00 (GMT+4)" for the user. */
  describe(at: number, lang: string): string;
}

function parseDay(token: string): number {
  const i = DAYS.indexOf(token.slice(0, 3).toLowerCase() as (typeof DAYS)[number]);
  if (i < 0) throw new Error(`STAFF_HOURS: unknown day "${token}"`);
  return i;
}

function parseTime(token: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(token);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new Error(`STAFF_HOURS: bad time "${token}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function parseStaffHours(spec: string | undefined): Window[] {
  if (!spec || !spec.trim()) return [];
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((segment) => {
      const m = /^([A-Za-z,\s-]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(segment);
      if (!m) throw new Error(`STAFF_HOURS: cannot read "${segment}" (expected e.g. "Mon-Fri 09:00-18:00")`);
      const days = new Set<number>();
      for (const part of m[1]!.split(',').map((p) => p.trim()).filter(Boolean)) {
        const [a, b] = part.split('-').map((p) => p.trim());
        if (b === undefined) days.add(parseDay(a!));
        else for (let d = parseDay(a!), end = parseDay(b); ; d = (d + 1) % 7) {
          days.add(d);
          if (d === end) break;
        }
      }
      return { days, start: parseTime(m[2]!), end: parseTime(m[3]!) };
    });
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
}

export function createStaffHours(spec: string | undefined, timeZone: string): StaffHours {
  const windows = parseStaffHours(spec);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const local = (at: number): LocalTime => {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      weekday: parseDay(String(parts.weekday)),
      minutes: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
    };
  };
  /** Unix ms of a wall-clock time in the staff timezone (two passes handle DST changes). */
  const toInstant = (year: number, month: number, day: number, minutes: number): number => {
    const wall = Date.UTC(year, month - 1, day, 0, minutes);
    let guess = wall;
    for (let i = 0; i < 2; i++) {
      const l = local(guess);
      const seen = Date.UTC(l.year, l.month - 1, l.day, 0, l.minutes);
      guess += wall - seen;
    }
    return guess;
  };

  const isOpen = (at: number): boolean => {
    if (windows.length === 0) return true;
    const l = local(at);
    return windows.some((w) => {
      if (w.start <= w.end) return w.days.has(l.weekday) && l.minutes >= w.start && l.minutes < w.end;
      // Crosses midnight: the evening part belongs to the listed day, the early part to the next.
      return (w.days.has(l.weekday) && l.minutes >= w.start) || (w.days.has((l.weekday + 6) % 7) && l.minutes < w.end);
    });
  };

  const nextOpen = (at: number): number => {
    if (isOpen(at)) return at;
    let best = Number.POSITIVE_INFINITY;
    for (let d = 0; d <= 8; d++) {
      const l = local(at + d * 86_400_000);
      for (const w of windows) {
        if (!w.days.has(l.weekday)) continue;
        const t = toInstant(l.year, l.month, l.day, w.start);
        if (t > at && t < best) best = t;
      }
    }
    return Number.isFinite(best) ? best : at;
  };

  return {
    alwaysOpen: windows.length === 0,
    isOpen,
    nextOpen,
    describe(at, lang) {
      const when = nextOpen(at);
      try {
        return new Intl.DateTimeFormat(lang, { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(when);
      } catch {
        return new Intl.DateTimeFormat('en', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(when);
      }
    },
  };
}
