/*
 * What the registry stores (spec section 11): only an agent's fields and the
 * assessment's annotations, http(s) links, bounded text. The inputs of the
 * security review (issue 17, finding 5) are refused with the field named,
 * over HTTP and through the MCP action, and nothing is stored; an entity
 * echoed back from the catalog saves without its bookkeeping.
 */
/* eslint-disable no-script-url */
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { REGISTRY_LIMITS } from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  catalogAuth,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();

const base = () =>
  agentEntity({
    name: 'fields-agent',
    title: 'Fields agent',
    factor: '0.4',
    cvssBase: '6.5',
    owner: 'group:default/ai-platform',
  });

/** The agent with a change: extra metadata, annotations or spec. */
function withChange(change: {
  metadata?: Record<string, unknown>;
  annotations?: Record<string, string>;
  spec?: Record<string, unknown>;
}): Entity {
  const entity = base();
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...change.metadata,
      annotations: { ...entity.metadata.annotations, ...change.annotations },
    },
    spec: { ...entity.spec, ...change.spec },
  } as Entity;
}

/** Each input of finding 5, and the field the 400 must name. */
const REFUSED: Array<[string, Entity, string]> = [
  [
    'a TechDocs annotation',
    withChange({
      annotations: {
        'backstage.io/techdocs-ref': 'url:https://evil.example.com',
      },
    }),
    'backstage.io/techdocs-ref',
  ],
  [
    'a GitHub annotation',
    withChange({ annotations: { 'github.com/project-slug': 'evil/repo' } }),
    'github.com/project-slug',
  ],
  [
    'spec.subcomponentOf',
    withChange({ spec: { subcomponentOf: 'component:default/payments' } }),
    'spec.subcomponentOf',
  ],
  [
    'spec.dependencyOf',
    withChange({ spec: { dependencyOf: ['component:default/payments'] } }),
    'spec.dependencyOf',
  ],
  [
    'a javascript: link',
    withChange({
      metadata: {
        links: [{ url: 'javascript:alert(document.cookie)', title: 'Docs' }],
      },
    }),
    'metadata.links[0].url',
  ],
  [
    'a data: link',
    withChange({
      metadata: {
        links: [{ url: 'data:text/html,<script>alert(1)</script>' }],
      },
    }),
    'metadata.links[0].url',
  ],
  [
    'a 5,000-character title',
    withChange({ metadata: { title: 'T'.repeat(5000) } }),
    'metadata.title',
  ],
  [
    'an 18,000-character description',
    withChange({ metadata: { description: 'D'.repeat(18000) } }),
    'metadata.description',
  ],
];

describe.each(databases.eachSupportedId())(
  'registry fields on %p',
  databaseId => {
    let b: AgentRiskTestBackend;

    beforeAll(async () => {
      b = await on(databaseId).start();
    });

    const create = (entity: unknown) =>
      request(b.server)
        .post('/api/agent-risk/registry/agents')
        .set('Authorization', userAuth())
        .send({ entity, reason: 'finding 5' });

    const stored = async () =>
      (
        await request(b.server)
          .get('/api/agent-risk/registry/entities')
          .set('Authorization', catalogAuth())
          .expect(200)
      ).body.entities as Entity[];

    it.each(REFUSED)(
      'POST refuses %s with 400 naming the field, and stores nothing',
      async (_, entity, field) => {
        const res = await create(entity).expect(400);
        expect(res.body.error.message).toMatch(
          new RegExp(`^Invalid ${field.replace(/[.[\]]/g, '\\$&')}: `),
        );
        expect(res.body.error.message.length).toBeLessThan(1000);
        expect(await stored()).toEqual([]);
      },
    );

    it.each(REFUSED)(
      'the register-agent action refuses %s, naming the field',
      async (_, entity, field) => {
        await expect(
          b.actions.invoke({
            id: 'test:register-agent',
            input: { entity, reason: 'finding 5' },
            credentials: mockCredentials.user('user:default/guest'),
          }),
        ).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringContaining(`Invalid ${field}: `),
        });
        expect(await stored()).toEqual([]);
      },
    );

    it('reports every problem, the first in the usual form', async () => {
      const res = await create(
        withChange({
          metadata: { title: 'T'.repeat(5000), description: 'D'.repeat(18000) },
          annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
        }),
      ).expect(400);
      expect(res.body.error.message).toMatch(
        new RegExp(
          `^Invalid metadata\\.title: must be at most ${REGISTRY_LIMITS.title} characters; ` +
            `metadata\\.description: must be at most ${REGISTRY_LIMITS.description} characters; `,
        ),
      );
      expect(res.body.error.message).toContain(
        'backstage.io/techdocs-ref: the registry does not store this annotation',
      );
    });

    it('saves an entity echoed back from the catalog, without its bookkeeping', async () => {
      await create(base()).expect(201);
      const [registered] = await stored();
      // What the catalog adds to what the provider emitted.
      const echoed = {
        ...registered,
        metadata: {
          ...registered.metadata,
          uid: '0c5b2f6e-1111-2222-3333-444455556666',
          etag: 'etag-1',
          generation: 1,
          title: 'Fields agent, renamed',
          annotations: {
            ...registered.metadata.annotations,
            'backstage.io/view-url': 'javascript:alert(1)',
            'backstage.io/edit-url': 'https://scm.example.com/edit',
            'backstage.io/source-location': 'url:https://scm.example.com/',
          },
        },
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/ai-platform' },
        ],
        status: { items: [] },
      };
      await request(b.server)
        .put('/api/agent-risk/registry/agents/default/fields-agent')
        .set('Authorization', userAuth())
        .send({ entity: echoed, reason: 'retitled' })
        .expect(200);
      const [saved] = await stored();
      expect(saved.metadata.title).toBe('Fields agent, renamed');
      expect(Object.keys(saved).sort()).toEqual([
        'apiVersion',
        'kind',
        'metadata',
        'spec',
      ]);
      expect(saved.metadata).not.toHaveProperty('uid');
      expect(saved.metadata).not.toHaveProperty('etag');
      expect(saved.metadata).not.toHaveProperty('generation');
      expect(Object.keys(saved.metadata.annotations ?? {})).not.toEqual(
        expect.arrayContaining(['backstage.io/view-url']),
      );
      expect(saved.metadata.annotations).not.toHaveProperty(
        'backstage.io/edit-url',
      );
      expect(saved.metadata.annotations).not.toHaveProperty(
        'backstage.io/source-location',
      );
      expect(saved.metadata.annotations).toMatchObject({
        'agent-risk.io/registry': 'true',
        'backstage.io/managed-by-location':
          'agent-risk-registry:default/fields-agent',
      });

      // A field the client chose outside the allow-list is still refused.
      const res = await request(b.server)
        .put('/api/agent-risk/registry/agents/default/fields-agent')
        .set('Authorization', userAuth())
        .send({
          entity: { ...echoed, spec: { ...echoed.spec, subcomponentOf: 'x' } },
          reason: 'sneak',
        })
        .expect(400);
      expect(res.body.error.message).toMatch(/^Invalid spec\.subcomponentOf: /);
    });
  },
);
