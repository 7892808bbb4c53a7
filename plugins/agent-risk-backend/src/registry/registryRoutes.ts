import express from 'express';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AgentRiskAccess } from '../permissions/access';
import { RegistryService } from './RegistryService';

/** `:kind/:namespace/:name` path parameters, each one ref part. */
function parseEntityPath(params: Record<string, unknown>) {
  const part = (name: 'kind' | 'namespace' | 'name') => {
    const value = params[name];
    if (
      typeof value !== 'string' ||
      value.length === 0 ||
      value.length > 253 ||
      /[:/\u0000-\u001f\u007f]/.test(value)
    ) {
      throw new InputError(
        `Invalid path parameter ${name}: must be one entity ref part, without ":" or "/"`,
      );
    }
    return value;
  };
  return {
    kind: part('kind'),
    namespace: part('namespace'),
    name: part('name'),
  };
}

const AUDIT_DEFAULT_LIMIT = 50;
const AUDIT_MAX_LIMIT = 200;

function single(value: unknown, name: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Invalid ${name}: must be given once, as text`);
  }
  return value;
}

function readLimit(value: unknown): number {
  const raw = single(value, 'limit');
  if (raw === undefined) {
    return AUDIT_DEFAULT_LIMIT;
  }
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= AUDIT_MAX_LIMIT)) {
    throw new InputError(
      `Invalid limit: must be an integer from 1 to ${AUDIT_MAX_LIMIT}`,
    );
  }
  return n;
}

function readAfter(value: unknown): number {
  const raw = single(value, 'after') ?? '0';
  if (!/^\d{1,15}$/.test(raw)) {
    throw new InputError('Invalid after: must be a change cursor');
  }
  return Number(raw);
}

function readBody(body: unknown): { entity: unknown; reason: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'Invalid request body: expected a JSON object { entity, reason }',
    );
  }
  const { entity, reason } = body as Record<string, unknown>;
  if (entity === undefined) {
    throw new InputError('Invalid entity: is required');
  }
  return { entity, reason };
}

/**
 * The registry and audit routes of spec section 6, plus the two routes the
 * catalog module's entity provider reads (service callers only: they hand
 * out every registry entity, which the catalog then guards).
 */
export function addRegistryRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    access: AgentRiskAccess;
    registry: RegistryService;
  },
) {
  const { httpAuth, access, registry } = options;
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.post('/registry/agents', async (req, res) => {
    const credentials = await credentialsOf(req);
    await access.requireCreate(credentials);
    const result = await registry.create(readBody(req.body), credentials);
    res.status(201).json(result);
  });

  router.put('/registry/agents/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const path = parseEntityPath({ kind: 'agent', ...req.params });
    // Permission before ownership: a caller who may not edit the agent
    // learns 403, not where it is defined.
    await access.requireUpdate(credentials, await registry.refAt(path));
    res.json(await registry.update(path, readBody(req.body), credentials));
  });

  router.delete('/registry/agents/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const path = parseEntityPath({ kind: 'agent', ...req.params });
    await access.requireUpdate(credentials, await registry.refAt(path));
    await registry.delete(
      path,
      { reason: single(req.query.reason, 'reason') },
      credentials,
    );
    res.status(204).end();
  });

  router.get('/agents/:kind/:namespace/:name/audit', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = stringifyEntityRef(
      parseEntityPath(req.params),
    ).toLocaleLowerCase('en-US');
    const limit = readLimit(req.query.limit);
    const cursor = single(req.query.cursor, 'cursor');
    const visibility = await access.requireRead(credentials);
    if (
      visibility.type === 'none' ||
      (visibility.type === 'some' && !visibility.refs.includes(ref))
    ) {
      throw new NotFoundError(`No agent ${ref}`);
    }
    res.json(await registry.listAudit(ref, { limit, cursor }));
  });

  const requireService = async (req: express.Request) => {
    const credentials = await credentialsOf(req);
    if (credentials.principal.type !== 'service') {
      throw new NotAllowedError(
        'Only the catalog entity provider reads the registry feed',
      );
    }
  };

  router.get('/registry/entities', async (req, res) => {
    await requireService(req);
    res.json(await registry.snapshot());
  });

  router.get('/registry/changes', async (req, res) => {
    await requireService(req);
    res.json(await registry.changesSince(readAfter(req.query.after)));
  });
}
