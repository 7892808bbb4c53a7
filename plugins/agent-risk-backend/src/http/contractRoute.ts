import express from 'express';
import { z } from 'zod/v3';
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { AgentRiskRoute } from '@agent-risk/plugin-agent-risk-common';
import { parseRequestPart } from './validation';
import { sendJson } from './sendJson';

type Parsed<S> = S extends z.ZodTypeAny ? z.output<S> : undefined;

/** What a handler gets: the request parts, already parsed with the route's schemas. */
export interface RouteInput<R extends AgentRiskRoute> {
  credentials: BackstageCredentials;
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  req: express.Request;
  res: express.Response;
}

/** A JSON route returns its body; a CSV route writes the response itself; an empty one returns nothing. */
type RouteResult<R extends AgentRiskRoute> = R['response'] extends {
  type: 'json';
  schema: infer S extends z.ZodTypeAny;
}
  ? z.input<S>
  : void;

const METHODS = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  DELETE: 'delete',
} as const;

/** Distinct query strings whose parsed form a route keeps. */
const QUERIES_CACHED = 500;

/**
 * Parses a route's query with its schema, keeping the parsed (and frozen)
 * result by the raw query string: a dashboard asks the same few queries
 * over and over, and the schema's parse was a tenth of a ranking request's
 * CPU in the full-stack benchmark's profile. Express parses the same string
 * into the same `req.query`, so the result is the same; a bad query is
 * never kept and fails each time with its 400.
 */
function cachedQueryParser<S extends z.ZodTypeAny>(schema: S) {
  const cache = new Map<string, z.output<S>>();
  return (req: express.Request): z.output<S> => {
    const at = req.originalUrl.indexOf('?');
    const raw = at < 0 ? '' : req.originalUrl.slice(at + 1);
    const known = cache.get(raw);
    if (known !== undefined) {
      return known;
    }
    const parsed = deepFreeze(
      parseRequestPart(schema, req.query, 'query parameter'),
    );
    if (cache.size >= QUERIES_CACHED) {
      // The oldest first: insertion order.
      cache.delete(cache.keys().next().value!);
    }
    cache.set(raw, parsed);
    return parsed;
  };
}

/** Frozen all the way down, so no handler can change what the next request gets. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

/**
 * Returns a function that mounts one route of the contract: its method and
 * path; the caller authenticated (a user or service token as the route allows, else 401 or 403) before
 * anything else; its query, path and body parsed with its schemas (a 400
 * naming the field otherwise); and its status. Permissions are checked by
 * the handler, through the one access object the actions use too.
 */
export function contractRoutes(
  router: express.Router,
  httpAuth: HttpAuthService,
) {
  return function addRoute<R extends AgentRiskRoute>(
    route: R,
    handler: (input: RouteInput<R>) => Promise<RouteResult<R>>,
  ): void {
    const method = METHODS[route.method];
    const allow = [...(route.callers ?? ['user', 'service'])];
    const parseQuery = route.query ? cachedQueryParser(route.query) : undefined;
    router[method](route.path, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      const input = {
        credentials,
        params: route.params
          ? parseRequestPart(route.params, req.params, 'path parameter')
          : undefined,
        query: parseQuery ? parseQuery(req) : undefined,
        body: route.body
          ? parseRequestPart(route.body, req.body, 'request body')
          : undefined,
        req,
        res,
      } as RouteInput<R>;
      const result = await handler(input);
      if (route.response.type === 'json') {
        sendJson(req, res, route.status, result);
      } else if (route.response.type === 'empty') {
        res.status(route.status).end();
      }
    });
  };
}
