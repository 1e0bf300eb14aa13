// Colours from any brand read well: text on brand fills and the brand colour as link text reach 4.5:1 on the page's
// light and dark backgrounds, and the fixed palette does too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrast, MIN_CONTRAST, readableText, textOn } from '../../src/site/colours.ts';
import { PALETTE, themeColours, themeCss } from '../../src/site/theme.ts';

const hexColour = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('brand colours', () => {
  it('match WCAG’s contrast ratios', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The "Most popular" badge of the default brand: white on #10b981 was 2.5:1.
    expect(contrast('#10b981', '#ffffff')).toBeLessThan(MIN_CONTRAST);
    expect(textOn('#10b981')).toBe('#000000');
    expect(textOn('#4f46e5')).toBe('#ffffff');
  });

  it('any brand and accent colour gets text that reads on it, and link text that reads on every background', () => {
    fc.assert(
      fc.property(hexColour, hexColour, (primaryColor, accentColor) => {
        for (const scheme of ['light', 'dark'] as const) {
          const colours = themeColours({ primaryColor, accentColor }, scheme);
          expect(contrast(colours['on-brand']!, primaryColor)).toBeGreaterThanOrEqual(MIN_CONTRAST);
          expect(contrast(colours['on-accent']!, accentColor)).toBeGreaterThanOrEqual(MIN_CONTRAST);
          for (const background of [PALETTE[scheme].bg, PALETTE[scheme].surface])
            expect(contrast(colours['brand-text']!, background)).toBeGreaterThanOrEqual(MIN_CONTRAST);
        }
      }),
    );
  });

  it('keeps a brand colour that already reads well, and darkens a light one only as much as needed', () => {
    expect(readableText('#4f46e5', [PALETTE.light.bg, PALETTE.light.surface])).toBe('#4f46e5');
    const yellow = readableText('#ffcc00', [PALETTE.light.bg, PALETTE.light.surface]);
    expect(contrast(yellow, PALETTE.light.surface)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrast(yellow, PALETTE.light.surface)).toBeLessThan(6);
  });

  it('every text colour of the palette reads on both backgrounds of its scheme', () => {
    for (const palette of Object.values(PALETTE))
      for (const text of [palette.text, palette.muted, palette.danger, palette.warn, palette.ok])
        for (const background of [palette.bg, palette.surface])
          expect(contrast(text, background), `${text} on ${background}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('writes light custom properties and only the dark scheme’s differences', () => {
    const css = themeCss({ primaryColor: '#4f46e5', accentColor: '#10b981' });
    expect(css).toMatch(/^:root\{--bg:#ffffff;.*--brand:#4f46e5;--on-brand:#ffffff;--brand-text:#4f46e5;/);
    expect(css).toMatch(/@media \(prefers-color-scheme:dark\)\{:root\{--bg:#0f1115;.*--brand-text:#[0-9a-f]{6}\}\}$/);
    expect(css.split('@media')[1]).not.toContain('--brand:');
  });
});
