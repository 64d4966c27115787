/**
 * pprof's node and edge colours: a score in [-1, 1] (value / total) maps to
 * green (negative), grey (near 0) or red (positive), light for fills and
 * dark for outlines, with the score shifted away from grey.
 */

const SHIFT = 0.7;

/** The colour of a score, `#rrggbb`; `background` gives the light variant. */
export function dotColor(score: number, background: boolean): string {
  let saturation = background ? 0.1 : 1.0;
  const value = background ? 0.93 : 0.7;
  let s = Math.max(-1, Math.min(1, score));
  if (Math.abs(s) < 0.2) saturation *= Math.abs(s) / 0.2;
  if (s > 0) s = Math.pow(s, 1 - SHIFT);
  if (s < 0) s = -Math.pow(-s, 1 - SHIFT);
  let r: number;
  let g: number;
  if (s < 0) {
    g = value;
    r = value * (1 + saturation * s);
  } else {
    r = value;
    g = value * (1 - saturation * s);
  }
  const b = value * (1 - saturation);
  const hex = (x: number): string => (Math.trunc(x * 255) & 0xff).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}
