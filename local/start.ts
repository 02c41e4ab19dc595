/**
 * `npm start`: the whole job locally, without a Google account.
 *
 *   npm start                                  the sample story against the local Chat emulator
 *   npm start -- --workbook my.xlsx            send my.xlsx's pending rows, write its Chat columns back
 *   npm start -- --workbook my.xlsx --reset    the same, with an empty Chat space
 *   npm start -- --write-sample my.xlsx        write the sample workbook as .xlsx and exit
 *
 * The options are in start-args.ts (`npm start -- --help`). Exit codes: 0
 * done, 1 the relay reported a problem or something failed, 2 a usage error.
 *
 * The emulator runs in a child process (spawn.ts): httpTransport() blocks
 * this thread during each request, so it could not serve them from here.
 * The bundle keeps https://chat.googleapis.com in CHAT_WEBHOOK_URL (the only
 * origin it accepts) and routeChatTo sends those requests to the emulator.
 * With --workbook, the emulator keeps its state beside the workbook
 * (sidecars.ts), so the next run's replies land in this run's threads.
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
  type Transport,
  type Workbook,
} from './runtime';
import { relayProblem, type RelayProblem } from './run-outcome';
import { sampleWorkbook } from './samples/sample-workbook';
import {
  BUNDLE,
  MANIFEST,
  plural,
  redactUrls,
  RelaySession,
  seconds,
  workbookFileHooks,
} from './session';
import {
  describeState,
  discardEmulatorState,
  emulatorStateOf,
  propertiesSidecarOf,
  saveConfig,
  savedConfig,
  type StateSummary,
} from './sidecars';
import { CHAT_ORIGIN, parseStartArgs, USAGE, UsageError, type StartArgs } from './start-args';
import { StoryClock } from './story';
import { serveSidebar } from './sidebar-server';
import { playStory } from './story';
import { serveSessionWebApp } from './webapp-session';
import type { WebAppServer } from './webapp-server';

const STORY_CONFIG = '{"scheduleMinutes":1}';
/**
 * The story's configuration when the bundle is a web app (its manifest
 * declares one: issue 17's actions): the Tickets cards get action buttons
 * that open the local web app's confirmation page: Claim on a row without an
 * Owner (T-5, until the story gives it one: a Confirm after that says so),
 * Escalate on a row that is not Urgent (T-1, T-2, T-4 at the end).
 */
const STORY_CONFIG_WITH_ACTIONS = JSON.stringify({
  scheduleMinutes: 1,
  sheets: [
    {
      sheet: 'Tickets',
      actions: [
        { label: 'Claim', when: { column: 'Owner', empty: true }, set: { Owner: '{{_user}}' } },
        {
          label: 'Escalate',
          when: { column: 'Priority', notEquals: 'Urgent' },
          set: { Priority: 'Urgent' },
        },
      ],
    },
    { sheet: 'Form Responses 1' },
  ],
});

/** Whether the built manifest (dist/appsscript.json) declares a web app. */
function bundleIsWebApp(): boolean {
  try {
    return !!(JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { webapp?: unknown }).webapp;
  } catch {
    return false;
  }
}

const WEBHOOK_NAME = 'Chat Relay';
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const print = (line: string) => console.log(redactUrls(line));

async function loadWorkbook(file: string): Promise<Workbook> {
  return loadWorkbookXlsx(file);
}

async function saveWorkbook(workbook: Workbook, file: string): Promise<void> {
  await saveWorkbookXlsx(workbook, file);
}

interface ConfigChoice {
  value: string | null;
  /** Where it came from: --config, the workbook's properties sidecar, or the story's default. */
  from: 'option' | 'sidecar' | 'story' | null;
}

function chooseConfig(args: StartArgs): ConfigChoice {
  if (args.config !== null) return { value: args.config, from: 'option' };
  if (args.workbook === null) {
    return { value: bundleIsWebApp() ? STORY_CONFIG_WITH_ACTIONS : STORY_CONFIG, from: 'story' };
  }
  const saved = savedConfig(args.workbook);
  return saved !== null ? { value: saved, from: 'sidecar' } : { value: null, from: null };
}

function summary(held: StateSummary): string {
  return `${plural(held.messages, 'message')} in ${plural(held.threads, 'thread')}`;
}

/** --reset: discards the emulator state beside the workbook, and says what that was. */
function resetEmulatorState(workbook: string): void {
  const file = emulatorStateOf(workbook);
  const held = discardEmulatorState(workbook);
  const what =
    held === null
      ? `there was no emulator state to discard (${file})`
      : held === 'unreadable'
        ? `discarded the unreadable emulator state ${file}`
        : `discarded the emulator state ${file} (${summary(held)})`;
  print(`Reset: ${what}; the Chat space starts empty.`);
  print(
    `  ${workbook} keeps its Chat columns: rows already sent are not sent again, and their next updates start new threads.`,
  );
}

interface Chat {
  emulator: EmulatorProcess | null;
  webhookUrl: string;
  transport: Transport;
  /** The emulator's state file (--workbook only). */
  stateFile: string | null;
  /** What the state file held when the emulator started (null: there was none). */
  restored: StateSummary | null;
}

/** Where messages go: the emulator (keeping its state beside the workbook), or real Chat. */
async function openChat(args: StartArgs): Promise<Chat> {
  const http = httpTransport();
  if (args.webhook) {
    print(`⚠ Posting to REAL Google Chat: ${args.webhook}`);
    print('  Messages leave this machine. Nothing else does.');
    return {
      emulator: null,
      webhookUrl: args.webhook,
      transport: http,
      stateFile: null,
      restored: null,
    };
  }
  const stateFile = args.workbook ? emulatorStateOf(args.workbook) : null;
  const held = stateFile ? describeState(stateFile) : null;
  let emulator: EmulatorProcess;
  try {
    emulator = await spawnEmulator({
      port: args.port,
      fallbackToFreePort: true,
      ...(stateFile ? { stateFile } : {}),
    });
  } catch (error) {
    const hint = held === 'unreadable' ? ` (--reset starts with an empty emulator)` : '';
    throw new Error(`${(error as Error).message}${hint}`);
  }
  if (args.port !== 0 && emulator.origin !== `http://127.0.0.1:${args.port}`) {
    print(`Port ${args.port} is taken; the emulator uses another one.`);
  }
  const hook = await emulator.ensureWebhook(args.space, WEBHOOK_NAME);
  print(`Chat emulator at ${emulator.origin} (nothing leaves this machine)`);
  return {
    emulator,
    webhookUrl: CHAT_ORIGIN + hook.url.slice(emulator.origin.length),
    transport: routeChatTo(emulator.origin, http),
    stateFile,
    restored: held === 'unreadable' ? null : held,
  };
}

function printHeader(
  args: StartArgs,
  chat: Chat,
  config: ConfigChoice,
  workbook: Workbook,
  webApp: WebAppServer | null,
): void {
  print(
    `Bundle ${path.relative(process.cwd(), BUNDLE)} in the local Apps Script runtime (real clock)`,
  );
  const routed = chat.emulator ? `  → routed to ${chat.emulator.origin}` : '';
  print(`  CHAT_WEBHOOK_URL  ${chat.webhookUrl}${routed}`);
  const from =
    config.from === 'sidecar' && args.workbook
      ? ` (from ${propertiesSidecarOf(args.workbook)})`
      : '';
  print(
    `  CHAT_RELAY_CONFIG ${config.value ?? '(unset: the first sheet, keyed by its first column)'}${from}`,
  );
  const sheets = workbook.sheets
    .map((s) => `${s.name} (${plural(Math.max(0, s.lastRow() - 1), 'row')})`)
    .join(', ');
  print(`  Workbook          ${args.workbook ?? 'the sample'}: ${sheets}`);
  if (webApp) {
    print(
      `  Web app           ${webApp.url} (ScriptApp.getService().getUrl(); opened as ${args.visitor})`,
    );
  }
  if (chat.stateFile) {
    const state = !chat.restored
      ? 'new (an empty Chat space)'
      : chat.restored.messages
        ? `restored, ${summary(chat.restored)} from earlier runs`
        : 'restored (no messages yet)';
    print(`  Emulator state    ${chat.stateFile}: ${state}`);
  }
  print('');
}

class ProblemReported extends Error {
  constructor(readonly problem: RelayProblem) {
    super(problem.problems.join('; '));
  }
}

/** "Send pending rows" from the menu; the configuration or webhook problem it reported, if any. */
async function sendPendingRows(session: RelaySession): Promise<RelayProblem | null> {
  try {
    await session.step('Menu › Send pending rows', (rt) => {
      const first = rt.ui.alerts.length;
      rt.call('sendPendingRows');
      const problem = relayProblem(rt.ui.alerts.slice(first));
      if (problem) throw new ProblemReported(problem);
    });
    return null;
  } catch (error) {
    if (error instanceof ProblemReported) return error.problem;
    throw error;
  }
}

/** --workbook: sends, then saves the workbook and an accepted --config. Returns the exit code. */
async function runWorkbook(session: RelaySession, file: string, config: ConfigChoice) {
  const problem = await sendPendingRows(session);
  if (problem?.kind === 'configuration') {
    const kept = config.from === 'option' ? ', and the --config was not kept' : '';
    print(`Not saved: ${file} is unchanged${kept}.`);
    if (config.from === 'sidecar') {
      print(
        `  CHAT_RELAY_CONFIG came from ${propertiesSidecarOf(file)}: pass --config to replace it.`,
      );
    }
    return EXIT_FAILED;
  }
  const saved = await saveRelayColumnsXlsx(session.workbook, file);
  if (config.from === 'option' && config.value !== null) saveConfig(file, config.value);
  const statuses = session.workbook.sheets
    .map((s) => {
      const counts = Object.entries(session.statuses(s.name));
      return counts.length ? `${s.name}: ${counts.map(([k, n]) => `${k} ${n}`).join(', ')}` : '';
    })
    .filter(Boolean)
    .join(' · ');
  if (!saved.inPlace) {
    print(`⚠ ${file} holds parts the local tool cannot keep (${saved.lost.join(', ')}):`);
    print(`  it is unchanged; the Chat columns went into ${saved.file}`);
  } else {
    print(`✔ Saved ${file} with the Chat Status columns${statuses ? ` (${statuses})` : ''}`);
  }
  return problem ? EXIT_FAILED : EXIT_OK;
}

async function printSummary(args: StartArgs, chat: Chat, session: RelaySession, ms: number) {
  const sent = session.runtime.urlFetch.requests.filter(
    (r) => r.status !== null && r.status < 300,
  ).length;
  print('');
  print(`Done in ${seconds(ms)}: ${plural(sent, 'message')} sent.`);
  if (!chat.emulator) return;
  const stats = await chat.emulator.stats();
  const space = (await chat.emulator.spaces()).find((s) => s.space === args.space);
  const earlier = chat.restored?.messages
    ? ` (${chat.restored.messages} from earlier runs, kept in ${chat.stateFile})`
    : '';
  print(
    `Chat space ${args.space}: ${plural(space?.messageCount ?? 0, 'message')} in ${plural(
      space?.threadCount ?? 0,
      'thread',
    )}${earlier}; emulator saw ${plural(stats.requests, 'request')}, ${plural(
      stats.faultsApplied,
      'injected fault',
    )}, ${stats.rejected429} quota 429s, ${stats.deduplicated} deduplicated.`,
  );
}

/** Serves the preview page until Ctrl-C (or SIGTERM), then stops the emulator. */
function serve(
  emulator: EmulatorProcess,
  stateFile: string | null,
  sidebarUrl: string,
  webApp: WebAppServer | null,
): Promise<number> {
  print(`Preview: ${emulator.previewUrl}`);
  print(`Settings sidebar: ${sidebarUrl} (the menu's Settings…, on this workbook)`);
  if (webApp) {
    print(
      `Web app: ${webApp.url} (the cards' action buttons open its pages, as ${webApp.visitor ?? 'nobody'})`,
    );
  }
  print('Serving the preview page; press Ctrl-C to stop.');
  return new Promise<number>((resolve) => {
    const onSignal = () => {
      print('\nStopping…');
      void emulator.close().then(() => {
        if (stateFile) print(`Emulator state saved in ${stateFile}.`);
        resolve(EXIT_OK);
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

async function run(args: StartArgs): Promise<number> {
  if (args.writeSample) {
    await saveWorkbook(sampleWorkbook(), args.writeSample);
    print(`Wrote the sample workbook to ${args.writeSample}`);
    return EXIT_OK;
  }
  // Load the workbook first: a wrong path fails before anything starts.
  const config = chooseConfig(args);
  const workbook = args.workbook ? await loadWorkbook(args.workbook) : sampleWorkbook();
  if (args.reset && args.workbook) resetEmulatorState(args.workbook);

  const chat = await openChat(args);
  let webApp: WebAppServer | null = null;
  try {
    const properties: Record<string, string> = { CHAT_WEBHOOK_URL: chat.webhookUrl };
    if (config.value !== null) properties.CHAT_RELAY_CONFIG = config.value;
    const session = new RelaySession({
      workbook,
      properties,
      transport: chat.transport,
      print,
      ...(args.workbook ? workbookFileHooks(workbook, print) : { clock: new StoryClock() }),
    });
    // Before anything is sent: the bundle's links in cards lead to the local web app.
    webApp = await serveSessionWebApp(session, {
      port: args.port ? args.port + 2 : 0,
      visitor: args.visitor,
      file: args.workbook,
      print,
    });
    printHeader(args, chat, config, workbook, webApp);

    const started = Date.now();
    if (args.workbook) {
      const code = await runWorkbook(session, args.workbook, config);
      if (code !== EXIT_OK) return code;
    } else {
      print('Playing the sample story through the bundle’s entry points:');
      try {
        await playStory(session, { emulator: chat.emulator });
      } catch (error) {
        print(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT_FAILED;
      }
    }
    await printSummary(args, chat, session, Date.now() - started);
    if (!chat.emulator) return EXIT_OK;
    if (!args.once) {
      // The sidebar's server functions run in this process's runtime, on this workbook.
      const port = args.port ? args.port + 1 : 0;
      const sidebar = await serveSidebar(session.runtime, { port }).catch(() =>
        serveSidebar(session.runtime),
      );
      try {
        return await serve(chat.emulator, chat.stateFile, sidebar.url, webApp);
      } finally {
        await sidebar.close();
      }
    }
    await chat.emulator.close();
    print(
      chat.stateFile
        ? `The emulator has stopped (--once); its state is kept in ${chat.stateFile} for the next run.`
        : 'The emulator has stopped (--once); run without --once to browse the preview page.',
    );
    return EXIT_OK;
  } finally {
    await webApp?.close();
    await chat.emulator?.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let args: StartArgs;
  try {
    args = parseStartArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`npm start: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  return run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(redactUrls(error instanceof Error ? error.message : String(error)));
    process.exit(EXIT_FAILED);
  },
);
