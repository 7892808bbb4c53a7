import { lightTheme } from '@backstage/theme';
import { getRiskGaugeColor } from './riskColors';
import { SEVERITY_COLORS } from './severityColors';

describe('getRiskGaugeColor', () => {
  // Backstage's Gauge calls getColor with the value as a percentage of max.
  const colorAt = (score: number) =>
    getRiskGaugeColor({
      palette: lightTheme.palette,
      value: (score / 10) * 100,
      inverse: false,
      max: 10,
    });

  it("colours a gauge by the score's severity band, the chip's colour", () => {
    expect(colorAt(2.6)).toBe(SEVERITY_COLORS.low.background);
    expect(colorAt(4.0)).toBe(SEVERITY_COLORS.medium.background);
    expect(colorAt(6.9)).toBe(SEVERITY_COLORS.medium.background);
    expect(colorAt(7.0)).toBe(SEVERITY_COLORS.high.background);
    expect(colorAt(8.9)).toBe(SEVERITY_COLORS.high.background);
    expect(colorAt(9.0)).toBe(SEVERITY_COLORS.critical.background);
    expect(colorAt(0)).toBe(lightTheme.palette.status.aborted);
  });

  it('survives float noise in the percentage (5.7 → 56.99999…)', () => {
    expect(colorAt(0.57 * 10)).toBe(SEVERITY_COLORS.medium.background);
  });
});
