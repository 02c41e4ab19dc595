/**
 * `npm start` serving the web app on its session (local/webapp-session.ts),
 * with the stand-in bundle of issue 17's contract: served only when the
 * manifest declares a web app; each page and Confirm printed like a step of
 * the story, with the reply it posted; with --workbook, the file saved after
 * each Confirm with the cells it wrote, every time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import {
  FakeClock,
  loadWorkbookXlsx,
  saveWorkbookXlsx,
  Workbook,
  type Workbook as WorkbookType,
} from '../../local/runtime';
import { RelaySession, type Manifest } from '../../local/session';
import type { WebAppServer } from '../../local/webapp-server';
import { serveSessionWebApp } from '../../local/webapp-session';
import { STAND_IN_SPACE, STAND_IN_TICKETS, WEB_APP_STAND_IN } from '../support/webapp-bundle';

const WEB_APP_MANIFEST: Manifest = {
  timeZone: 'Etc/UTC',
  webapp: { executeAs: 'USER_DEPLOYING', access: 'DOMAIN' },
};

let dir: string;
let server: WebAppServer | null = null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-webapp-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function session(workbook: WorkbookType, manifest: Manifest = WEB_APP_MANIFEST) {
  const clock = new FakeClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  const chat = new ChatStore({ now: () => clock.now() });
  const hook = chat.registerWebhook(STAND_IN_SPACE, 'Chat Relay');
  const lines: string[] = [];
  const relay = new RelaySession({
    workbook,
    properties: {
      CHAT_WEBHOOK_URL: hook.url('https://chat.googleapis.com'),
      ACTION_SECRET: 'stand-in secret',
    },
    transport: inProcessTransport(chat),
    print: (line) => lines.push(line),
    clock,
    bundle: { code: WEB_APP_STAND_IN, manifest },
  });
  return { relay, chat, lines };
}

function sampleTickets(): WorkbookType {
  const workbook = new Workbook();
  workbook.addSheet('Tickets', STAND_IN_TICKETS);
  return workbook;
}

/** The Claim link of a row's card. */
function claimLink(chat: ChatStore, id: string): string {
  const card = chat
    .messages(STAND_IN_SPACE)
    .map((m) => JSON.stringify(m.cardsV2 ?? []))
    .find((c) => c.includes(`"title":"${id} `));
  const link = /"text":"Claim","onClick":\{"openLink":\{"url":"([^"]+)"/.exec(card ?? '');
  if (!link) throw new Error(`no Claim button on ${id}'s card`);
  return link[1];
}

async function open(link: string) {
  return (await fetch(link)).status;
}

async function confirm(link: string, origin: string) {
  const params = Object.fromEntries(new URL(link).searchParams);
  const response = await fetch(`${origin}/run/actionConfirm`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ args: [params] }),
  });
  return ((await response.json()) as { value: { outcome: string } }).value.outcome;
}

describe('npm start’s web app', () => {
  it('is not served when the manifest declares no web app: getUrl() stays null', async () => {
    const { relay } = session(sampleTickets(), { timeZone: 'Etc/UTC' });
    server = await serveSessionWebApp(relay, {
      port: 0,
      visitor: 'ana@example.com',
      file: null,
      print: () => {},
    });
    expect(server).toBeNull();
    expect(relay.runtime.webApp).toBeNull();
  });

  it('serves the manifest’s web app, and prints each page and Confirm with what it posted', async () => {
    const { relay, chat, lines } = session(sampleTickets());
    server = await serveSessionWebApp(relay, {
      port: 0,
      visitor: 'ana@example.com',
      file: null,
      print: (line) => lines.push(line),
    });
    expect(relay.runtime.webApp).toMatchObject({
      url: server?.url,
      executeAs: 'USER_DEPLOYING',
      access: 'DOMAIN',
    });
    relay.runtime.call('postCards');
    const link = claimLink(chat, 'T-1');
    expect(await open(link)).toBe(200);
    expect(await confirm(link, server!.origin)).toBe('done');
    expect(lines.join('\n')).toMatch(
      new RegExp(
        [
          '^✔ Web app › ana@example\\.com opens a link: page "Chat Relay · Claim"$',
          '^✔ Web app › actionConfirm by ana@example\\.com: done: Done: T-1 is claimed by ana@example\\.com\\. · 1 message sent in [\\d.]+ s$',
          '^ {4}posted: text: Owner: \\(empty\\) → ana@example\\.com · claimed from Chat by ana@example\\.com$',
        ].join('\n'),
        'm',
      ),
    );
    expect(relay.workbook.sheet('Tickets').displayRows()[1]).toEqual([
      'T-1',
      'Printer on fire',
      'Claimed',
      'ana@example.com',
    ]);
  });

  it('--workbook: saves the file after each Confirm with the cells it wrote', async () => {
    const file = path.join(dir, 'tickets.xlsx');
    await saveWorkbookXlsx(sampleTickets(), file);
    const { relay, chat, lines } = session(await loadWorkbookXlsx(file));
    server = await serveSessionWebApp(relay, {
      port: 0,
      visitor: 'ana@example.com',
      file,
      print: (line) => lines.push(line),
    });
    relay.runtime.call('postCards');
    const reread = async () => (await loadWorkbookXlsx(file)).sheet('Tickets').displayRows();

    expect(await confirm(claimLink(chat, 'T-1'), server!.origin)).toBe('done');
    expect((await reread())[1]).toEqual(['T-1', 'Printer on fire', 'Claimed', 'ana@example.com']);
    // A second Confirm in the same session is saved too (the file changed under the first save).
    server!.visitor = 'bob@example.com';
    expect(await confirm(claimLink(chat, 'T-3'), server!.origin)).toBe('done');
    const rows = await reread();
    expect(rows[3]).toEqual(['T-3', 'Badge reader <door B>', 'Claimed', 'bob@example.com']);
    expect(rows[2]).toEqual(['T-2', 'Coffee machine', 'Claimed', 'bob@example.com']);
    expect(lines.filter((l) => l.startsWith('    saved:'))).toEqual([
      `    saved:  ${file}`,
      `    saved:  ${file}`,
    ]);
    expect(lines.join('\n')).not.toContain('Not saved');
  });
});
