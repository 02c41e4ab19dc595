/**
 * The script as a web app: who may open it, who it runs as, and the event
 * its doGet(e) receives, as Apps Script documents them
 * (developers.google.com/apps-script/guides/web; the manifest's `webapp`
 * section; Session.getActiveUser).
 *
 * - A deployment has a URL (what ScriptApp.getService().getUrl() returns),
 *   the user who deployed it, `executeAs` (USER_DEPLOYING: every execution
 *   runs under the deployer's authority; USER_ACCESSING: under the
 *   visitor's) and `access` (MYSELF, DOMAIN, ANYONE, ANYONE_ANONYMOUS).
 * - A visitor Apps Script does not let in never reaches doGet: not signed in
 *   (every access but ANYONE_ANONYMOUS sends them to Google's sign-in page),
 *   another Workspace domain than the deployer's for DOMAIN, anyone but the
 *   deployer for MYSELF. Locally that is a `refused` response.
 * - Executing as the deployer, Session.getActiveUser().getEmail() is the
 *   visitor's address only when they are of the deployer's Workspace domain
 *   (or are the deployer); otherwise, and for an anonymous visitor, it is ''.
 *   Session.getEffectiveUser() is the deployer. Executing as the visitor,
 *   both are the visitor.
 * - doGet(e) gets {queryString, parameter, parameters, contextPath: '',
 *   contentLength: -1} (and pathInfo for a path after the URL): `parameter`
 *   holds the first value of each name, `parameters` all of them; the query
 *   string is decoded as a form (`+` is a space), and queryString is null
 *   when the URL has none.
 */

export type WebAppAccess = 'MYSELF' | 'DOMAIN' | 'ANYONE' | 'ANYONE_ANONYMOUS';
export type WebAppExecuteAs = 'USER_DEPLOYING' | 'USER_ACCESSING';

export const WEB_APP_ACCESS: readonly WebAppAccess[] = [
  'MYSELF',
  'DOMAIN',
  'ANYONE',
  'ANYONE_ANONYMOUS',
];
export const WEB_APP_EXECUTE_AS: readonly WebAppExecuteAs[] = ['USER_DEPLOYING', 'USER_ACCESSING'];

export interface WebAppDeployment {
  /** Where it is served: ScriptApp.getService().getUrl(). */
  url: string;
  /** Default USER_DEPLOYING (the manifest's webapp.executeAs). */
  executeAs?: WebAppExecuteAs;
  /** Default DOMAIN (the manifest's webapp.access). */
  access?: WebAppAccess;
  /** Who deployed it; default the runtime's user (its userEmail option). */
  deployedBy?: string;
}

/** The users of one web app execution, as Session reports them. */
export interface WebAppIdentity {
  /** Session.getActiveUser().getEmail(): '' when Apps Script does not say. */
  activeUser: string;
  /** Session.getEffectiveUser().getEmail(): whose authority the script runs under. */
  effectiveUser: string;
}

export type Admission =
  | { admitted: true; identity: WebAppIdentity }
  | { admitted: false; status: 401 | 403; reason: string };

/** The Workspace domain of an address, lower-cased ('' for none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether Apps Script lets `visitor` (null: not signed in) into a deployment
 * made by `deployer`, and who the execution then runs as.
 */
export function admitVisitor(
  deployment: Pick<WebAppDeployment, 'access' | 'executeAs'>,
  deployer: string,
  visitor: string | null,
): Admission {
  const access = deployment.access ?? 'DOMAIN';
  const executeAs = deployment.executeAs ?? 'USER_DEPLOYING';
  if (visitor === null && (access !== 'ANYONE_ANONYMOUS' || executeAs === 'USER_ACCESSING')) {
    return {
      admitted: false,
      status: 401,
      reason: 'Sign in: this web app is only for signed-in Google accounts.',
    };
  }
  const domain = domainOf(deployer);
  const ofDomain = visitor !== null && domain !== '' && domainOf(visitor) === domain;
  if (access === 'MYSELF' && !(visitor !== null && sameUser(visitor, deployer))) {
    return {
      admitted: false,
      status: 403,
      reason: `You need access: only ${deployer}, who deployed this web app, may open it.`,
    };
  }
  if (access === 'DOMAIN' && !ofDomain) {
    return {
      admitted: false,
      status: 403,
      reason: `You need access: this web app is only for users of ${domain || "the deployer's domain"} (signed in as ${visitor}).`,
    };
  }
  if (executeAs === 'USER_ACCESSING') {
    return {
      admitted: true,
      identity: { activeUser: visitor ?? '', effectiveUser: visitor ?? '' },
    };
  }
  const known = visitor !== null && (ofDomain || sameUser(visitor, deployer));
  return {
    admitted: true,
    identity: { activeUser: known ? (visitor as string) : '', effectiveUser: deployer },
  };
}

/** The event object of doGet(e). */
export interface DoGetEvent {
  queryString: string | null;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  contextPath: '';
  contentLength: -1;
  pathInfo?: string;
}

/** A query string from parameters (a list gives the name once per value), in the order given. */
export function queryStringOf(parameters: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, v);
  }
  return search.toString();
}

/** doGet's `e` for a request whose query string is `queryString` (without "?"; null: none). */
export function doGetEvent(queryString: string | null, pathInfo?: string): DoGetEvent {
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(queryString ?? '')) {
    if (!(name in parameters)) {
      parameters[name] = [];
      parameter[name] = value;
    }
    parameters[name].push(value);
  }
  return {
    queryString: queryString === null || queryString === '' ? null : queryString,
    parameter,
    parameters,
    contextPath: '',
    contentLength: -1,
    ...(pathInfo ? { pathInfo } : {}),
  };
}

/** What a browser gets for a GET of the web app. */
export type WebAppResponse =
  | {
      kind: 'page';
      status: 200;
      /** HtmlOutput.getTitle() ('' when unset). */
      title: string;
      /** HtmlOutput.getContent(). */
      html: string;
      metaTags: Array<{ name: string; content: string }>;
      faviconUrl: string | null;
      /** DEFAULT: the page may not be framed by another site (X-Frame-Options); ALLOWALL: it may. */
      xFrameOptions: 'DEFAULT' | 'ALLOWALL';
      identity: WebAppIdentity;
    }
  /** Apps Script's own page: the web app is not deployed, or the visitor is not let in. */
  | { kind: 'refused'; status: 401 | 403 | 404; message: string }
  /** Apps Script's error page: doGet threw, is missing, or returned something else than a page. */
  | { kind: 'error'; status: 500; message: string };

/** Which web app, if any, a manifest declares (its `webapp` section), served at `url`. */
export function webAppOfManifest(
  manifest: { webapp?: { executeAs?: unknown; access?: unknown } },
  url: string,
): WebAppDeployment | null {
  const section = manifest.webapp;
  if (!section) return null;
  const executeAs = WEB_APP_EXECUTE_AS.find((v) => v === section.executeAs) ?? 'USER_DEPLOYING';
  const access = WEB_APP_ACCESS.find((v) => v === section.access) ?? 'MYSELF';
  return { url, executeAs, access };
}
