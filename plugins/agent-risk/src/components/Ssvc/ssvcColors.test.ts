import { SSVC_OUTCOMES } from '@agent-risk/plugin-agent-risk-common';
import { SSVC_OUTCOME_COLORS } from './ssvcColors';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('SSVC_OUTCOME_COLORS', () => {
  it.each([...SSVC_OUTCOMES])('%s has text at WCAG AA contrast', outcome => {
    const { background, text } = SSVC_OUTCOME_COLORS[outcome];
    expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every outcome its own colour', () => {
    const backgrounds = SSVC_OUTCOMES.map(
      o => SSVC_OUTCOME_COLORS[o].background,
    );
    expect(new Set(backgrounds).size).toBe(SSVC_OUTCOMES.length);
  });
});
