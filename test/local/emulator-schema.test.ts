/**
 * The emulator's copy of Chat's `Message` schema (local/chat-emulator/schema/) and the
 * script that derives it from a discovery document.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  MESSAGE_SCHEMA_FILE,
  deriveMessageSchema,
  messageSchemaText,
  type DiscoveryDocument,
  type MessageSchemaFile,
} from '../../local/chat-emulator/derive-message-schema';

const ROOT = path.resolve(__dirname, '../..');
const committedText = fs.readFileSync(MESSAGE_SCHEMA_FILE, 'utf8');
const committed = JSON.parse(committedText) as MessageSchemaFile;

/** A discovery document holding the committed schemas among others, as Google's does. */
function discoveryAround(file: MessageSchemaFile): DiscoveryDocument & Record<string, unknown> {
  return {
    kind: 'discovery#restDescription',
    id: file.source.id,
    title: file.source.title,
    revision: file.source.revision,
    resources: { spaces: { methods: {} } },
    schemas: {
      // Schemas no Message field reaches (here one refers to the Message, as list responses do).
      NotReachedFirst: { id: 'NotReachedFirst', type: 'object', properties: {} },
      ...file.schemas,
      NotReachedList: {
        id: 'NotReachedList',
        type: 'object',
        properties: { messages: { type: 'array', items: { $ref: 'Message' } } },
      },
    },
  };
}

describe('the committed Message schema', () => {
  test('names its source: the Chat API v1 discovery document and its revision', () => {
    expect(committed.source).toEqual({
      document: 'https://chat.googleapis.com/$discovery/rest?version=v1',
      id: 'chat:v1',
      title: 'Google Chat API',
      revision: expect.stringMatching(/^\d{8}$/),
    });
    expect(committed.root).toBe('Message');
  });

  test('is exactly what the script derives: every $ref resolves, nothing unreachable is kept', () => {
    // A schema missing from the file would make the derivation throw; one the Message
    // does not reach would be dropped; a hand edit of the layout would differ in text.
    expect(messageSchemaText(deriveMessageSchema(discoveryAround(committed)))).toBe(committedText);
  });

  test('holds the schemas the emulator checks cards and threads with', () => {
    expect(Object.keys(committed.schemas)).toEqual(
      expect.arrayContaining([
        'Message',
        'Thread',
        'CardWithId',
        'GoogleAppsCardV1Card',
        'GoogleAppsCardV1Widget',
        'GoogleAppsCardV1OpenLink',
      ]),
    );
  });
});

describe('deriveMessageSchema', () => {
  const document: DiscoveryDocument = {
    id: 'chat:v1',
    title: 'Google Chat API',
    revision: '20990101',
    schemas: {
      Card: { id: 'Card', type: 'object', properties: { back: { $ref: 'Message' } } },
      Unused: { id: 'Unused', type: 'object', properties: { m: { $ref: 'Message' } } },
      Message: {
        id: 'Message',
        type: 'object',
        properties: {
          text: { type: 'string' },
          thread: { $ref: 'Thread' },
          cards: { type: 'array', items: { $ref: 'Card' } },
          extra: { type: 'object', additionalProperties: { $ref: 'Value' } },
        },
      },
      Value: { id: 'Value', type: 'string' },
      Thread: { id: 'Thread', type: 'object', properties: { name: { type: 'string' } } },
    },
  };

  test('keeps Message and what it reaches through properties, items and maps, in document order', () => {
    const derived = deriveMessageSchema(document);
    expect(Object.keys(derived.schemas)).toEqual(['Card', 'Message', 'Value', 'Thread']);
    expect(derived.schemas.Message).toEqual(document.schemas?.Message);
    expect(derived.source).toEqual({
      document: 'https://chat.googleapis.com/$discovery/rest?version=v1',
      id: 'chat:v1',
      title: 'Google Chat API',
      revision: '20990101',
    });
  });

  test('names a schema that is referred to but missing, and who refers to it', () => {
    const schemas = { ...document.schemas };
    delete schemas.Value;
    expect(() => deriveMessageSchema({ ...document, schemas })).toThrow(
      'the discovery document has no schema "Value" (referred to by Message)',
    );
    expect(() => deriveMessageSchema({ revision: '1' })).toThrow('has no "schemas"');
  });

  test('the command writes the file from a discovery document given as an argument', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-schema-'));
    try {
      const input = path.join(dir, 'chat-v1-discovery.json');
      const output = path.join(dir, 'out', 'chat-v1-message.json');
      fs.writeFileSync(input, JSON.stringify(discoveryAround(committed)));
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          pathToFileURL(require.resolve('tsx')).href,
          'local/chat-emulator/derive-message-schema.ts',
          input,
          output,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /^Wrote .*chat-v1-message\.json: \d+ schemas of chat:v1 revision \d{8}\.\n$/,
      );
      expect(fs.readFileSync(output, 'utf8')).toBe(committedText);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
