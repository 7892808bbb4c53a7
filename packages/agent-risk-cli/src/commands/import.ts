import {
  buildAgentEntityFromThreatModel,
  parseThreatModelDocument,
} from '@agent-risk/plugin-agent-risk-common';
import { stringify } from 'yaml';
import { checkEntity } from '../catalog/checkEntity';
import {
  checkAssessmentFlags,
  checkLifecycleFlag,
  checkNameFlag,
  checkOwnerFlag,
} from '../flags';
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from '../io';
import { readInput } from '../readInput';

export interface ImportFlags {
  owner?: string;
  lifecycle?: string;
  cvssBase?: string;
  threatMultiplier?: string;
  mitigationFactor?: string;
  name?: string;
}

export const DEFAULT_OWNER = 'unknown';
export const DEFAULT_LIFECYCLE = 'production';

/**
 * `agent-risk import FILE`: a threat-model document → one `AiResource` agent
 * entity as catalog YAML on stdout. A document without all ten factor rows or
 * without any layer is refused (exit 1, nothing on stdout); a truncated
 * document is imported with the layers it has, and a note says which are absent.
 */
export async function importCommand(
  file: string,
  flags: ImportFlags,
  io: CliIo,
): Promise<number> {
  if (flags.owner !== undefined) checkOwnerFlag(flags.owner);
  if (flags.lifecycle !== undefined) checkLifecycleFlag(flags.lifecycle);
  if (flags.name !== undefined) checkNameFlag(flags.name);
  checkAssessmentFlags(flags);

  const { document, problems, missingLayers } = parseThreatModelDocument(
    readInput(file),
  );
  // A title is only needed for the name; --name supplies one.
  const blocking = problems.filter(
    p => !(p.field === 'title' && flags.name !== undefined),
  );
  if (blocking.length > 0) {
    for (const problem of blocking) {
      io.stderr(`${file}: ${problem.field}: ${problem.message}\n`);
    }
    return EXIT_PROBLEMS;
  }

  if (flags.owner === undefined) {
    io.stderr(
      `agent-risk: warning: no --owner given; using spec.owner "${DEFAULT_OWNER}"\n`,
    );
  }
  const entity = buildAgentEntityFromThreatModel(document, {
    owner: flags.owner ?? DEFAULT_OWNER,
    lifecycle: flags.lifecycle ?? DEFAULT_LIFECYCLE,
    cvssBase: flags.cvssBase,
    threatMultiplier: flags.threatMultiplier,
    mitigationFactor: flags.mitigationFactor,
    name: flags.name,
  });
  if (entity.metadata.name === '') {
    io.stderr(
      `${file}: title: "${document.title}" gives no usable entity name; pass --name\n`,
    );
    return EXIT_PROBLEMS;
  }

  // The same checks `validate` applies, minus an absent CVSS input, which
  // the document format does not carry and the user may add later.
  const entityProblems = (await checkEntity(entity)).filter(
    p =>
      !(
        flags.cvssBase === undefined && p.field === 'aivss.owasp.org/cvss-base'
      ),
  );
  if (entityProblems.length > 0) {
    for (const problem of entityProblems) {
      io.stderr(`${file}: ${problem.field}: ${problem.message}\n`);
    }
    return EXIT_PROBLEMS;
  }

  if (missingLayers.length > 0) {
    const found = document.layers.map(l => l.id.toUpperCase()).join(', ');
    io.stderr(
      `agent-risk: note: ${file} has no paragraph for ${missingLayers
        .map(id => id.toUpperCase())
        .join(', ')} (truncated?); imported ${found}\n`,
    );
  }
  if (flags.cvssBase === undefined) {
    io.stderr(
      'agent-risk: note: no --cvss-base given; the agent stays incomplete until aivss.owasp.org/cvss-base or cvss-vector is set\n',
    );
  }
  io.stdout(stringify(entity, { lineWidth: 0, singleQuote: true }));
  return EXIT_OK;
}
