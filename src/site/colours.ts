// Brand colours made readable: the text on a brand-coloured fill, and the brand colour itself as text (links) on the
// page's light and dark backgrounds, each at least 4.5:1 (WCAG AA for body text), whatever colours the reseller picks.

/** WCAG AA contrast for normal text. */
export const MIN_CONTRAST = 4.5;

type Rgb = [number, number, number];

const hex = (colour: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16)) as Rgb;
const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(colour: string): number {
  const [r, g, b] = hex(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `fill` (one of them always reaches 4.5:1). */
export function textOn(fill: string): string {
  return contrast(fill, '#ffffff') >= contrast(fill, '#000000') ? '#ffffff' : '#000000';
}

/** `colour` as text on each of `backgrounds`: itself when it reads well enough, else mixed towards black (on light
 * backgrounds) or white (on dark ones) just until it does. */
export function readableText(colour: string, backgrounds: string[]): string {
  const dark = backgrounds.every((b) => luminance(b) < 0.18);
  const target = dark ? 255 : 0;
  const from = hex(colour);
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const mixed = toHex(from.map((c) => c + (target - c) * t) as Rgb);
    if (backgrounds.every((b) => contrast(mixed, b) >= MIN_CONTRAST)) return mixed;
  }
  return toHex([target, target, target]);
}
