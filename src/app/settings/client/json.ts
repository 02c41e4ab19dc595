/** JSON values as the form reads them. */

export { isObject } from '../../../config/json';

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
