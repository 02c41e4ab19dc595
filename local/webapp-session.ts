/**
 * `npm start` serves the script's web app (webapp-server.ts) on its session:
 * the bundle's links in cards lead to it, a visitor's page and Confirm run
 * in the session's runtime, each printed like the story's steps (what was
 * posted: the reply of an action), and with --workbook the file is saved
 * after each server function: the cells it wrote (an action's `set`) and the
 * relay's columns, so the file and its Chat columns never disagree.
 *
 * Served only when the manifest declares a web app (its `webapp` section):
 * without one, ScriptApp.getService().getUrl() stays null, as before a
 * deployment.
 */
import { saveRelayColumnsXlsx, type CellAddress, type Workbook } from './runtime';
import type { Print, RelaySession, StepResult } from './session';
import { describeStep } from './session';
import { serveWebApp, type WebAppExecution, type WebAppServer } from './webapp-server';
import type { RunOutcome } from './script-server';
import type { WebAppResponse } from './runtime';

export interface SessionWebAppOptions {
  /** The port to try first (0: any free port); a free one when it is taken. */
  port: number;
  /** The visitor's Google account (null: not signed in). */
  visitor: string | null;
  /** The .xlsx the session came from, saved after each server function (null: none). */
  file: string | null;
  print: Print;
}

interface Snapshot {
  values: unknown[][][];
  formats: (string | null)[][][];
}

function snapshot(workbook: Workbook): Snapshot {
  return {
    values: workbook.sheets.map((s) => s.rows()),
    formats: workbook.sheets.map((s) => s.formatRows()),
  };
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? '') === (b ?? '');
}

/** The cells whose value or number format differ from the snapshot. */
export function changedCells(before: Snapshot, workbook: Workbook): CellAddress[] {
  const now = snapshot(workbook);
  const changed: CellAddress[] = [];
  workbook.sheets.forEach((sheet, i) => {
    const [values, formats] = [now.values[i], now.formats[i]];
    const [oldValues, oldFormats] = [before.values[i] ?? [], before.formats[i] ?? []];
    const rows = Math.max(values.length, oldValues.length);
    for (let r = 0; r < rows; r++) {
      const columns = Math.max(values[r]?.length ?? 0, oldValues[r]?.length ?? 0);
      for (let c = 0; c < columns; c++) {
        const differs =
          !same(values[r]?.[c], oldValues[r]?.[c]) ||
          (formats[r]?.[c] ?? null) !== (oldFormats[r]?.[c] ?? null);
        if (differs) changed.push({ sheet: sheet.name, row: r + 1, column: c + 1 });
      }
    }
  });
  return changed;
}

function describePage(response: WebAppResponse): string {
  if (response.kind === 'page') return `page "${response.title || '(untitled)'}"`;
  return `${response.kind} (${response.status}): ${response.message}`;
}

function describeCall(outcome: RunOutcome, step: StepResult): string {
  const sent = step.requests ? ` · ${describeStep(step)}` : '';
  if (!outcome.ok) return `failed: ${outcome.error}${sent}`;
  const value = outcome.value as { outcome?: unknown; message?: unknown } | null;
  const said =
    value && typeof value === 'object' && 'outcome' in value
      ? `${String(value.outcome)}: ${String(value.message)}`
      : JSON.stringify(outcome.value);
  return `${said}${sent}`;
}

function titleOf(execution: WebAppExecution): string {
  const who = execution.visitor ?? 'a visitor not signed in';
  return execution.kind === 'page'
    ? `Web app › ${who} opens a link`
    : `Web app › ${execution.fn} by ${who}`;
}

async function save(session: RelaySession, file: string, cells: CellAddress[], print: Print) {
  try {
    const saved = await saveRelayColumnsXlsx(session.workbook, file, { cells });
    if (!saved.changed) return;
    print(
      saved.inPlace
        ? `    saved:  ${file}`
        : `    saved:  ${saved.file} (${file} holds parts the local tool cannot keep: ${saved.lost.join(', ')})`,
    );
  } catch (error) {
    print(`    ✘ Not saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Serves the session's web app (null when the manifest declares none): its
 * URL becomes ScriptApp.getService().getUrl() in the session's runtime.
 */
export async function serveSessionWebApp(
  session: RelaySession,
  options: SessionWebAppOptions,
): Promise<WebAppServer | null> {
  if (!session.webApp) return null;
  const execute = async <T>(execution: WebAppExecution, body: () => T): Promise<T> => {
    const before = execution.kind === 'call' && options.file ? snapshot(session.workbook) : null;
    const holder: { value?: T } = {};
    await session.step(
      titleOf(execution),
      () => {
        holder.value = body();
      },
      (step) =>
        execution.kind === 'page'
          ? describePage(holder.value as WebAppResponse)
          : describeCall(holder.value as RunOutcome, step),
    );
    if (before && options.file) {
      await save(session, options.file, changedCells(before, session.workbook), options.print);
    }
    return holder.value as T;
  };
  const settings = { visitor: options.visitor, deployment: session.webApp, execute };
  if (options.port === 0) return serveWebApp(session.runtime, settings);
  return serveWebApp(session.runtime, { ...settings, port: options.port }).catch(() =>
    serveWebApp(session.runtime, settings),
  );
}
