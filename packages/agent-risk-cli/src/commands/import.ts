import {
  AIVSS_ANNOTATIONS,
  parseAssessment,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AGENT_DOCUMENT_FORMATS,
  AgentDocumentFormat,
  DEFAULT_IMPORT_OWNER,
  importAgentDocument,
  isAgentDocumentFormat,
} from '@agent-risk/plugin-agent-risk-common/import';
import { stringify } from 'yaml';
import { checkEntity } from '../catalog/checkEntity';
import { fetchInput, isHttpUrl } from '../fetchInput';
import {
  checkAssessmentFlags,
  checkLifecycleFlag,
  checkNameFlag,
  checkOwnerFlag,
} from '../flags';
import { CliInputError, CliIo, EXIT_OK, EXIT_PROBLEMS } from '../io';
import { readInput } from '../readInput';

export interface ImportFlags {
  format?: string;
  owner?: string;
  lifecycle?: string;
  cvssBase?: string;
  threatMultiplier?: string;
  mitigationFactor?: string;
  name?: string;
}

/** `--format`: one of the formats the common importer reads. */
function parseFormatFlag(value: string): AgentDocumentFormat {
  if (!isAgentDocumentFormat(value)) {
    throw new CliInputError(
      `--format: unknown format "${value}"; expected one of ${AGENT_DOCUMENT_FORMATS.join(
        ', ',
      )}`,
    );
  }
  return value;
}

/** Says how to fix what a warning is about, where a flag can. */
const FLAG_HINTS: Record<string, string> = {
  [AIVSS_ANNOTATIONS.cvssBase]: ' (pass --cvss-base N)',
};

/**
 * `agent-risk import FILE|URL`: a threat-model document, a directory page or
 * an A2A agent card → one `AiResource` agent entity as catalog YAML on stdout.
 * The common importer detects the format (or `--format` forces one); what it
 * refuses is exit 1 with each problem on stderr and nothing on stdout; its
 * warnings (a truncated page, a score that differs from the published one)
 * go to stderr and the entity is printed.
 */
export async function importCommand(
  source: string,
  flags: ImportFlags,
  io: CliIo,
): Promise<number> {
  const format =
    flags.format !== undefined ? parseFormatFlag(flags.format) : undefined;
  if (flags.owner !== undefined) checkOwnerFlag(flags.owner);
  if (flags.lifecycle !== undefined) checkLifecycleFlag(flags.lifecycle);
  if (flags.name !== undefined) checkNameFlag(flags.name);
  checkAssessmentFlags(flags);

  const text = isHttpUrl(source) ? await fetchInput(source) : readInput(source);
  const result = importAgentDocument(text, {
    format,
    owner: flags.owner,
    lifecycle: flags.lifecycle,
    cvssBase: flags.cvssBase,
    threatMultiplier: flags.threatMultiplier,
    mitigationFactor: flags.mitigationFactor,
    name: flags.name,
  });
  if (!result.ok) {
    for (const problem of result.errors) {
      io.stderr(`${source}: ${problem.field}: ${problem.message}\n`);
    }
    return EXIT_PROBLEMS;
  }

  // The same checks `validate` applies, minus absent assessment inputs:
  // an import may leave an agent incomplete (the warnings say so).
  const { entity } = result;
  const absent = new Set(
    parseAssessment(entity.metadata.annotations).missing.map(e => e.field),
  );
  const entityProblems = (await checkEntity(entity)).filter(
    p => !absent.has(p.field),
  );
  if (entityProblems.length > 0) {
    for (const problem of entityProblems) {
      io.stderr(`${source}: ${problem.field}: ${problem.message}\n`);
    }
    return EXIT_PROBLEMS;
  }

  if (flags.owner === undefined) {
    io.stderr(
      `agent-risk: warning: no --owner given; using spec.owner "${DEFAULT_IMPORT_OWNER}"\n`,
    );
  }
  for (const warning of result.warnings) {
    io.stderr(
      `agent-risk: warning: ${source} (${result.format}): ${warning.field}: ${
        warning.message
      }${FLAG_HINTS[warning.field] ?? ''}\n`,
    );
  }
  io.stdout(stringify(entity, { lineWidth: 0, singleQuote: true }));
  return EXIT_OK;
}
