import {
  FakeClock,
  ScriptAppFake,
  TriggerBuilderFake,
  TriggerFake,
  Workbook,
} from '../../local/runtime';
import {
  FORM_HANDLER,
  SCHEDULED_HANDLER,
  installRelayTriggers,
  removeRelayTriggers,
} from '../../src/app/triggers';

/** The bound spreadsheet, whose ID is 'ss-42'. */
const SPREADSHEET = new Workbook({ id: 'ss-42' });

function scriptApp(user = () => 'owner@example.com') {
  return new ScriptAppFake(new FakeClock(), undefined, user);
}

/** Triggers of other handler functions, which must survive everything. */
function seedOthers(app: ScriptAppFake): TriggerFake[] {
  return [
    app.newTrigger('myOtherJob').timeBased().everyMinutes(15).create(),
    app.newTrigger('myOtherJob').forSpreadsheet('ss-42').onFormSubmit().create(),
    app.newTrigger('onEditHandler').forSpreadsheet('ss-42').onEdit().create(),
  ];
}

const shape = (app: ScriptAppFake) =>
  app
    .getProjectTriggers()
    .map((t) => [t.handlerFunction, String(t.eventType), t.periodMs, t.sourceId]);

describe('installRelayTriggers', () => {
  it('installs the clock trigger every scheduleMinutes and the form trigger for form sheets', () => {
    const app = scriptApp();
    const report = installRelayTriggers(app, SPREADSHEET, 10, ['Form Responses 1']);
    expect(shape(app)).toEqual([
      [SCHEDULED_HANDLER, 'CLOCK', 600000, null],
      [FORM_HANDLER, 'ON_FORM_SUBMIT', null, 'ss-42'],
    ]);
    expect(report).toEqual([
      'Installed a time-driven trigger: runScheduled every 10 minutes.',
      'Installed a form-submit trigger: handleFormSubmit relays each response to "Form Responses 1" at once.',
    ]);
  });

  it('creates the form trigger for the Spreadsheet object, as documented for a bound script, not its ID', () => {
    const app = scriptApp();
    const forSpreadsheet = jest.spyOn(TriggerBuilderFake.prototype, 'forSpreadsheet');
    try {
      installRelayTriggers(app, SPREADSHEET, 5, ['Form Responses 1']);
      expect(forSpreadsheet).toHaveBeenCalledTimes(1);
      expect(forSpreadsheet.mock.calls[0][0]).toBe(SPREADSHEET);
    } finally {
      forSpreadsheet.mockRestore();
    }
  });

  it('replaces the clock triggers (duplicates too), so a new period takes effect', () => {
    const app = scriptApp();
    app.newTrigger(SCHEDULED_HANDLER).timeBased().everyMinutes(5).create();
    app.newTrigger(SCHEDULED_HANDLER).timeBased().everyMinutes(5).create();
    const report = installRelayTriggers(app, SPREADSHEET, 1, []);
    expect(shape(app)).toEqual([[SCHEDULED_HANDLER, 'CLOCK', 60000, null]]);
    expect(report[0]).toBe('Replaced the time-driven trigger: runScheduled every 1 minute.');
  });

  it('keeps exactly one form trigger, removing duplicates', () => {
    const app = scriptApp();
    const kept = app.newTrigger(FORM_HANDLER).forSpreadsheet('ss-42').onFormSubmit().create();
    app.newTrigger(FORM_HANDLER).forSpreadsheet('ss-42').onFormSubmit().create();
    const report = installRelayTriggers(app, SPREADSHEET, 5, ['Form']);
    const forms = app.getProjectTriggers().filter((t) => t.handlerFunction === FORM_HANDLER);
    expect(forms).toEqual([kept]);
    expect(report[1]).toBe('The form-submit trigger for handleFormSubmit was already installed.');
  });

  it('removes the form trigger, and installs none, when no followed sheet is a form sheet', () => {
    const app = scriptApp();
    app.newTrigger(FORM_HANDLER).forSpreadsheet('ss-42').onFormSubmit().create();
    const report = installRelayTriggers(app, SPREADSHEET, 5, []);
    expect(shape(app)).toEqual([[SCHEDULED_HANDLER, 'CLOCK', 300000, null]]);
    expect(report[1]).toMatch(
      /^No followed sheet is a form's, so no form-submit trigger was installed/,
    );
  });

  it('is idempotent', () => {
    const app = scriptApp();
    installRelayTriggers(app, SPREADSHEET, 5, ['F']);
    installRelayTriggers(app, SPREADSHEET, 5, ['F']);
    expect(shape(app)).toEqual([
      [FORM_HANDLER, 'ON_FORM_SUBMIT', null, 'ss-42'],
      [SCHEDULED_HANDLER, 'CLOCK', 300000, null],
    ]);
  });

  it('never touches triggers of other handler functions, nor of other users', () => {
    let user = 'colleague@example.com';
    const app = scriptApp(() => user);
    const theirs = app.newTrigger(SCHEDULED_HANDLER).timeBased().everyMinutes(30).create();
    user = 'owner@example.com';
    const others = seedOthers(app);
    installRelayTriggers(app, SPREADSHEET, 5, ['F']);
    installRelayTriggers(app, SPREADSHEET, 5, []);
    expect(app.triggers).toEqual(expect.arrayContaining([theirs, ...others]));
    removeRelayTriggers(app);
    expect(app.triggers).toEqual([theirs, ...others]);
  });
});

describe('removeRelayTriggers', () => {
  it("removes Chat Relay's triggers only, and says how many", () => {
    const app = scriptApp();
    const others = seedOthers(app);
    installRelayTriggers(app, SPREADSHEET, 5, ['F']);
    expect(removeRelayTriggers(app)).toBe(2);
    expect(app.getProjectTriggers()).toEqual(others);
    expect(removeRelayTriggers(app)).toBe(0);
  });
});
