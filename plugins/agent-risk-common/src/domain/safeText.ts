/**
 * Control characters and lone UTF-16 surrogates: no entity field holds them,
 * and PostgreSQL refuses NUL outright, so in input they are a 400, not a query.
 */
// Matching control characters is the point here.
/* eslint-disable no-control-regex */
const UNSAFE_TEXT =
  /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */

/**
 * True when text holds a control character or a lone surrogate. With
 * `allowLineBreaks`, line breaks and tabs are fine (free text such as a
 * reason or a justification).
 *
 * @public
 */
export function hasUnsafeText(
  text: string,
  options?: { allowLineBreaks?: boolean },
): boolean {
  return UNSAFE_TEXT.test(
    options?.allowLineBreaks ? text.replace(/[\n\r\t]/g, ' ') : text,
  );
}

/**
 * What a 400 says of text that {@link hasUnsafeText} refuses.
 *
 * @public
 */
export const UNSAFE_TEXT_MESSAGE =
  'must not contain control characters or invalid Unicode';
