import { PropertyStore } from '../../src/ports';

/** A typed fake of PropertiesService.getScriptProperties(): missing keys read as null, as in Apps Script. */
export function fakePropertyStore(initial: Record<string, string> = {}) {
  const data: Record<string, string> = { ...initial };
  const calls = { getProperties: 0, getProperty: 0 };
  const store: PropertyStore & { calls: typeof calls } = {
    calls,
    getProperties() {
      calls.getProperties++;
      return { ...data };
    },
    getProperty(key: string) {
      calls.getProperty++;
      return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null;
    },
  };
  return store;
}
