/**
 * Who installed the relay's triggers. Apps Script runs an installable trigger
 * as the user who installed it, e-mails that user (not the spreadsheet's
 * owner) a summary of its failures, and shows each user only their own
 * triggers. So that every editor can see whose triggers run, Install triggers
 * and the sidebar's Start record the installer in a Script Property
 * (CHAT_RELAY_TRIGGERS), with the period installed; Remove triggers and Stop
 * take the user out. Runs only read it (the period, for the budget).
 */
import { PropertyStore } from '../../ports';
import { WritableProperties } from '../ports';

export const TRIGGERS_PROPERTY = 'CHAT_RELAY_TRIGGERS';
/** Installers kept (Apps Script allows 20 triggers per user; editors are few). */
const MAX_INSTALLERS = 10;

export interface TriggerInstall {
  /** The installer's e-mail address; '' when Apps Script did not tell it. */
  email: string;
  /** The period of the time-driven trigger installed, in minutes. */
  minutes: number;
  /** When, epoch ms. */
  at: number;
}

/** The installs recorded, oldest first; anything unreadable is left out. */
export function readInstalls(properties: PropertyStore): TriggerInstall[] {
  const raw = properties.getProperty(TRIGGERS_PROPERTY);
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (i): i is { e: string; m: number; t: number } =>
        typeof i === 'object' &&
        i !== null &&
        typeof i.e === 'string' &&
        typeof i.m === 'number' &&
        typeof i.t === 'number',
    )
    .map((i) => ({ email: i.e, minutes: i.m, at: i.t }));
}

function write(properties: WritableProperties, installs: TriggerInstall[]): void {
  if (!installs.length) {
    properties.deleteProperty(TRIGGERS_PROPERTY);
    return;
  }
  const list = installs.slice(-MAX_INSTALLERS).map((i) => ({ e: i.email, m: i.minutes, t: i.at }));
  properties.setProperty(TRIGGERS_PROPERTY, JSON.stringify(list));
}

/** Records that `email` installed the triggers, every `minutes` (replacing their earlier install). */
export function recordInstall(properties: WritableProperties, install: TriggerInstall): void {
  write(
    properties,
    readInstalls(properties)
      .filter((i) => i.email !== install.email)
      .concat([install]),
  );
}

/** Records that `email` removed their triggers. */
export function forgetInstall(properties: WritableProperties, email: string): void {
  const installs = readInstalls(properties);
  const left = installs.filter((i) => i.email !== email);
  if (left.length !== installs.length) write(properties, left);
}

/** The period of the schedule that runs: the latest install's, else the configured one. */
export function installedMinutes(properties: PropertyStore, configured: number): number {
  const installs = readInstalls(properties);
  return installs.length ? installs[installs.length - 1].minutes : configured;
}
