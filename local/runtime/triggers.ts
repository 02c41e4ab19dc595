/**
 * ScriptApp's trigger management, with Apps Script's builder constraints
 * (everyMinutes accepts 1, 5, 10, 15 or 30; everyHours 1, 2, 4, 6, 8 or 12;
 * at most 20 triggers per user per script). Installable triggers belong to
 * the user who created them: getProjectTriggers and getUserTriggers return
 * the current user's only (the runtime's activeUser). A Trigger exposes its
 * handler, event type, unique id and source, not its period. A scheduler
 * for the runtime:
 * time-driven triggers fire every `period` from their creation time; missed
 * periods are not replayed (like Apps Script, which skips rather than
 * catches up).
 *
 * ScriptApp.getService() is the script's web app: its getUrl() is the URL
 * the runtime was given for it (runtime.webApp, see webapp.ts), or null
 * while it is "not deployed", as in Apps Script.
 */
import type { RuntimeClock } from './clock';
import { exception } from './errors';

export interface EnumValue {
  readonly name: string;
  toString(): string;
  toJSON(): string;
}

export function enumOf<K extends string>(...names: K[]): Readonly<Record<K, EnumValue>> {
  const out = {} as Record<K, EnumValue>;
  for (const name of names) {
    out[name] = Object.freeze({ name, toString: () => name, toJSON: () => name });
  }
  return Object.freeze(out);
}

export const EventType = enumOf(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');

export const MAX_TRIGGERS = 20;

export const TRIGGER_API = {
  ScriptApp: [
    'getProjectTriggers',
    'deleteTrigger',
    'newTrigger',
    'getScriptId',
    'getUserTriggers',
    'getService',
  ],
  Service: ['getUrl', 'isEnabled'],
  Trigger: [
    'getHandlerFunction',
    'getEventType',
    'getUniqueId',
    'getTriggerSource',
    'getTriggerSourceId',
  ],
  TriggerBuilder: ['timeBased', 'forSpreadsheet'],
  ClockTriggerBuilder: ['everyMinutes', 'everyHours', 'create'],
  SpreadsheetTriggerBuilder: ['onFormSubmit', 'onOpen', 'onEdit', 'onChange', 'create'],
} as const;

export class TriggerFake {
  /** Next due time (time-driven triggers only). */
  nextRunAt: number | null;

  constructor(
    readonly uniqueId: string,
    /** The e-mail of the user who installed it; it runs as them. */
    readonly owner: string,
    readonly handlerFunction: string,
    readonly eventType: EnumValue,
    readonly source: EnumValue,
    readonly sourceId: string | null,
    readonly periodMs: number | null,
    createdAt: number,
  ) {
    this.nextRunAt = periodMs === null ? null : createdAt + periodMs;
  }

  getHandlerFunction(): string {
    return this.handlerFunction;
  }

  getEventType(): EnumValue {
    return this.eventType;
  }

  getUniqueId(): string {
    return this.uniqueId;
  }

  getTriggerSource(): EnumValue {
    return this.source;
  }

  getTriggerSourceId(): string | null {
    return this.sourceId;
  }
}

export class TriggerBuilderFake {
  constructor(
    private readonly app: ScriptAppFake,
    private readonly handler: string,
  ) {}

  timeBased(): ClockTriggerBuilderFake {
    return new ClockTriggerBuilderFake(this.app, this.handler);
  }

  forSpreadsheet(spreadsheet: string | { getId(): string }): SpreadsheetTriggerBuilderFake {
    const id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet?.getId?.();
    if (typeof id !== 'string' || id === '') throw exception('Invalid argument: key');
    return new SpreadsheetTriggerBuilderFake(this.app, this.handler, id);
  }
}

export class ClockTriggerBuilderFake {
  private periodMs: number | null = null;

  constructor(
    private readonly app: ScriptAppFake,
    private readonly handler: string,
  ) {}

  everyMinutes(n: number): ClockTriggerBuilderFake {
    if (![1, 5, 10, 15, 30].includes(n)) {
      throw exception('Invalid argument: minutes. Valid values are 1, 5, 10, 15 or 30.');
    }
    this.periodMs = n * 60000;
    return this;
  }

  everyHours(n: number): ClockTriggerBuilderFake {
    if (![1, 2, 4, 6, 8, 12].includes(n)) {
      throw exception('Invalid argument: hours. Valid values are 1, 2, 4, 6, 8 or 12.');
    }
    this.periodMs = n * 3600000;
    return this;
  }

  create(): TriggerFake {
    if (this.periodMs === null) {
      throw exception(
        'The trigger is missing a recurrence: call everyMinutes or everyHours before create.',
      );
    }
    return this.app.add(this.handler, EventType.CLOCK, TriggerSource.CLOCK, null, this.periodMs);
  }
}

export class SpreadsheetTriggerBuilderFake {
  private eventType: EnumValue | null = null;

  constructor(
    private readonly app: ScriptAppFake,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  onFormSubmit(): SpreadsheetTriggerBuilderFake {
    this.eventType = EventType.ON_FORM_SUBMIT;
    return this;
  }

  onOpen(): SpreadsheetTriggerBuilderFake {
    this.eventType = EventType.ON_OPEN;
    return this;
  }

  onEdit(): SpreadsheetTriggerBuilderFake {
    this.eventType = EventType.ON_EDIT;
    return this;
  }

  onChange(): SpreadsheetTriggerBuilderFake {
    this.eventType = EventType.ON_CHANGE;
    return this;
  }

  create(): TriggerFake {
    if (this.eventType === null) {
      throw exception(
        'The trigger is missing an event: call onFormSubmit, onOpen, onEdit or onChange.',
      );
    }
    return this.app.add(
      this.handler,
      this.eventType,
      TriggerSource.SPREADSHEETS,
      this.spreadsheetId,
      null,
    );
  }
}

/** ScriptApp.getService(): the script's web app deployment, as far as a script can see it. */
export class ServiceFake {
  constructor(private readonly url: () => string | null) {}

  /** The web app's URL, or null when it has not been deployed. */
  getUrl(): string | null {
    return this.url();
  }

  isEnabled(): boolean {
    return this.url() !== null;
  }
}

export class ScriptAppFake {
  readonly EventType = EventType;
  readonly AuthMode = AuthMode;
  readonly TriggerSource = TriggerSource;
  /** The project's installed triggers, in creation order. */
  readonly triggers: TriggerFake[] = [];
  private counter = 0;

  constructor(
    private readonly clock: RuntimeClock,
    readonly scriptId = '1LocalChatRelayScript000000000000000000000000000000000',
    /** The user running the current execution. */
    private readonly currentUser: () => string = () => 'user@example.com',
    /** The web app's URL (null: not deployed). */
    private readonly webAppUrl: () => string | null = () => null,
  ) {}

  getService(): ServiceFake {
    return new ServiceFake(this.webAppUrl);
  }

  getScriptId(): string {
    return this.scriptId;
  }

  /** The current user's installable triggers of this project. */
  getProjectTriggers(): TriggerFake[] {
    const user = this.currentUser();
    return this.triggers.filter((t) => t.owner === user);
  }

  /** The current user's triggers of this project for a spreadsheet. */
  getUserTriggers(spreadsheet: { getId(): string }): TriggerFake[] {
    const id = spreadsheet?.getId?.();
    if (typeof id !== 'string') throw exception('Invalid argument: spreadsheet');
    return this.getProjectTriggers().filter((t) => t.sourceId === id);
  }

  deleteTrigger(trigger: TriggerFake): void {
    const id = trigger?.getUniqueId?.();
    const user = this.currentUser();
    const index = this.triggers.findIndex((t) => t.uniqueId === id && t.owner === user);
    if (index < 0) throw exception('Invalid argument: trigger');
    this.triggers.splice(index, 1);
  }

  newTrigger(functionName: string): TriggerBuilderFake {
    if (typeof functionName !== 'string' || functionName === '') {
      throw exception('Invalid argument: functionName');
    }
    return new TriggerBuilderFake(this, functionName);
  }

  /** @internal */
  add(
    handler: string,
    eventType: EnumValue,
    source: EnumValue,
    sourceId: string | null,
    periodMs: number | null,
  ): TriggerFake {
    const owner = this.currentUser();
    if (this.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS) {
      throw exception(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    this.counter++;
    const uniqueId = `70${String(1e15 + this.counter * 104729)}`;
    const trigger = new TriggerFake(
      uniqueId,
      owner,
      handler,
      eventType,
      source,
      sourceId,
      periodMs,
      this.clock.now(),
    );
    this.triggers.push(trigger);
    return trigger;
  }

  // ---- scheduler helpers ----------------------------------------------------

  /** Time-driven triggers due at `now`, earliest first. */
  dueTimeTriggers(now: number): TriggerFake[] {
    return this.triggers
      .filter((t) => t.nextRunAt !== null && t.nextRunAt <= now)
      .sort((a, b) => (a.nextRunAt as number) - (b.nextRunAt as number));
  }

  /** Marks a time-driven trigger as fired at `now`: its next run is the next period boundary after now. */
  markFired(trigger: TriggerFake, now: number): void {
    if (trigger.periodMs === null || trigger.nextRunAt === null) return;
    while (trigger.nextRunAt <= now) trigger.nextRunAt += trigger.periodMs;
  }

  /** Installed triggers of a type (and, for spreadsheet triggers, a source id). */
  triggersFor(eventType: EnumValue, sourceId?: string): TriggerFake[] {
    return this.triggers.filter(
      (t) => t.eventType === eventType && (sourceId === undefined || t.sourceId === sourceId),
    );
  }
}
