// Start times of alerts as milliseconds, fast for the form Alertmanager writes (grouping reads 100,000 of them).

/** Days since 1970-01-01 of a Gregorian date (year 100 or later, month 1–12; the day may run past the month's end). */
function daysFromCivil(y: number, m: number, d: number): number {
  if (m <= 2) y--;
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  return era * 146097 + yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy - 719468;
}

/**
 * Milliseconds of an RFC 3339 time. Alertmanager's UTC form ("2025-01-15T02:58:00.123456789Z") is read by hand,
 * several times faster than Date.parse, with Date.UTC's arithmetic; anything else goes to Date.parse.
 * Unparseable: 0, i.e. very old.
 */
export function parseTime(s: string): number {
  const len = s.length;
  if (
    len >= 20 &&
    s.charCodeAt(len - 1) === 90 /* Z */ &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    (len === 20 || (s.charCodeAt(19) === 46 && len > 21))
  ) {
    const c0 = s.charCodeAt(0) - 48,
      c1 = s.charCodeAt(1) - 48,
      c2 = s.charCodeAt(2) - 48,
      c3 = s.charCodeAt(3) - 48;
    const c5 = s.charCodeAt(5) - 48,
      c6 = s.charCodeAt(6) - 48,
      c8 = s.charCodeAt(8) - 48,
      c9 = s.charCodeAt(9) - 48;
    const c11 = s.charCodeAt(11) - 48,
      c12 = s.charCodeAt(12) - 48,
      c14 = s.charCodeAt(14) - 48,
      c15 = s.charCodeAt(15) - 48;
    const c17 = s.charCodeAt(17) - 48,
      c18 = s.charCodeAt(18) - 48;
    // `x >>> 0 <= 9`: 0–9, with anything below '0' wrapping to a large number.
    let digits =
      c0 >>> 0 <= 9 &&
      c1 >>> 0 <= 9 &&
      c2 >>> 0 <= 9 &&
      c3 >>> 0 <= 9 &&
      c5 >>> 0 <= 9 &&
      c6 >>> 0 <= 9 &&
      c8 >>> 0 <= 9 &&
      c9 >>> 0 <= 9 &&
      c11 >>> 0 <= 9 &&
      c12 >>> 0 <= 9 &&
      c14 >>> 0 <= 9 &&
      c15 >>> 0 <= 9 &&
      c17 >>> 0 <= 9 &&
      c18 >>> 0 <= 9;
    // Fraction: every character a digit; the first three are the milliseconds.
    let ms = 0;
    let used = 0;
    for (let i = 20; digits && i < len - 1; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c >>> 0 > 9) digits = false;
      else if (used < 3) {
        ms = ms * 10 + c;
        used++;
      }
    }
    if (digits) {
      ms *= used === 1 ? 100 : used === 2 ? 10 : 1;
      const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3;
      const mo = c5 * 10 + c6;
      const h = c11 * 10 + c12,
        mi = c14 * 10 + c15,
        sec = c17 * 10 + c18;
      // Date.UTC reads years 0–99 as 1900–1999 and rolls months over; leave those to it.
      if (y >= 100 && mo >= 1 && mo <= 12)
        return daysFromCivil(y, mo, c8 * 10 + c9) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
      const t = Date.UTC(y, mo - 1, c8 * 10 + c9, h, mi, sec, ms);
      if (Number.isFinite(t)) return t;
    }
  }
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : 0;
}
