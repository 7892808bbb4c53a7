import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import {
  findAssessmentProblems,
  isAgentEntity,
  validateRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * The example agents fit what the registry stores (spec section 11): every
 * field and annotation they use is allowed and within REGISTRY_LIMITS, so the
 * bounds leave room for real agents. Some examples are incomplete on purpose;
 * only the registry's own rules are asked of them here.
 */
const examples = path.resolve(__dirname, '../../../examples');

const agents = fs
  .readdirSync(examples)
  .filter(file => file.endsWith('.yaml'))
  .flatMap(file =>
    parseAllDocuments(fs.readFileSync(path.join(examples, file), 'utf8')).map(
      doc => doc.toJSON() as Entity,
    ),
  )
  .filter(entity => isAgentEntity(entity));

describe('the example agents and the registry', () => {
  it('has agents to check', () => {
    expect(agents.length).toBeGreaterThan(3);
  });

  it.each(agents.map(entity => [entity.metadata.name, entity] as const))(
    '%s is storable in the registry',
    (_, entity) => {
      const assessment = JSON.stringify(
        findAssessmentProblems(entity.metadata.annotations),
      );
      expect(
        validateRegistryEntity(entity).filter(
          p => !assessment.includes(JSON.stringify(p)),
        ),
      ).toEqual([]);
    },
  );
});
