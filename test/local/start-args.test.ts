import {
  DEFAULT_PORT,
  DEFAULT_SPACE,
  DEFAULT_VISITOR,
  parseStartArgs,
  UsageError,
} from '../../local/start-args';

const WEBHOOK = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t';

function usageError(argv: string[]): string {
  try {
    parseStartArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseStartArgs', () => {
  test('defaults: the sample story on port 8085, serving the preview', () => {
    expect(parseStartArgs([])).toEqual({
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
    });
    expect(DEFAULT_VISITOR).toBe('ana@example.com');
  });

  test('every flag, as --flag value and --flag=value', () => {
    expect(
      parseStartArgs([
        '--workbook',
        'my.xlsx',
        '--config={"keyColumn":"ID"}',
        '--port=0',
        '--once',
        '--space',
        'AAAAmine',
        '--reset',
        '--visitor',
        'bob@example.com',
      ]),
    ).toEqual(
      expect.objectContaining({
        workbook: 'my.xlsx',
        config: '{"keyColumn":"ID"}',
        port: 0,
        once: true,
        space: 'AAAAmine',
        reset: true,
        visitor: 'bob@example.com',
      }),
    );
    expect(parseStartArgs(['--webhook', WEBHOOK]).webhook).toBe(WEBHOOK);
    expect(parseStartArgs(['--write-sample', 's.xlsx']).writeSample).toBe('s.xlsx');
    expect(parseStartArgs(['-h']).help).toBe(true);
    expect(parseStartArgs(['--help', '--write-sample', 'x', '--once']).help).toBe(true);
  });

  test('unknown flags, with a suggestion when one is close', () => {
    expect(usageError(['--workbok', 'x'])).toBe(
      'unknown option --workbok (did you mean --workbook?)',
    );
    expect(usageError(['--rest'])).toBe('unknown option --rest (did you mean --reset?)');
    expect(usageError(['--verbose'])).toBe('unknown option --verbose');
    expect(usageError(['-x'])).toBe('unknown option -x');
  });

  test('missing values, values given to switches, positionals, repeats', () => {
    expect(usageError(['--workbook'])).toBe(
      '--workbook needs a value (--workbook VALUE or --workbook=VALUE)',
    );
    expect(usageError(['--workbook', '--once'])).toBe(
      '--workbook needs a value (--workbook VALUE or --workbook=VALUE)',
    );
    expect(usageError(['--workbook='])).toBe('--workbook needs a value, got an empty one');
    expect(usageError(['--once=yes'])).toBe('--once takes no value');
    expect(usageError(['my.xlsx'])).toBe(
      'unexpected argument "my.xlsx": every argument is an option, e.g. --workbook my.xlsx',
    );
    expect(usageError(['--port', '1', '--port', '2'])).toBe('--port is given twice');
  });

  test('bad values', () => {
    for (const port of ['eighty', '-1', '65536', '80.5', '']) {
      expect(usageError([`--port=${port}`])).toMatch(
        /^--port must be a port number from 0 to 65535/,
      );
    }
    expect(usageError(['--config', '{keyColumn: ID}'])).toBe(
      '--config is not valid JSON: {keyColumn: ID}',
    );
    expect(usageError(['--space', 'spaces/AAAA'])).toMatch(/^--space must be a space id/);
    expect(usageError(['--visitor', 'ana'])).toBe('--visitor must be an e-mail address, got "ana"');
    const webhook = usageError(['--webhook', 'https://example.com/hook?token=secret']);
    expect(webhook).toMatch(/^--webhook must be a Google Chat webhook URL/);
    expect(webhook).not.toContain('secret');
  });

  test('combinations that make no sense', () => {
    expect(usageError(['--write-sample', 's.xlsx', '--once', '--port', '1'])).toBe(
      '--write-sample writes the sample workbook and exits: it takes no other option (got --port, --once)',
    );
    expect(usageError(['--reset'])).toMatch(
      /^--reset discards the emulator state kept beside a workbook/,
    );
    expect(usageError(['--workbook', 'w.xlsx', '--reset', '--webhook', WEBHOOK])).toMatch(
      /^--reset discards the emulator's state; with --webhook there is no emulator/,
    );
    expect(usageError(['--webhook', WEBHOOK, '--space', 'AAAA'])).toMatch(
      /^--space names the emulator's space/,
    );
  });
});
