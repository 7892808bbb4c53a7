import { getContrastRatio } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { TREND_BANDS, trendColors } from './trendColors';

/** Hue in degrees of a #rrggbb colour. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  let h;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const hueDistance = (a: string, b: string) => {
  const d = Math.abs(hue(a) - hue(b));
  return Math.min(d, 360 - d);
};

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
] as const)('trend colours on the %s theme', (type, theme) => {
  const colors = trendColors(type);

  it('give every band a line with 3:1 contrast on the card (WCAG 1.4.11)', () => {
    for (const band of TREND_BANDS) {
      expect({
        band,
        ratio:
          getContrastRatio(colors[band], theme.palette.background.paper) >= 3,
      }).toEqual({ band, ratio: true });
    }
  });

  it('tell Critical and High apart by hue, not just shade', () => {
    expect(hueDistance(colors.critical, colors.high)).toBeGreaterThanOrEqual(
      30,
    );
    expect(new Set(TREND_BANDS.map(b => colors[b])).size).toBe(4);
  });
});
