/**
 * The command line of `npm start` (local/start.ts), read with node:util
 * parseArgs. Every mistake is a UsageError with a message naming the option;
 * start.ts prints it with the usage and exits with code 2.
 */
import { parseOptions, UsageError } from './cli-args';

export const CHAT_ORIGIN = 'https://chat.googleapis.com';
export const DEFAULT_PORT = 8085;
export const DEFAULT_SPACE = 'AAAAtickets';
/** Who opens the local web app's pages (the bundle's action links) unless --visitor says. */
export const DEFAULT_VISITOR = 'ana@example.com';

export interface StartArgs {
  help: boolean;
  /** The .xlsx to relay (null: the sample story). */
  workbook: string | null;
  /** A real Google Chat webhook URL (null: the emulator). */
  webhook: string | null;
  /** CHAT_RELAY_CONFIG as given (null: the one kept beside the workbook, if any). */
  config: string | null;
  port: number;
  once: boolean;
  space: string;
  writeSample: string | null;
  /** Discard the emulator state kept beside the workbook before starting. */
  reset: boolean;
  /** The Google account the local web app's pages are opened with. */
  visitor: string;
}

export const USAGE = `Usage: npm start -- [options]
       npm start -- --write-sample FILE.xlsx

  (no option)           play the sample story against the local Chat emulator
  --workbook FILE.xlsx  send the workbook's pending rows and save it back with their status
  --config JSON         CHAT_RELAY_CONFIG, e.g. '{"keyColumn":"Ticket ID"}' (kept beside the
                        workbook in FILE.xlsx.properties.json once a run accepts it)
  --webhook URL         post to a real Google Chat webhook instead of the emulator
  --reset               with --workbook: discard the emulator state kept beside it
                        (FILE.xlsx.chat-emulator.json) and start with an empty Chat space
  --once                exit when done instead of serving the preview page
  --port N              the emulator's port (default ${DEFAULT_PORT}, a free one if taken; 0 = any)
  --space ID            the emulator's space (default ${DEFAULT_SPACE})
  --visitor EMAIL       who opens the local web app's pages, such as a card's action
                        buttons (default ${DEFAULT_VISITOR}; the script runs as user@example.com)
  --write-sample FILE   write the sample workbook as .xlsx and exit
  -h, --help            this help

Exit codes: 0 done; 1 the relay reported a problem (a bad configuration, a webhook
Chat refused) or something failed; 2 a usage error.`;

export { UsageError };

const OPTIONS = {
  workbook: { type: 'string' },
  webhook: { type: 'string' },
  config: { type: 'string' },
  port: { type: 'string' },
  once: { type: 'boolean' },
  space: { type: 'string' },
  visitor: { type: 'string' },
  'write-sample': { type: 'string' },
  reset: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;
const NAMES = Object.keys(OPTIONS) as OptionName[];

function parsed(argv: string[]) {
  return parseOptions(
    argv,
    OPTIONS,
    (argument) =>
      `unexpected argument "${argument}": every argument is an option, e.g. --workbook ${argument}`,
  );
}

function checkPort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      `--port must be a port number from 0 to 65535 (0 = any free port), got "${value}"`,
    );
  }
  return port;
}

function checkCombinations(values: ReturnType<typeof parsed>['values']): void {
  if (values['write-sample'] !== undefined) {
    const others = NAMES.filter((n) => n !== 'write-sample' && values[n] !== undefined);
    if (others.length) {
      throw new UsageError(
        `--write-sample writes the sample workbook and exits: it takes no other option (got --${others.join(', --')})`,
      );
    }
  }
  if (values.reset && values.workbook === undefined) {
    throw new UsageError(
      '--reset discards the emulator state kept beside a workbook: use it with --workbook FILE.xlsx (the sample story always starts empty)',
    );
  }
  if (values.reset && values.webhook !== undefined) {
    throw new UsageError(
      "--reset discards the emulator's state; with --webhook there is no emulator (messages go to real Chat)",
    );
  }
  if (values.space !== undefined && values.webhook !== undefined) {
    throw new UsageError(
      "--space names the emulator's space; with --webhook, messages go to the webhook's own space",
    );
  }
}

const DEFAULTS: StartArgs = {
  help: false,
  workbook: null,
  webhook: null,
  config: null,
  port: DEFAULT_PORT,
  once: false,
  space: DEFAULT_SPACE,
  writeSample: null,
  reset: false,
  visitor: DEFAULT_VISITOR,
};

/** Reads the command line; throws a UsageError on any mistake. */
export function parseStartArgs(argv: string[]): StartArgs {
  const { values } = parsed(argv);
  if (values.help) return { ...DEFAULTS, help: true };
  checkCombinations(values);
  const port = checkPort(values.port);
  for (const name of ['workbook', 'write-sample', 'config'] as const) {
    if (values[name] === '') throw new UsageError(`--${name} needs a value, got an empty one`);
  }
  if (values.webhook !== undefined && !values.webhook.startsWith(`${CHAT_ORIGIN}/v1/spaces/`)) {
    throw new UsageError(
      `--webhook must be a Google Chat webhook URL (${CHAT_ORIGIN}/v1/spaces/SPACE/messages?key=…&token=…)`,
    );
  }
  if (values.config !== undefined) {
    try {
      JSON.parse(values.config);
    } catch {
      throw new UsageError(`--config is not valid JSON: ${values.config}`);
    }
  }
  const space = values.space ?? DEFAULT_SPACE;
  if (!/^[A-Za-z0-9_-]+$/.test(space)) {
    throw new UsageError(`--space must be a space id of letters, digits, _ and -, got "${space}"`);
  }
  const visitor = values.visitor ?? DEFAULT_VISITOR;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(visitor)) {
    throw new UsageError(`--visitor must be an e-mail address, got "${visitor}"`);
  }
  return {
    help: false,
    workbook: values.workbook ?? null,
    webhook: values.webhook ?? null,
    config: values.config ?? null,
    port,
    once: values.once ?? false,
    space,
    writeSample: values['write-sample'] ?? null,
    reset: values.reset ?? false,
    visitor,
  };
}
