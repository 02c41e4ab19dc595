/**
 * The web app as the relay's runs see it (src/app/actions/web-app.ts): which
 * URL a link can be built on, the problem of `actions` while there is none,
 * and the links of a run (secret made on first need) and of a preview
 * (signed only with a secret that exists).
 */
import { SECRET_PROPERTY } from '../../../src/app/actions/secret';
import {
  previewActionLinks,
  runActionLinks,
  usableWebAppUrl,
  webAppProblems,
} from '../../../src/app/actions/web-app';
import { parseSettings } from '../../../src/config/settings';
import { CLAIM, WEB_APP, paramsOf } from '../../support/actions';
import { appRig } from '../../support/rig';

function settings(config: Record<string, unknown>) {
  const parsed = parseSettings(JSON.stringify(config));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

describe('usableWebAppUrl', () => {
  it.each<[string | null, string | null]>([
    [null, null],
    [WEB_APP, WEB_APP],
    [`${WEB_APP}?x=1`, null],
    [`${WEB_APP}#top`, null],
    ['http://script.google.com/macros/s/X/exec', null],
    ['javascript:alert(1)', null],
  ])('%s: %s', (url, usable) => {
    expect(usableWebAppUrl(url)).toBe(usable);
  });
});

describe('webAppProblems', () => {
  it('asks for no URL and finds nothing when no sheet has actions', () => {
    const url = jest.fn(() => null);
    expect(webAppProblems(settings({}), url)).toEqual([]);
    expect(url).not.toHaveBeenCalled();
  });

  it('finds nothing when the web app has a usable URL', () => {
    expect(webAppProblems(settings({ actions: [CLAIM] }), () => WEB_APP)).toEqual([]);
  });

  it('names `actions` and how to deploy while the web app is not deployed', () => {
    const problems = webAppProblems(settings({ actions: [CLAIM] }), () => null);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [
        'actions',
        'needs the web app its buttons open, but Chat Relay is not deployed as one (ScriptApp.getService().getUrl() gives no URL): run "npm run deploy" once, which creates the web app (see docs/actions.md), or remove "actions"',
      ],
    ]);
  });

  it('says when the URL cannot be used, once per sheet with actions, by its path', () => {
    const config = {
      sheets: [{ sheet: 'A', actions: [CLAIM] }, { sheet: 'B' }, { sheet: 'C', actions: [CLAIM] }],
    };
    const problems = webAppProblems(settings(config), () => 'http://insecure.example/exec');
    expect(problems.map((p) => p.path)).toEqual(['sheets[0].actions', 'sheets[2].actions']);
    expect(problems[0].message).toContain('the URL Apps Script gives for it cannot be used');
  });
});

describe('runActionLinks', () => {
  it('makes the secret on the first link only, and asks the URL once', () => {
    const rig = appRig();
    const url = jest.fn(() => WEB_APP);
    const services = { ...rig.services, webAppUrl: url };
    const links = runActionLinks(services, rig.properties)(() => 7);
    expect(rig.properties.getProperty(SECRET_PROPERTY)).toBeNull();
    const first = links.link('Claim', 'r1')!;
    const secret = rig.properties.getProperty(SECRET_PROPERTY);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    links.link('Claim', 'r2');
    expect(rig.properties.getProperty(SECRET_PROPERTY)).toBe(secret);
    expect(url).toHaveBeenCalledTimes(1);
    expect(first.startsWith(`${WEB_APP}?`)).toBe(true);
    expect(paramsOf(first)).toMatchObject({ a: 'Claim', s: '7', r: 'r1' });
    expect(paramsOf(first).t).toBe(String(Math.floor(rig.clock.now() / 1000)));
  });

  it('knows its own links, not another row’s, nor one of another secret', () => {
    const rig = appRig();
    const services = { ...rig.services, webAppUrl: () => WEB_APP };
    const links = runActionLinks(services, rig.properties)(() => 7);
    const link = links.link('Claim', 'r1')!;
    expect(links.isLink(link, 'Claim', 'r1')).toBe(true);
    expect(links.isLink(link, 'Claim', 'r2')).toBe(false);
    expect(links.isLink(link, 'Resolve', 'r1')).toBe(false);
    const other = appRig();
    other.properties.setProperty(SECRET_PROPERTY, 'f'.repeat(64));
    const theirs = runActionLinks(
      { ...other.services, webAppUrl: () => WEB_APP },
      other.properties,
    );
    expect(theirs(() => 7).isLink(link, 'Claim', 'r1')).toBe(false);
  });

  it('makes no link and no secret without a usable web app', () => {
    const rig = appRig();
    const links = runActionLinks({ ...rig.services, webAppUrl: () => null }, rig.properties);
    expect(links(() => 7).link('Claim', 'r1')).toBeNull();
    expect(links(() => 7).isLink(`${WEB_APP}?a=Claim`, 'Claim', 'r1')).toBe(false);
    expect(rig.properties.getProperty(SECRET_PROPERTY)).toBeNull();
  });
});

describe('previewActionLinks', () => {
  it('writes no secret: before one exists, its links are signed with a stand-in no run accepts', () => {
    const rig = appRig();
    const services = { ...rig.services, webAppUrl: () => WEB_APP };
    const preview = previewActionLinks(services, rig.properties)(() => 7);
    const link = preview.link('Claim', 'r1')!;
    expect(paramsOf(link)).toMatchObject({ a: 'Claim', s: '7', r: 'r1' });
    expect(rig.properties.getProperty(SECRET_PROPERTY)).toBeNull();
    expect(preview.isLink(link, 'Claim', 'r1')).toBe(false);
    const run = runActionLinks(services, rig.properties)(() => 7);
    expect(run.link('Claim', 'r1')).not.toBe(link);
    expect(run.isLink(link, 'Claim', 'r1')).toBe(false);
  });

  it('signs with the secret once it exists: its links are the run’s', () => {
    const rig = appRig();
    rig.properties.setProperty(SECRET_PROPERTY, 'a'.repeat(64));
    const services = { ...rig.services, webAppUrl: () => WEB_APP };
    const link = previewActionLinks(services, rig.properties)(() => 7).link('Claim', 'r1')!;
    expect(runActionLinks(services, rig.properties)(() => 7).isLink(link, 'Claim', 'r1')).toBe(
      true,
    );
  });
});
