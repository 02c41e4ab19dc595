/**
 * A minimal stand-in for the few DOM calls the sidebar's client makes, so its
 * modules' logic runs under jest in Node (the project has no jsdom): elements
 * by id, created on first use, holding what the code writes to them
 * (textContent, innerHTML, className, hidden, disabled, value, classes); the
 * listeners added to them and to the document; google.script.run answering
 * each server function from `answers`; window's timers run by hand. It parses
 * no HTML: what a module writes as innerHTML is asserted as a string. The page
 * itself, its markup and its layout are tested in a real Chromium by
 * test/local/sidebar-browser.test.ts.
 */
import type { LoadResult, SettingsApi } from '../../../../src/app/settings/types';

type Listener = (event: { target: unknown; type: string }) => void;

export class FakeElement {
  textContent = '';
  innerHTML = '';
  className = '';
  hidden = false;
  disabled = false;
  value = '';
  title = '';
  open = false;
  checked = false;
  offsetHeight = 0;
  selectedIndex = -1;
  options: Array<{ value: string; text: string }> = [];
  rect = { top: 0, bottom: 0 };
  readonly style: { [property: string]: string } = {};
  readonly classes = new Set<string>();
  readonly attributes: { [name: string]: string } = {};
  readonly listeners: { [type: string]: Listener[] } = {};
  readonly classList = {
    add: (c: string) => void this.classes.add(c),
    remove: (c: string) => void this.classes.delete(c),
    contains: (c: string) => this.classes.has(c),
  };

  constructor(
    readonly id: string,
    readonly tagName = 'DIV',
  ) {}

  addEventListener(type: string, listener: Listener): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  /** Fires `type` at the listeners of this element, the event's target being `target`. */
  dispatch(type: string, target: unknown = this): void {
    (this.listeners[type] || []).forEach((l) => l({ target, type }));
  }

  click(): void {
    this.dispatch('click');
  }

  getAttribute(name: string): string | null {
    return name in this.attributes ? this.attributes[name] : null;
  }

  setAttribute(name: string, value: string): void {
    this.attributes[name] = value;
  }

  removeAttribute(name: string): void {
    delete this.attributes[name];
  }

  getBoundingClientRect(): { top: number; bottom: number } {
    return this.rect;
  }

  focus(): void {
    this.focused = true;
  }

  focused = false;

  hasAttribute(name: string): boolean {
    return name in this.attributes;
  }

  querySelector(): null {
    return null;
  }

  querySelectorAll(): FakeElement[] {
    return [];
  }

  closest(): null {
    return null;
  }
}

/** A server function's answer: a value, a function of the call's arguments, or an Error (a failure). */
type Answer = unknown;

export interface FakePage {
  /** The element of that id (created on first use, as the page's markup would hold it). */
  el(id: string): FakeElement;
  /** What each selector of document.querySelectorAll returns (none by default). */
  selected: { [selector: string]: FakeElement[] };
  /** The listeners added to the document. */
  document: FakeElement;
  /** The server functions called, in order, with their arguments. */
  calls: Array<{ fn: string; args: unknown[] }>;
  answers: { [fn: string]: Answer };
  /** How far window.scrollBy scrolled, in px. */
  scrolled: number;
  /** Runs the timers set with window.setTimeout, as if their time had come. */
  runTimers(): void;
  timers: Map<number, () => void>;
}

/** Lets the promises of answered server calls settle. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function scriptRun(page: FakePage): unknown {
  let onSuccess: (value: unknown) => void = () => undefined;
  let onFailure: (error: unknown) => void = () => undefined;
  const call =
    (fn: string) =>
    (...args: unknown[]): void => {
      page.calls.push({ fn, args });
      const answer = page.answers[fn];
      const value = typeof answer === 'function' ? answer(...args) : answer;
      const [success, failure] = [onSuccess, onFailure];
      void Promise.resolve().then(() => (value instanceof Error ? failure(value) : success(value)));
    };
  const runner: unknown = new Proxy(
    {},
    {
      get: (_, name: string) => {
        if (name === 'withSuccessHandler')
          return (h: (value: unknown) => void) => ((onSuccess = h), runner);
        if (name === 'withFailureHandler')
          return (h: (error: unknown) => void) => ((onFailure = h), runner);
        return call(name);
      },
    },
  );
  return runner;
}

/** Installs the fake page as the globals the client uses: document, window, CSS, google. */
export function installPage(answers: { [K in keyof SettingsApi]?: Answer } = {}): FakePage {
  const elements = new Map<string, FakeElement>();
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  const page: FakePage = {
    el: (id) => {
      if (!elements.has(id)) elements.set(id, new FakeElement(id));
      return elements.get(id) as FakeElement;
    },
    selected: { '.bottom': [new FakeElement('', 'DIV')], '.sidebar': [new FakeElement('', 'DIV')] },
    scrolled: 0,
    document: new FakeElement('document'),
    calls: [],
    answers: { ...answers },
    timers,
    runTimers: () => {
      const due = [...timers.values()];
      timers.clear();
      due.forEach((f) => f());
    },
  };
  const document = {
    getElementById: page.el,
    querySelectorAll: (selector: string) => page.selected[selector] || [],
    querySelector: (selector: string) => (page.selected[selector] || [])[0] || null,
    addEventListener: (type: string, l: Listener) => page.document.addEventListener(type, l),
    activeElement: null,
  };
  const window = {
    setTimeout: (f: () => void) => {
      timers.set(nextTimer, f);
      return nextTimer++;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    scrollBy: (_x: number, y: number) => void (page.scrolled += y),
    requestAnimationFrame: (f: () => void) => f(),
  };
  class ResizeObserver {
    observe(): void {}
  }
  const google = { script: { run: {} } };
  Object.defineProperty(google.script, 'run', { get: () => scriptRun(page) });
  Object.assign(globalThis, {
    document,
    window,
    google,
    ResizeObserver,
    CSS: { escape: (s: string) => s },
  });
  return page;
}

/** What settingsLoad answers for a spreadsheet of two sheets, nothing saved, nothing measured. */
export function loadResult(overrides: Partial<LoadResult> = {}): LoadResult {
  const period = (minutes: number) => ({
    minutes,
    hoursPerDay: null,
    projection: 'Time per run: not measured yet.',
    warn: false,
    over: false,
  });
  return {
    ok: true,
    config: {},
    source: 'defaults',
    raw: null,
    webApp: false,
    ops: { nextDigest: null, quiet: [], quietConfigured: false, people: null },
    people: null,
    problems: [],
    fallbacks: [],
    spreadsheet: 'Helpdesk',
    sheets: [
      {
        name: 'Tickets',
        followed: true,
        form: false,
        headerRow: 1,
        headers: ['Created', 'Ticket ID', 'Title'],
        rows: [
          ['Created', 'Ticket ID', 'Title'],
          ['2026-03-01', 'T-1', 'Printer'],
        ],
        lastRow: 2,
        lastColumn: 3,
      },
      {
        name: 'Form responses',
        followed: true,
        form: true,
        headerRow: 1,
        headers: ['Timestamp', 'Email'],
        rows: [['Timestamp', 'Email']],
        lastRow: 1,
        lastColumn: 2,
      },
      {
        name: 'Notes',
        followed: false,
        form: false,
        headerRow: 1,
        headers: ['Note'],
        rows: [['Note']],
        lastRow: 1,
        lastColumn: 1,
      },
    ],
    webhooks: [
      {
        name: 'default',
        property: 'CHAT_WEBHOOK_URL',
        ok: true,
        space: 'AAAA',
        label: 'space AAAA…, token set',
        usedBy: [],
      },
    ],
    hints: [],
    triggers: { scheduled: false, minutes: null, formSubmit: false },
    budget: {
      ...period(5),
      secondsPerRun: null,
      runsMeasured: 0,
      suggestedMinutes: null,
      periods: [1, 5, 10, 15, 30].map(period),
    },
    owners: {
      triggersInstalledBy: [],
      triggersNote: 'No installation of the triggers is recorded.',
    },
    relayHeaders: ['Chat Status', 'Chat Thread'],
    scheduleOptions: [1, 5, 10, 15, 30],
    defaults: { headerRow: 1, format: 'card', webhook: 'default', scheduleMinutes: 5 },
    ...overrides,
  };
}

/** A fake element where the client's functions take an element. */
export function asElement(element: FakeElement): HTMLElement {
  return element as unknown as HTMLElement;
}
