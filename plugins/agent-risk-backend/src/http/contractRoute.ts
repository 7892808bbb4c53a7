import express from 'express';
import { z } from 'zod/v3';
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { AgentRiskRoute } from '@agent-risk/plugin-agent-risk-common';
import { parseRequestPart } from './validation';

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

/** A JSON route returns its body; a CSV route writes the response itself. */
type RouteResult<R extends AgentRiskRoute> = R['response'] extends {
  type: 'json';
  schema: infer S extends z.ZodTypeAny;
}
  ? z.input<S>
  : void;

/**
 * Returns a function that mounts one route of the contract: its method and
 * path; the caller authenticated (user or service token, else 401) before
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
    const method = route.method === 'GET' ? 'get' : 'post';
    router[method](route.path, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const input = {
        credentials,
        params: route.params
          ? parseRequestPart(route.params, req.params, 'path parameter')
          : undefined,
        query: route.query
          ? parseRequestPart(route.query, req.query, 'query parameter')
          : undefined,
        body: route.body
          ? parseRequestPart(route.body, req.body, 'request body')
          : undefined,
        req,
        res,
      } as RouteInput<R>;
      const result = await handler(input);
      if (route.response.type === 'json') {
        res.status(route.status).json(result);
      }
    });
  };
}
