import express from 'express';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { agentRiskRoutes } from '@agent-risk/plugin-agent-risk-common';
import { contractRoutes } from './contractRoute';

/*
 * The contract types the handlers: these calls must not type-check (tsc runs
 * over the tests), and the ones that do are mounted like any route.
 */
describe('contractRoutes typing', () => {
  it('accepts handlers that answer the contract and rejects those that do not', () => {
    const router = express.Router();
    const route = contractRoutes(router, {} as HttpAuthService);

    route(agentRiskRoutes.triggerSync, async () => ({
      triggered: 'agent-risk-sync',
      alreadyRunning: false,
    }));
    // @ts-expect-error an answer without the contract's fields
    route(agentRiskRoutes.triggerSync, async () => ({ triggered: 1 }));
    route(agentRiskRoutes.getAgent, async ({ params }) => {
      // @ts-expect-error path parameters are the contract's, not any key
      return params.unknownParameter;
    });

    expect(router.stack).toHaveLength(3);
  });
});
