/**
 * PropertiesService's Properties store, with Apps Script's limits: 9 KB per
 * value and 500 KB per store (sizes counted in UTF-8 bytes of key + value).
 * getProperty returns null for a missing key. Values are coerced to strings.
 * With `options.file`, the store is loaded from and saved to a JSON file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exception } from './errors';

export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export const PROPERTIES_API = [
  'getProperty',
  'getProperties',
  'getKeys',
  'setProperty',
  'setProperties',
  'deleteProperty',
  'deleteAllProperties',
] as const;

export class PropertyStoreFake {
  private readonly data = new Map<string, string>();
  private readonly file: string | undefined;

  constructor(initial: Record<string, string> = {}, options: { file?: string } = {}) {
    this.file = options.file;
    if (this.file && existsSync(this.file)) {
      const loaded = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
      for (const [k, v] of Object.entries(loaded)) this.data.set(k, String(v));
    }
    for (const [k, v] of Object.entries(initial)) {
      if (!this.data.has(k)) this.data.set(k, String(v));
    }
    this.checkTotal(this.data);
  }

  getProperty(key: string): string | null {
    return this.data.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  getKeys(): string[] {
    return [...this.data.keys()];
  }

  setProperty(key: string, value: unknown): PropertyStoreFake {
    const next = new Map(this.data);
    next.set(this.checkKey(key), this.checkValue(value));
    this.commit(next);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): PropertyStoreFake {
    if (properties === null || typeof properties !== 'object') {
      throw exception(
        'The parameters (' +
          typeof properties +
          ") don't match the method signature for PropertiesService.Properties.setProperties.",
      );
    }
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.data);
    for (const [k, v] of Object.entries(properties)) next.set(this.checkKey(k), this.checkValue(v));
    this.commit(next);
    return this;
  }

  deleteProperty(key: string): PropertyStoreFake {
    const next = new Map(this.data);
    next.delete(String(key));
    this.commit(next);
    return this;
  }

  deleteAllProperties(): PropertyStoreFake {
    this.commit(new Map());
    return this;
  }

  private checkKey(key: unknown): string {
    if (key === null || key === undefined || String(key) === '')
      throw exception('Invalid argument: key');
    return String(key);
  }

  private checkValue(value: unknown): string {
    const s = String(value);
    if (bytes(s) > PROPERTY_VALUE_LIMIT_BYTES) throw exception('Argument too large: value');
    return s;
  }

  private checkTotal(map: Map<string, string>): void {
    let total = 0;
    for (const [k, v] of map) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_LIMIT_BYTES) {
      throw exception(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  }

  private commit(next: Map<string, string>): void {
    this.checkTotal(next);
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.data), null, 2) + '\n');
    renameSync(tmp, this.file);
  }
}
