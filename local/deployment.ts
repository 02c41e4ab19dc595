/**
 * `npm run deploy`: builds the bundle (the npm script), pushes it with clasp
 * and creates or updates ONE web app deployment of the project, the one
 * whose description is DEPLOYMENT_DESCRIPTION, then prints its URL (the
 * address a card's action buttons link to; the relay itself finds it with
 * ScriptApp.getService().getUrl()).
 *
 * - `clasp push -f` first, always (as `npm run deploy` did before the web app).
 * - When dist/appsscript.json declares no web app (its `webapp` section),
 *   nothing is deployed: a deployment without one has no URL to link to.
 * - `clasp --json deployments` lists the deployments; the one described
 *   DEPLOYMENT_DESCRIPTION is updated (`clasp --json deploy -i ID -d …`,
 *   which creates a new version and points the deployment at it, so its URL
 *   and every link already in Chat stay valid); when there is none, one is
 *   created (`clasp --json deploy -d …`). The head deployment (@HEAD, no
 *   version) is never touched. Several with that description (made by hand):
 *   the newest version's is updated and the others are named, to remove.
 *
 * The decisions are here, in planDeployment and deployWebApp, which take
 * clasp as a function (test/local/deployment.test.ts runs them against a
 * fake clasp); local/deploy.ts runs them with the repository's clasp.
 */

/** The description that marks the relay's web app deployment. */
export const DEPLOYMENT_DESCRIPTION = 'Chat Relay web app';

/** Runs clasp with these arguments and answers its standard output; throws when it fails. */
export type Clasp = (args: string[]) => Promise<string>;

/** A deployment as `clasp --json deployments` lists it. */
export interface ListedDeployment {
  deploymentId: string;
  /** Absent (or null) for the head deployment. */
  versionNumber?: number | null;
  description?: string | null;
}

export type DeploymentPlan =
  | { kind: 'create' }
  | { kind: 'update'; deploymentId: string; versionNumber: number; others: string[] };

/** What to do, given the project's deployments: update the described one, else create it. */
export function planDeployment(
  deployments: readonly ListedDeployment[],
  description: string = DEPLOYMENT_DESCRIPTION,
): DeploymentPlan {
  const ours = deployments
    .filter((d) => typeof d.versionNumber === 'number' && d.description === description)
    .sort((a, b) => (b.versionNumber as number) - (a.versionNumber as number));
  if (!ours.length) return { kind: 'create' };
  const [newest, ...others] = ours;
  return {
    kind: 'update',
    deploymentId: newest.deploymentId,
    versionNumber: newest.versionNumber as number,
    others: others.map((d) => d.deploymentId),
  };
}

/** The address of a web app deployment. */
export function webAppUrl(deploymentId: string): string {
  return `https://script.google.com/macros/s/${encodeURIComponent(deploymentId)}/exec`;
}

/** The JSON value clasp printed (its output may start with other lines). */
function claspJson(command: string, stdout: string): unknown {
  const start = stdout.search(/^[[{]/m);
  try {
    if (start < 0) throw new Error('no JSON');
    return JSON.parse(stdout.slice(start));
  } catch {
    throw new Error(`"clasp ${command}" printed no JSON: ${stdout.trim() || '(nothing)'}`);
  }
}

function listedDeployments(stdout: string): ListedDeployment[] {
  const value = claspJson('deployments', stdout);
  if (!Array.isArray(value)) throw new Error('"clasp deployments" did not print a list');
  return value.filter(
    (d): d is ListedDeployment =>
      !!d && typeof d === 'object' && typeof (d as ListedDeployment).deploymentId === 'string',
  );
}

export interface DeployResult {
  deploymentId: string;
  url: string;
  /** The version the deployment serves now. */
  versionNumber: number | null;
  created: boolean;
}

/**
 * Pushes, then creates or updates the web app deployment; answers it, or null
 * when the manifest declares no web app (pushed, nothing deployed).
 */
export async function deployWebApp(
  clasp: Clasp,
  manifest: { webapp?: unknown },
  print: (line: string) => void,
  description: string = DEPLOYMENT_DESCRIPTION,
): Promise<DeployResult | null> {
  await clasp(['push', '-f']);
  print('Pushed dist/ (clasp push -f).');
  if (!manifest.webapp) {
    print(
      'Not deployed: dist/appsscript.json declares no web app (its "webapp" section), so there is no URL to link to.',
    );
    return null;
  }
  const plan = planDeployment(
    listedDeployments(await clasp(['--json', 'deployments'])),
    description,
  );
  const args = ['--json', 'deploy', '--description', description];
  if (plan.kind === 'update') args.push('--deploymentId', plan.deploymentId);
  const deployed = claspJson('deploy', await clasp(args)) as {
    deploymentId?: unknown;
    versionNumber?: unknown;
  };
  const deploymentId =
    typeof deployed?.deploymentId === 'string'
      ? deployed.deploymentId
      : plan.kind === 'update'
        ? plan.deploymentId
        : null;
  if (!deploymentId) throw new Error('"clasp deploy" did not say which deployment it created');
  const versionNumber = typeof deployed.versionNumber === 'number' ? deployed.versionNumber : null;
  const version = versionNumber === null ? '' : ` (version ${versionNumber})`;
  print(
    plan.kind === 'update'
      ? `Updated the web app deployment "${description}" ${deploymentId}${version}: its URL is unchanged.`
      : `Created the web app deployment "${description}" ${deploymentId}${version}.`,
  );
  for (const other of plan.kind === 'update' ? plan.others : []) {
    print(
      `  Another deployment is described "${description}" too: ${other} (left as it is; remove it with "npx clasp undeploy ${other}").`,
    );
  }
  const url = webAppUrl(deploymentId);
  print(`Web app: ${url}`);
  return { deploymentId, url, versionNumber, created: plan.kind === 'create' };
}
