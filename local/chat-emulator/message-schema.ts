/**
 * Validates a webhook request body against the `Message` schema of the official
 * Google Chat API v1 discovery document, as copied into schema/chat-v1-message.json
 * (with every schema it refers to) by derive-message-schema.ts.
 *
 * The walk follows `$ref`s and checks JSON types, enums, arrays and maps the way
 * Google's JSON-to-proto front end does, and reports errors with Chat's wording:
 *
 *   Invalid JSON payload received. Unknown name "foo" at 'message': Cannot find field.
 *
 * Paths use proto (snake_case) field names, as Google's errors do:
 * `message.cards_v2[0].card.header`.
 *
 * Deliberate strictness (a test double should fail loudly where Chat may be lenient):
 * - output-only fields (`readOnly` in the discovery doc, or a description starting with
 *   "Output only") are rejected instead of being silently ignored;
 * - only the camelCase (json_name) spelling of a field is accepted.
 */
import * as fs from 'node:fs';
import {
  MESSAGE_SCHEMA_FILE,
  type DiscoverySchema,
  type MessageSchemaFile,
} from './derive-message-schema';

let cachedSchemas: Record<string, DiscoverySchema> | undefined;

/** The discovery document's schemas the emulator knows (read once, then cached). */
export function discoverySchemas(): Record<string, DiscoverySchema> {
  if (!cachedSchemas) {
    let raw: string;
    try {
      raw = fs.readFileSync(MESSAGE_SCHEMA_FILE, 'utf8');
    } catch (error) {
      throw new Error(
        `Chat emulator: cannot read the Chat API Message schema at ${MESSAGE_SCHEMA_FILE} ` +
          `(local/chat-emulator/schema/README.md says how to regenerate it): ${(error as Error).message}`,
      );
    }
    cachedSchemas = (JSON.parse(raw) as MessageSchemaFile).schemas;
  }
  return cachedSchemas;
}

/** True when the discovery document marks a property as output only. */
export function isOutputOnly(property: DiscoverySchema): boolean {
  if (property.readOnly === true) return true;
  const description = (property.description ?? '').trimStart();
  return /^(Optional\.\s*)?Output only\b/.test(description);
}

/** Output-only property names of one schema (default `Message`), in discovery order. */
export function outputOnlyFields(schemaName = 'Message'): string[] {
  const schema = discoverySchemas()[schemaName];
  if (!schema) throw new Error(`Unknown schema ${schemaName}`);
  return Object.entries(schema.properties ?? {})
    .filter(([, property]) => isOutputOnly(property))
    .map(([name]) => name);
}

/**
 * Top-level `Message` fields a webhook must not send (output only), e.g. `sender`,
 * `annotations`, `formattedText`, `argumentText`, `space`, `threadReply`.
 * Note: `createTime` is NOT among them (it is "Optional. Immutable", settable in import mode).
 */
export const OUTPUT_ONLY_MESSAGE_FIELDS: readonly string[] = Object.freeze(outputOnlyFields());

/** camelCase -> snake_case, as Google spells proto field paths in error messages. */
export function protoName(jsonName: string): string {
  return jsonName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function protoTypeName(schemaName: string): string {
  const card = /^GoogleAppsCardV1(.+)$/.exec(schemaName);
  if (card) return `type.googleapis.com/google.apps.card.v1.${card[1]}`;
  const chat = /^GoogleChatV1(.+)$/.exec(schemaName);
  if (chat) return `type.googleapis.com/google.chat.v1.${chat[1]}`;
  return `type.googleapis.com/google.chat.v1.${schemaName}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function scalarTypeLabel(schema: DiscoverySchema): string {
  switch (schema.type) {
    case 'boolean':
      return 'TYPE_BOOL';
    case 'integer':
      return schema.format === 'uint32' ? 'TYPE_UINT32' : 'TYPE_INT32';
    case 'number':
      return schema.format === 'float' ? 'TYPE_FLOAT' : 'TYPE_DOUBLE';
    case 'string':
      if (schema.format === 'int64') return 'TYPE_INT64';
      if (schema.format === 'uint64') return 'TYPE_UINT64';
      if (schema.format === 'byte') return 'TYPE_BYTES';
      if (schema.format === 'google-datetime')
        return 'type.googleapis.com/google.protobuf.Timestamp';
      if (schema.enum) return 'TYPE_ENUM';
      return 'TYPE_STRING';
    default:
      return 'TYPE_MESSAGE';
  }
}

class Walker {
  readonly errors: string[] = [];
  constructor(private readonly schemas: Record<string, DiscoverySchema>) {}

  private invalid(at: string, schema: DiscoverySchema, value: unknown): void {
    this.errors.push(`Invalid value at '${at}' (${scalarTypeLabel(schema)}), ${show(value)}`);
  }

  walkObject(value: unknown, schemaName: string, at: string, inline?: DiscoverySchema): void {
    const schema = inline ?? this.schemas[schemaName];
    if (!schema) throw new Error(`Discovery document has no schema ${schemaName}`);
    if (!isPlainObject(value)) {
      if (Array.isArray(value)) {
        this.errors.push(
          `Invalid JSON payload received. Unknown name "" at '${at}': Proto field is not repeating, cannot start list.`,
        );
      } else {
        this.errors.push(`Invalid value at '${at}' (${protoTypeName(schemaName)}), ${show(value)}`);
      }
      return;
    }
    const properties = schema.properties ?? {};
    for (const [key, child] of Object.entries(value)) {
      const property = Object.prototype.hasOwnProperty.call(properties, key)
        ? properties[key]
        : undefined;
      if (!property) {
        this.errors.push(
          `Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`,
        );
        continue;
      }
      if (isOutputOnly(property)) {
        this.errors.push(
          `Invalid JSON payload received. Output only field "${key}" at '${at}': Cannot set output only field.`,
        );
        continue;
      }
      this.walkValue(child, property, `${at}.${protoName(key)}`);
    }
  }

  walkValue(value: unknown, schema: DiscoverySchema, at: string): void {
    // proto3 JSON: null means "default value" for any field.
    if (value === null) return;
    if (schema.$ref) this.walkObject(value, schema.$ref, at);
    else if (schema.type === 'array') this.walkArray(value, schema, at);
    else if (schema.type === 'object') this.walkMap(value, schema, at);
    else if (!scalarMatches(value, schema)) this.invalid(at, schema, value);
  }

  private walkArray(value: unknown, schema: DiscoverySchema, at: string): void {
    if (!Array.isArray(value)) {
      if (isPlainObject(value)) {
        this.errors.push(
          `Invalid JSON payload received. Expected a list at '${at}': Proto field is repeated, cannot start object.`,
        );
      } else {
        this.errors.push(`Invalid value at '${at}' (repeated), ${show(value)}`);
      }
      return;
    }
    value.forEach((item, index) => {
      if (schema.items) this.walkValue(item, schema.items, `${at}[${index}]`);
    });
  }

  private walkMap(value: unknown, schema: DiscoverySchema, at: string): void {
    if (!isPlainObject(value)) {
      this.invalid(at, schema, value);
      return;
    }
    if (schema.properties) {
      // Inline object schema (none in v1 today): same rules as a $ref.
      this.walkObject(value, schema.id ?? 'Object', at, schema);
      return;
    }
    if (schema.additionalProperties) {
      for (const [key, child] of Object.entries(value)) {
        this.walkValue(child, schema.additionalProperties, `${at}[${show(key)}]`);
      }
    }
  }
}

function integerMatches(value: unknown, schema: DiscoverySchema): boolean {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  const min = schema.format === 'uint32' ? 0 : INT32_MIN;
  const max = schema.format === 'uint32' ? 4294967295 : INT32_MAX;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

function numberMatches(value: unknown): boolean {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' &&
      (/^(NaN|-?Infinity)$/.test(value) || (value.trim() !== '' && Number.isFinite(Number(value)))))
  );
}

function stringMatches(value: unknown, schema: DiscoverySchema): boolean {
  if (schema.format === 'int64' || schema.format === 'uint64') {
    return (
      (typeof value === 'string' && /^-?\d+$/.test(value)) ||
      (typeof value === 'number' && Number.isInteger(value))
    );
  }
  if (schema.enum) {
    return (
      (typeof value === 'string' && schema.enum.includes(value)) ||
      (typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= 0 &&
        value < schema.enum.length)
    );
  }
  if (typeof value !== 'string') return false;
  if (schema.format === 'google-datetime') return RFC3339.test(value);
  if (schema.format === 'byte') return /^[A-Za-z0-9+/_-]*={0,2}$/.test(value);
  return true;
}

/** Whether a JSON value is acceptable for a scalar (or untyped) field, as proto3 JSON reads it. */
function scalarMatches(value: unknown, schema: DiscoverySchema): boolean {
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return integerMatches(value, schema);
    case 'number':
      return numberMatches(value);
    case 'string':
      return stringMatches(value, schema);
    default:
      // 'any', or no type information: accept anything.
      return true;
  }
}

/**
 * Validates a parsed webhook request body as a Chat `Message`.
 * Returns the errors in Chat's wording; an empty array means the body is valid.
 * (Content rules such as "text or cards required" and size limits are the store's job.)
 */
export function validateMessageBody(body: unknown): string[] {
  const walker = new Walker(discoverySchemas());
  walker.walkObject(body, 'Message', 'message');
  return walker.errors;
}
