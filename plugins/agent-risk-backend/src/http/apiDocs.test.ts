import fs from 'fs';
import path from 'path';
import { z } from 'zod/v3';
import {
  AGENT_CSV_COLUMNS,
  agentListItemSchema,
  agentRiskRoutes,
} from '@agent-risk/plugin-agent-risk-common';

const docs = fs.readFileSync(
  path.resolve(__dirname, '../../../../docs/api.md'),
  'utf8',
);

/** The `## \`METHOD /path\`` sections of docs/api.md, by heading. */
const sections = new Map(
  docs
    .split(/^## /m)
    .slice(1)
    .map(section => {
      const [heading, ...body] = section.split('\n');
      return [heading.trim(), body.join('\n')] as const;
    })
    .filter(([heading]) => /^`(GET|POST) \//.test(heading)),
);

const routes = Object.values(agentRiskRoutes);
const sectionOf = (route: (typeof routes)[number]) =>
  sections.get(`\`${route.method} ${route.path}\``) ?? '';

describe('docs/api.md and the contract', () => {
  it('documents exactly the contract routes', () => {
    expect([...sections.keys()].sort()).toEqual(
      routes.map(r => `\`${r.method} ${r.path}\``).sort(),
    );
  });

  it('shows the CSV header of the contract columns', () => {
    expect(sectionOf(agentRiskRoutes.exportAgentsCsv)).toContain(
      AGENT_CSV_COLUMNS.join(','),
    );
  });

  it.each(routes.map(r => [`${r.method} ${r.path}`, r] as const))(
    '%s names every field of its response and query',
    (_name, route) => {
      const section = sectionOf(route);
      const fields: string[] = [];
      if (route.response.type === 'json') {
        const schema = route.response.schema as z.AnyZodObject;
        fields.push(
          ...Object.keys(schema.shape).filter(
            // A record documents the ranking fields it shares with GET /agents.
            field =>
              !(
                route === agentRiskRoutes.getAgent &&
                field in agentListItemSchema.shape
              ),
          ),
        );
      }
      if (route === agentRiskRoutes.listAgents) {
        fields.push(
          ...Object.keys(agentRiskRoutes.listAgents.query.shape),
          ...Object.keys(agentListItemSchema.shape),
        );
      }
      const missing = fields.filter(
        field =>
          !new RegExp(`\`${field}\`|"${field}"|\\b${field}\\b`).test(section),
      );
      expect(missing).toEqual([]);
    },
  );
});
