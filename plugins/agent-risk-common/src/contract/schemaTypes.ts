import type { z } from 'zod/v3';

/**
 * A zod object schema that parses to `T`, written as one named type: the
 * API report prints one line per schema instead of zod's generics, and
 * `.shape`, `.extend` and `.omit` keep working (the MCP actions derive their
 * output schemas from the API's).
 *
 * @public
 */
export type ObjectSchema<T> = z.ZodObject<
  { [K in keyof T]-?: z.ZodType<T[K]> },
  'strip'
>;

/**
 * The object schema of a request part (path, query or body): it takes what
 * a client sends (query strings, any JSON) and parses it to `T`.
 *
 * @public
 */
export type RequestSchema<T> = z.ZodObject<
  { [K in keyof T]-?: z.ZodType<T[K], z.ZodTypeDef, unknown> },
  'strip'
>;
