/**
 * A link to a Chat thread, for people: `https://chat.google.com/room/SPACE/THREAD`.
 * Google does not document this form, but it is what Chat's own "Copy link"
 * gives for a thread and what every integration uses; the API's resource
 * name (`spaces/SPACE/threads/THREAD`) is not a URL a browser can open.
 */
const THREAD_NAME = /^spaces\/([A-Za-z0-9_-]+)\/threads\/([A-Za-z0-9_-]+)$/;

/** The browser link of a thread resource name, or null when the name is not one. */
export function threadUrl(threadName: string): string | null {
  const match = THREAD_NAME.exec(String(threadName).trim());
  return match ? `https://chat.google.com/room/${match[1]}/${match[2]}` : null;
}
