/**
 * The files `npm start -- --workbook my.xlsx` keeps beside the workbook:
 *
 *   my.xlsx.properties.json     non-secret Script Properties: the CHAT_RELAY_CONFIG a run
 *                               accepted (never the webhook URL)
 *   my.xlsx.chat-emulator.json  the Chat emulator's state (local/chat-emulator/state.ts):
 *                               spaces, webhooks, threads, messages, requestIds
 */
import * as fs from 'node:fs';
import { readStateFile } from './chat-emulator/state';

export function propertiesSidecarOf(workbook: string): string {
  return `${workbook}.properties.json`;
}

export function emulatorStateOf(workbook: string): string {
  return `${workbook}.chat-emulator.json`;
}

/** The CHAT_RELAY_CONFIG kept beside the workbook, or null. Throws naming the file if unreadable. */
export function savedConfig(workbook: string): string | null {
  const file = propertiesSidecarOf(workbook);
  if (!fs.existsSync(file)) return null;
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { CHAT_RELAY_CONFIG?: unknown };
    return typeof saved.CHAT_RELAY_CONFIG === 'string' ? saved.CHAT_RELAY_CONFIG : null;
  } catch (error) {
    throw new Error(
      `Cannot read ${file}: ${(error as Error).message} (delete it, or pass --config to replace it)`,
    );
  }
}

/** Keeps an accepted CHAT_RELAY_CONFIG beside the workbook. */
export function saveConfig(workbook: string, config: string): void {
  fs.writeFileSync(
    propertiesSidecarOf(workbook),
    JSON.stringify({ CHAT_RELAY_CONFIG: config }, null, 2) + '\n',
  );
}

export interface StateSummary {
  spaces: number;
  threads: number;
  messages: number;
}

/** What an emulator state file holds (null: there is none). */
export function describeState(file: string): StateSummary | null | 'unreadable' {
  try {
    const state = readStateFile(file);
    if (!state) return null;
    return {
      spaces: state.spaces.length,
      threads: state.spaces.reduce((n, s) => n + s.threads.length, 0),
      messages: state.spaces.reduce((n, s) => n + s.messages.length, 0),
    };
  } catch {
    return 'unreadable';
  }
}

/** Deletes the emulator state file beside the workbook; says what it held. */
export function discardEmulatorState(workbook: string): StateSummary | null | 'unreadable' {
  const file = emulatorStateOf(workbook);
  const held = describeState(file);
  if (held !== null || fs.existsSync(file)) fs.rmSync(file, { force: true });
  return held;
}
