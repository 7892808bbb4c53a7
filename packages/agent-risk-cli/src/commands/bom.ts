import {
  agentBomInputFromEntities,
  buildAgentBom,
} from '@agent-risk/plugin-agent-risk-common/bom';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { toolsFromDefinition } from '../catalog/mcpTools';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, oneLine } from '../io';
import { loadScoringInput, ScoringFlags } from './scoringInput';
import packageJson from '../../package.json';

export type BomFlags = ScoringFlags;

/** One validator per process: it compiles the 1.6 schema once. */
let validator: Validation.JsonStrictValidator | undefined;

/**
 * Validates a BOM against the official CycloneDX 1.6 JSON schema (shipped
 * inside the CycloneDX library) and prints it, or prints the schema errors
 * and exits 1: a BOM that does not validate is a bug of ours, never shown
 * as if it were good.
 */
export async function printValidatedBom(
  json: string,
  io: CliIo,
): Promise<number> {
  validator ??= new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  const errors = await validator.validate(json);
  if (errors !== null) {
    io.stderr(
      `agent-risk: the BOM does not validate against the CycloneDX 1.6 schema (a bug in agent-risk; please report it): ${oneLine(
        JSON.stringify(errors),
      )}\n`,
    );
    return EXIT_PROBLEMS;
  }
  io.stdout(`${json}\n`);
  return EXIT_OK;
}

/**
 * `agent-risk bom FILE…`: the CycloneDX 1.6 AI bill of materials of the
 * agents and MCP servers in catalog files (spec section 10.2), scored as
 * `score` scores them. Agents whose assessment is incomplete or invalid are
 * listed with that status; it is no reason to fail.
 */
export async function bomCommand(
  files: string[],
  flags: BomFlags,
  io: CliIo,
): Promise<number> {
  const { entities, model, assumedCvssBase } = loadScoringInput(
    files,
    flags,
    io,
  );
  const input = agentBomInputFromEntities(
    entities.map(e => e.entity),
    { model, assumedCvssBase, toolsOf: toolsFromDefinition },
  );
  const json = buildAgentBom(input, {
    tool: { name: 'agent-risk', version: packageJson.version },
    space: 2,
  });
  return printValidatedBom(json, io);
}
