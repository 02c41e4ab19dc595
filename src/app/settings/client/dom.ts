/** The sidebar's page: its elements by id or selector. */

/** The element with that id (the page's own markup: it is there). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** Every element the selector matches, as an array. */
export function all<T extends Element = HTMLElement>(
  selector: string,
  root: ParentNode = document,
): T[] {
  return Array.prototype.slice.call(root.querySelectorAll(selector)) as T[];
}
