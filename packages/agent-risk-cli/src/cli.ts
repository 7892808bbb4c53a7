import { Command, CommanderError } from 'commander';
import { bomCommand } from './commands/bom';
import { importCommand } from './commands/import';
import { scoreCommand } from './commands/score';
import { validateCommand } from './commands/validate';
import { CliInputError, CliIo, EXIT_USAGE, oneLine } from './io';
import packageJson from '../package.json';

const ALLOW_OUTSIDE_FLAG = '--allow-outside';
const ALLOW_OUTSIDE_HELP =
  'follow Location targets outside the current directory too (by default only regular files under it are read)';

/**
 * The argument and flags of the commands that score catalog files (`score`,
 * `bom`): what `loadScoringInput` reads.
 */
function withScoringInput(command: Command, assumedMark: string): Command {
  return command
    .argument(
      '<file...>',
      'catalog YAML files; kind: Location file targets are followed',
    )
    .option(
      '--model <id>',
      'scoring model: aivss-0.8 (default), aivss-0.8-floor or aivss-0.5',
    )
    .option(
      '--assumed-cvss-base <n>',
      `CVSS base (0..10) for agents that give none; ${assumedMark}`,
    )
    .option(ALLOW_OUTSIDE_FLAG, ALLOW_OUTSIDE_HELP);
}

/** Builds the `agent-risk` program; each action stores its exit code in `exit`. */
function createProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('agent-risk')
    .description(
      'Score, validate and import AI agents as Backstage catalog entities (OWASP AIVSS, CSA MAESTRO), and list them in a CycloneDX AI bill of materials.',
    )
    .version(packageJson.version, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
      // Usage errors are one line on stderr, with the program's name.
      outputError: (text, write) =>
        write(`agent-risk: ${oneLine(text.replace(/^error: /, ''))}\n`),
    });

  const score = program
    .command('score')
    .summary('score agent entities (one JSON line each)')
    .description(
      'Print one JSON line per agent entity with its AIVSS score. Exit 0 when every agent is scored, 1 when any is incomplete or invalid, 2 on bad input.',
    )
    .action(async (files: string[], flags) => {
      exit.code = await scoreCommand(files, flags, io);
    });
  withScoringInput(score, 'marked cvssAssumed');

  program
    .command('import')
    .summary(
      'turn a threat-model document, directory page or A2A agent card into an agent entity',
    )
    .description(
      'Turn a threat-model document, a directory page (as a browser copy gives it) or an A2A agent card (file or http(s) URL) into an AiResource entity (catalog YAML on stdout). The format is detected unless --format is given. Exit 1 when the document cannot be imported, 2 on unreadable input or bad flags.',
    )
    .argument(
      '<source>',
      'a file, or an http(s) URL (fetched with a 10 s timeout, at most 1 MiB)',
    )
    .option(
      '--format <format>',
      'threat-model, directory-page or agent-card (default: detected)',
    )
    .option(
      '--owner <ref>',
      'spec.owner, e.g. group:default/team (default: unknown, with a warning)',
    )
    .option('--lifecycle <lifecycle>', 'spec.lifecycle (default: production)')
    .option(
      '--cvss-base <n>',
      'aivss.owasp.org/cvss-base, 0..10 with one decimal (overrides a page)',
    )
    .option(
      '--threat-multiplier <v>',
      'attacked, poc, unreported, or a number in [0.5, 1.5] (overrides a page)',
    )
    .option(
      '--mitigation-factor <v>',
      'none, weak, partial, strong, adversarial-tested, or a number in [0.5, 1.0] (overrides a page)',
    )
    .option(
      '--name <name>',
      "metadata.name (default: derived from the title or the card's name)",
    )
    .action(async (source: string, flags) => {
      exit.code = await importCommand(source, flags, io);
    });

  program
    .command('validate')
    .summary('check catalog files the way the catalog does')
    .description(
      'Apply the catalog\'s checks and the agent annotation checks; one "REF: FIELD: MESSAGE" line per problem. Exit 0 when clean, 1 on problems, 2 on bad input.',
    )
    .argument(
      '<file...>',
      'catalog YAML files; kind: Location file targets are followed',
    )
    .option(ALLOW_OUTSIDE_FLAG, ALLOW_OUTSIDE_HELP)
    .action(async (files: string[], flags) => {
      exit.code = await validateCommand(files, io, flags);
    });

  const bom = program
    .command('bom')
    .summary(
      'print the CycloneDX 1.6 AI bill of materials of agents and MCP servers',
    )
    .description(
      'Print a CycloneDX 1.6 JSON bill of materials: one component per agent with its assessment, one service per MCP server an agent reaches, and their dependencies. It is validated against the CycloneDX 1.6 schema before it is printed. Exit 0 when printed, 1 when it does not validate (a bug), 2 on bad input.',
    )
    .action(async (files: string[], flags) => {
      exit.code = await bomCommand(files, flags, io);
    });
  withScoringInput(bom, 'marked agent-risk:aivss:cvssAssumed');

  return program;
}

/**
 * Runs `agent-risk` with `argv` (as in `process.argv`) and returns the exit
 * code instead of exiting, so tests can run it in-process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const exit = { code: 0 };
  const program = createProgram(io, exit);
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return EXIT_USAGE;
    }
    await program.parseAsync(argv);
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; usage errors are already printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof CliInputError) {
      io.stderr(`agent-risk: ${oneLine(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
