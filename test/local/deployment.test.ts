/**
 * `npm run deploy`'s decisions (local/deployment.ts) against a fake clasp
 * that keeps the project's deployments in memory and answers as clasp 3
 * does with --json: it pushes, then updates the web app deployment it finds
 * by its description, else creates one, so repeated deploys keep ONE
 * deployment and its URL. No network.
 */
import {
  DEPLOYMENT_DESCRIPTION,
  deployWebApp,
  planDeployment,
  webAppUrl,
  type Clasp,
  type ListedDeployment,
} from '../../local/deployment';

const WEB_APP_MANIFEST = { webapp: { executeAs: 'USER_DEPLOYING', access: 'DOMAIN' } };
const HEAD: ListedDeployment = { deploymentId: 'AKfyHEAD', description: null };

/** clasp with a project in memory: push, --json deployments, --json deploy [-i ID] -d DESC. */
function fakeClasp(initial: ListedDeployment[] = [HEAD]) {
  const deployments = initial.map((d) => ({ ...d }));
  const calls: string[][] = [];
  let versions = Math.max(0, ...deployments.map((d) => d.versionNumber ?? 0));
  let created = 0;
  const clasp: Clasp = async (args) => {
    calls.push(args);
    const [first, command, ...rest] = args;
    if (first === 'push') return 'Pushed 2 files.\n';
    if (first !== '--json') throw new Error(`fake clasp: unexpected ${args.join(' ')}`);
    if (command === 'deployments') return JSON.stringify(deployments, null, 2);
    if (command !== 'deploy') throw new Error(`fake clasp: unexpected ${command}`);
    const option = (name: string) => {
      const i = rest.indexOf(name);
      return i < 0 ? undefined : rest[i + 1];
    };
    const description = option('--description') ?? '';
    const id = option('--deploymentId');
    const versionNumber = ++versions; // clasp deploy makes a new version first
    let deployment = deployments.find((d) => d.deploymentId === id);
    if (id && !deployment) throw new Error(`fake clasp: no deployment ${id}`);
    if (!deployment) {
      deployment = { deploymentId: `AKfyNEW${++created}` };
      deployments.push(deployment);
    }
    Object.assign(deployment, { versionNumber, description });
    return JSON.stringify({ deploymentId: deployment.deploymentId, versionNumber, description });
  };
  return { clasp, calls, deployments };
}

function printed() {
  const lines: string[] = [];
  return { lines, print: (line: string) => lines.push(line) };
}

describe('planDeployment', () => {
  it('updates the deployment with the description, never the head one or another one', () => {
    expect(
      planDeployment([HEAD, { deploymentId: 'A', versionNumber: 3, description: 'mine' }]),
    ).toEqual({
      kind: 'create',
    });
    expect(
      planDeployment([
        { ...HEAD, description: DEPLOYMENT_DESCRIPTION },
        { deploymentId: 'A', versionNumber: 3, description: 'mine' },
        { deploymentId: 'B', versionNumber: 2, description: DEPLOYMENT_DESCRIPTION },
      ]),
    ).toEqual({ kind: 'update', deploymentId: 'B', versionNumber: 2, others: [] });
  });

  it('several with the description: the newest version’s, naming the others', () => {
    expect(
      planDeployment([
        { deploymentId: 'old', versionNumber: 2, description: DEPLOYMENT_DESCRIPTION },
        { deploymentId: 'new', versionNumber: 9, description: DEPLOYMENT_DESCRIPTION },
        { deploymentId: 'mid', versionNumber: 5, description: DEPLOYMENT_DESCRIPTION },
      ]),
    ).toEqual({ kind: 'update', deploymentId: 'new', versionNumber: 9, others: ['mid', 'old'] });
  });
});

describe('deployWebApp with a fake clasp', () => {
  it('creates the web app deployment once, then updates the same one: one deployment, one URL', async () => {
    const fake = fakeClasp([
      HEAD,
      { deploymentId: 'AKfyLIB', versionNumber: 1, description: 'v1' },
    ]);
    const first = printed();
    const created = await deployWebApp(fake.clasp, WEB_APP_MANIFEST, first.print);
    expect(created).toEqual({
      deploymentId: 'AKfyNEW1',
      url: 'https://script.google.com/macros/s/AKfyNEW1/exec',
      versionNumber: 2,
      created: true,
    });
    expect(fake.calls).toEqual([
      ['push', '-f'],
      ['--json', 'deployments'],
      ['--json', 'deploy', '--description', DEPLOYMENT_DESCRIPTION],
    ]);
    expect(first.lines).toEqual([
      'Pushed dist/ (clasp push -f).',
      `Created the web app deployment "${DEPLOYMENT_DESCRIPTION}" AKfyNEW1 (version 2).`,
      'Web app: https://script.google.com/macros/s/AKfyNEW1/exec',
    ]);

    const second = printed();
    const updated = await deployWebApp(fake.clasp, WEB_APP_MANIFEST, second.print);
    expect(updated).toEqual({ ...created, versionNumber: 3, created: false });
    expect(fake.calls.slice(3)).toEqual([
      ['push', '-f'],
      ['--json', 'deployments'],
      ['--json', 'deploy', '--description', DEPLOYMENT_DESCRIPTION, '--deploymentId', 'AKfyNEW1'],
    ]);
    expect(second.lines[1]).toBe(
      `Updated the web app deployment "${DEPLOYMENT_DESCRIPTION}" AKfyNEW1 (version 3): its URL is unchanged.`,
    );
    // The head deployment and the other one are untouched; one web app deployment.
    expect(fake.deployments).toEqual([
      HEAD,
      { deploymentId: 'AKfyLIB', versionNumber: 1, description: 'v1' },
      { deploymentId: 'AKfyNEW1', versionNumber: 3, description: DEPLOYMENT_DESCRIPTION },
    ]);
  });

  it('names the other deployments with the description and leaves them', async () => {
    const fake = fakeClasp([
      { deploymentId: 'AKfyA', versionNumber: 4, description: DEPLOYMENT_DESCRIPTION },
      { deploymentId: 'AKfyB', versionNumber: 7, description: DEPLOYMENT_DESCRIPTION },
    ]);
    const out = printed();
    const result = await deployWebApp(fake.clasp, WEB_APP_MANIFEST, out.print);
    expect(result?.deploymentId).toBe('AKfyB');
    expect(out.lines).toContain(
      `  Another deployment is described "${DEPLOYMENT_DESCRIPTION}" too: AKfyA (left as it is; remove it with "npx clasp undeploy AKfyA").`,
    );
    expect(fake.deployments[0]).toEqual({
      deploymentId: 'AKfyA',
      versionNumber: 4,
      description: DEPLOYMENT_DESCRIPTION,
    });
  });

  it('a manifest without a web app: pushes and deploys nothing', async () => {
    const fake = fakeClasp();
    const out = printed();
    expect(await deployWebApp(fake.clasp, { webapp: undefined }, out.print)).toBeNull();
    expect(fake.calls).toEqual([['push', '-f']]);
    expect(out.lines[1]).toMatch(/^Not deployed: dist\/appsscript.json declares no web app/);
  });

  it('a failed push deploys nothing; output that is not JSON is named', async () => {
    const calls: string[][] = [];
    const failing: Clasp = async (args) => {
      calls.push(args);
      throw new Error('"clasp push -f" failed: Could not read API credentials.');
    };
    await expect(deployWebApp(failing, WEB_APP_MANIFEST, () => {})).rejects.toThrow(
      'Could not read API credentials',
    );
    expect(calls).toEqual([['push', '-f']]);

    const noisy: Clasp = async (args) =>
      args[1] === 'deployments' ? 'Fetching deployments...\n[]' : args[0] === 'push' ? '' : 'Oops';
    await expect(deployWebApp(noisy, WEB_APP_MANIFEST, () => {})).rejects.toThrow(
      '"clasp deploy" printed no JSON: Oops',
    );
  });

  it('the URL escapes the deployment id', () => {
    expect(webAppUrl('AKfy/x?y')).toBe('https://script.google.com/macros/s/AKfy%2Fx%3Fy/exec');
  });
});
