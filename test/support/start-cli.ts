/** Runs `npm start` (local/start.ts) as a user does, in a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(__dirname, '../..');

/** Any key or token value that was not redacted to "…". */
export const SECRET = /[?&](key|token)=(?!…)/;

export interface StartRun {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the first output line matching `pattern` (rejects if the process exits first). */
  line(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; out: string }>;
}

export function startProcess(args: string[]): StartRun {
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, 'local/start.ts', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (d: string) => {
    out += d;
    waiters.forEach((w) => w());
  };
  child.stdout?.setEncoding('utf8').on('data', onData);
  child.stderr?.setEncoding('utf8').on('data', onData);
  const exited = new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      resolve({ code, out });
      waiters.forEach((w) => w());
    });
  });
  const line = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'm').exec(out);
        if (match) resolve(match);
        else if (child.exitCode !== null || child.signalCode !== null) {
          reject(new Error(`${pattern} not printed before the process exited:\n${out}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, output: () => out, line, exited };
}

/** Runs `npm start -- ...args` to the end. */
export function start(args: string[]): Promise<{ code: number | null; out: string }> {
  return startProcess(args).exited;
}
