import {
  CONFIG_PROPERTY,
  closestName,
  configProblem,
  describeValue,
  didYouMean,
  defaultsScope,
  joinPath,
  ofSheet,
  propertyProblem,
  sheetScope,
} from '../../src/config/problems';

const SECRET_URL =
  'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k-secret&token=t-secret';

describe('configProblem', () => {
  it('names the key of CHAT_RELAY_CONFIG it is about', () => {
    expect(configProblem('sheets[1].keyColumn', 'must be a non-empty string')).toEqual({
      path: 'sheets[1].keyColumn',
      message: 'must be a non-empty string',
      text: 'CHAT_RELAY_CONFIG key "sheets[1].keyColumn" must be a non-empty string',
    });
  });

  it('names the property alone for the whole value', () => {
    expect(configProblem('', 'must be a JSON object')).toEqual({
      path: '',
      message: 'must be a JSON object',
      text: 'CHAT_RELAY_CONFIG must be a JSON object',
    });
    expect(CONFIG_PROPERTY).toBe('CHAT_RELAY_CONFIG');
  });
});

describe('ofSheet: the sheet a problem belongs to, beside its path', () => {
  it('names the sheet in the text and keeps the path and the message for the field', () => {
    const problem = ofSheet(configProblem('keyColumn', 'is "ID"'), sheetScope('Form Responses 1'));
    expect(problem).toEqual({
      path: 'keyColumn',
      message: 'is "ID"',
      text: 'CHAT_RELAY_CONFIG key "keyColumn" (sheet "Form Responses 1") is "ID"',
      sheet: 'sheet "Form Responses 1"',
    });
  });

  it('says which sheets a top-level default applies to', () => {
    expect(defaultsScope(['Tickets', 'Form Responses 1'])).toBe(
      'default for sheets "Tickets", "Form Responses 1"',
    );
    expect(defaultsScope(['Tickets'])).toBe('default for sheet "Tickets"');
    expect(defaultsScope(null)).toBe('default for every followed sheet');
  });

  it('leaves alone a problem already of a sheet, a property problem, and no sheet at all', () => {
    const once = ofSheet(configProblem('title', 'is bad'), sheetScope('A'));
    expect(ofSheet(once, sheetScope('B'))).toBe(once);
    const property = propertyProblem('CHAT_WEBHOOK_URL', 'is empty');
    expect(ofSheet(property, sheetScope('A'))).toBe(property);
    const plain = configProblem('title', 'is bad');
    expect(ofSheet(plain, null)).toBe(plain);
  });
});

describe('every problem is redacted as it is made', () => {
  it('a webhook URL in a path or a message keeps no key or token', () => {
    const problems = [
      configProblem(`routes[0].${SECRET_URL}`, `must not be ${SECRET_URL}`),
      ofSheet(configProblem('webhook', `is ${SECRET_URL}`), sheetScope('Tickets')),
      propertyProblem('CHAT_WEBHOOK_URL', `is ${SECRET_URL}`),
    ];
    const text = JSON.stringify(problems);
    expect(text).not.toMatch(/k-secret|t-secret/);
    expect(text).toContain('key=REDACTED&token=REDACTED');
  });
});

describe('propertyProblem', () => {
  it('is about a Script Property as a whole', () => {
    expect(propertyProblem('CHAT_WEBHOOK_URL_OPS', 'is empty')).toEqual({
      path: 'CHAT_WEBHOOK_URL_OPS',
      message: 'is empty',
      text: 'CHAT_WEBHOOK_URL_OPS is empty',
    });
  });
});

describe('joinPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(joinPath('', 'keyColumn')).toBe('keyColumn');
    expect(joinPath('sheets', 1)).toBe('sheets[1]');
    expect(joinPath('sheets[1]', 'routes')).toBe('sheets[1].routes');
    expect(joinPath(joinPath(joinPath('routes', 0), 'when'), 2)).toBe('routes[0].when[2]');
  });
});

describe('describeValue', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'undefined'],
    [[1, 2], 'an array'],
    [{ a: 1 }, 'an object'],
    ['Tickets', '"Tickets"'],
    [3, '3'],
    [true, 'true'],
  ])('describes %p as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('quotes only the start of a long string', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`);
  });
});

describe('closestName and didYouMean', () => {
  const known = ['keyColumn', 'headerRow', 'webhook', 'sheets', 'sheet'];

  it('finds the same name in another case first', () => {
    expect(closestName('KEYCOLUMN', known)).toBe('keyColumn');
    expect(didYouMean('Webhook', known)).toBe(' (did you mean "webhook"?)');
  });

  it('finds a name one or two typos away', () => {
    expect(closestName('keyColum', known)).toBe('keyColumn');
    expect(closestName('headrRow', known)).toBe('headerRow');
    expect(closestName('webhok', known)).toBe('webhook');
  });

  it('allows a single typo only in a short name', () => {
    expect(closestName('shet', known)).toBe('sheet');
    expect(closestName('shxx', known)).toBeNull();
  });

  it('says nothing for a name far from all, or for a known name', () => {
    expect(closestName('timezone', known)).toBeNull();
    expect(didYouMean('timezone', known)).toBe('');
    expect(didYouMean('sheet', known)).toBe('');
  });
});
