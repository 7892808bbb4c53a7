import Big from 'big.js';

/**
 * Exact decimal helpers. Scores are computed on decimal strings rather than
 * binary floats so that ties round as a person expects (8.65 → 8.7).
 *
 * @public
 */
export type Decimal = Big;

/** @public */
export function decimal(value: number | string): Big {
  return new Big(value);
}

/**
 * Round half up to one decimal place, in exact decimal arithmetic.
 *
 * @public
 */
export function round1(value: Big): Big {
  return value.round(1, Big.roundHalfUp);
}

/** @public */
export function clamp(value: Big, min: number, max: number): Big {
  if (value.lt(min)) return new Big(min);
  if (value.gt(max)) return new Big(max);
  return value;
}

/**
 * Parses a plain decimal literal ("0.4", "7", ".5"). Rejects exponents, signs
 * other than a leading minus, hex, whitespace inside, and the empty string,
 * because annotation values are written by people and must mean one thing.
 *
 * @public
 */
export function parseDecimalLiteral(text: string): Big | undefined {
  const trimmed = text.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) {
    return undefined;
  }
  return new Big(trimmed);
}

/**
 * Number of digits after the decimal point of a literal ("8.25" → 2).
 *
 * @public
 */
export function decimalPlaces(text: string): number {
  const dot = text.trim().indexOf('.');
  return dot < 0 ? 0 : text.trim().length - dot - 1;
}
