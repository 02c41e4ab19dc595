/**
 * `npm start`: the whole job locally, without a Google account.
 *
 *   npm start                                  the sample story against the local Chat emulator
 *   npm start -- --workbook my.xlsx            send my.xlsx's pending rows, write its Chat columns back
 *   npm start -- --write-sample my.xlsx        write the sample workbook as .xlsx and exit
 *
 * Options: --webhook URL (a real https://chat.googleapis.com webhook; the only
 * case where anything leaves this machine), --config JSON (CHAT_RELAY_CONFIG),
 * --port N (emulator port, default 8085, a free one if taken; 0 = any),
 * --once (exit when done instead of serving the preview page), --space ID.
 *
 * The emulator runs in a child process (spawn.ts): httpTransport() blocks
 * this thread during each request, so it could not serve them from here.
 * The bundle keeps https://chat.googleapis.com in CHAT_WEBHOOK_URL (the only
 * origin it accepts) and routeChatTo sends those requests to the emulator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { routeChatTo } from './chat-emulator/in-process';
import { spawnEmulator, type EmulatorProcess } from './chat-emulator/spawn';
import {
  httpTransport,
  loadWorkbookXlsx,
  saveRelayColumnsXlsx,
  saveWorkbookXlsx,
  type Workbook,
} from './runtime';
import { sampleWorkbook } from './samples/sample-workbook';
import { BUNDLE, plural, redactUrls, RelaySession, seconds, workbookFileHooks } from './session';
import { playStory } from './story';

const CHAT_ORIGIN = 'https://chat.googleapis.com';
const DEFAULT_PORT = 8085;
const STORY_CONFIG = '{"scheduleMinutes":1}';

interface Args {
  workbook: string | null;
  webhook: string | null;
  config: string | null;
  port: number;
  once: boolean;
  space: string;
  writeSample: string | null;
}

const USAGE = `Usage: npm start -- [--workbook FILE.xlsx] [--webhook URL] [--config JSON] [--port N] [--once] [--space ID]
       npm start -- --write-sample FILE.xlsx`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    workbook: null,
    webhook: null,
    config: null,
    port: DEFAULT_PORT,
    once: false,
    space: 'AAAAtickets',
    writeSample: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    const flag = eq > 0 ? argv[i].slice(0, eq) : argv[i];
    const value = () => {
      if (eq > 0) return argv[i].slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--once':
        args.once = true;
        break;
      case '--workbook':
        args.workbook = value();
        break;
      case '--webhook':
        args.webhook = value();
        break;
      case '--config':
        args.config = value();
        break;
      case '--space':
        args.space = value();
        break;
      case '--write-sample':
        args.writeSample = value();
        break;
      case '--port':
        args.port = Number(value());
        if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
          throw new Error('--port must be a port number (0 = any free port)');
        }
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  if (args.webhook !== null && !args.webhook.startsWith(`${CHAT_ORIGIN}/v1/spaces/`)) {
    throw new Error(
      `--webhook must be a Google Chat webhook URL (${CHAT_ORIGIN}/v1/spaces/SPACE/messages?key=…&token=…)`,
    );
  }
  if (args.config !== null) {
    try {
      JSON.parse(args.config);
    } catch {
      throw new Error(`--config is not valid JSON: ${args.config}`);
    }
  }
  return args;
}

/** Non-secret properties kept beside a workbook (never the webhook URL). */
function sidecarOf(file: string): string {
  return `${file}.properties.json`;
}

function relayConfig(args: Args): string | null {
  if (args.config !== null) return args.config;
  if (args.workbook && fs.existsSync(sidecarOf(args.workbook))) {
    const saved = JSON.parse(fs.readFileSync(sidecarOf(args.workbook), 'utf8')) as {
      CHAT_RELAY_CONFIG?: string;
    };
    return saved.CHAT_RELAY_CONFIG ?? null;
  }
  return null;
}

const print = (line: string) => console.log(redactUrls(line));

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.writeSample) {
    await saveWorkbookXlsx(sampleWorkbook(), args.writeSample);
    print(`Wrote the sample workbook to ${args.writeSample}`);
    return 0;
  }

  // Load the workbook first: a wrong path fails before anything starts.
  let workbook: Workbook;
  let config = relayConfig(args);
  if (args.workbook) {
    workbook = await loadWorkbookXlsx(args.workbook);
  } else {
    workbook = sampleWorkbook();
    config ??= STORY_CONFIG;
  }

  // Where messages go.
  let emulator: EmulatorProcess | null = null;
  let webhookUrl: string;
  const http = httpTransport();
  let transport = http;
  if (args.webhook) {
    webhookUrl = args.webhook;
    print(`⚠ Posting to REAL Google Chat: ${webhookUrl}`);
    print('  Messages leave this machine. Nothing else does.');
  } else {
    emulator = await spawnEmulator({
      port: args.port,
      fallbackToFreePort: true,
    });
    const requested = `http://127.0.0.1:${args.port}`;
    if (args.port !== 0 && emulator.origin !== requested) {
      print(`Port ${args.port} is taken; the emulator uses another one.`);
    }
    const hook = await emulator.registerWebhook(args.space, 'Chat Relay');
    webhookUrl = CHAT_ORIGIN + hook.url.slice(emulator.origin.length);
    transport = routeChatTo(emulator.origin, http);
    print(`Chat emulator at ${emulator.origin} (nothing leaves this machine)`);
  }

  const stop = async (code: number) => {
    await emulator?.close();
    return code;
  };

  const properties: Record<string, string> = { CHAT_WEBHOOK_URL: webhookUrl };
  if (config !== null) properties.CHAT_RELAY_CONFIG = config;

  const session = new RelaySession({
    workbook,
    properties,
    transport,
    print,
    ...(args.workbook ? workbookFileHooks(workbook, print) : {}),
  });
  print(
    `Bundle ${path.relative(process.cwd(), BUNDLE)} in the local Apps Script runtime (real clock)`,
  );
  print(`  CHAT_WEBHOOK_URL  ${webhookUrl}${emulator ? `  → routed to ${emulator.origin}` : ''}`);
  print(`  CHAT_RELAY_CONFIG ${config ?? '(unset: the first sheet, keyed by its first column)'}`);
  print(
    `  Workbook          ${args.workbook ?? 'the sample'}: ${workbook.sheets
      .map((s) => `${s.name} (${plural(Math.max(0, s.lastRow() - 1), 'row')})`)
      .join(', ')}`,
  );
  print('');

  const started = Date.now();
  try {
    if (args.workbook) {
      const file = args.workbook;
      await session.step('Menu › Send pending rows', (rt) => rt.call('sendPendingRows'));
      const saved = await saveRelayColumnsXlsx(workbook, file);
      if (args.config !== null) {
        fs.writeFileSync(
          sidecarOf(file),
          JSON.stringify({ CHAT_RELAY_CONFIG: args.config }, null, 2) + '\n',
        );
      }
      const statuses = workbook.sheets
        .map((s) => {
          const counts = Object.entries(session.statuses(s.name));
          return counts.length
            ? `${s.name}: ${counts.map(([k, n]) => `${k} ${n}`).join(', ')}`
            : '';
        })
        .filter(Boolean)
        .join(' · ');
      if (!saved.inPlace) {
        print(`⚠ ${file} holds parts the local tool cannot keep (${saved.lost.join(', ')}):`);
        print(`  it is unchanged; the Chat columns went into ${saved.file}`);
      } else {
        print(`✔ Saved ${file} with the Chat Status columns${statuses ? ` (${statuses})` : ''}`);
      }
    } else {
      print('Playing the sample story through the bundle’s entry points:');
      await playStory(session, { emulator });
    }
  } catch (error) {
    print(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
    return stop(1);
  }

  const sent = session.runtime.urlFetch.requests.filter(
    (r) => r.status !== null && r.status < 300,
  ).length;
  print('');
  print(`Done in ${seconds(Date.now() - started)}: ${plural(sent, 'message')} sent.`);
  if (emulator) {
    const stats = await emulator.stats();
    const threads = await emulator.threads(args.space);
    print(
      `Chat space ${args.space}: ${plural(stats.creates, 'message')} in ${plural(
        threads.length,
        'thread',
      )}; emulator saw ${plural(stats.requests, 'request')}, ${plural(
        stats.faultsApplied,
        'injected fault',
      )}, ${stats.rejected429} quota 429s, ${stats.deduplicated} deduplicated.`,
    );
    print(`Preview: ${emulator.previewUrl}`);
  }
  if (args.once || !emulator) return stop(0);

  print('Serving the preview page; press Ctrl-C to stop.');
  const running = emulator;
  return new Promise<number>((resolve) => {
    const onSignal = () => {
      print('\nStopping…');
      void running.close().then(() => resolve(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(redactUrls(error instanceof Error ? error.message : String(error)));
    process.exit(1);
  },
);
