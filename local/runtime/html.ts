/**
 * HtmlService.createHtmlOutput and the HtmlOutput it returns, for sidebars
 * and dialogs (SpreadsheetApp.getUi().showSidebar / showModalDialog record
 * what they show in runtime.ui.dialogs) and web app pages (what doGet
 * returns: its title, meta tags, favicon and X-Frame-Options mode, which the
 * local web app server puts in the page it serves; see webapp.ts).
 * Templates are not implemented.
 */
import escapeHtml from 'escape-html';
import { exception } from './errors';
import { enumOf, type EnumValue } from './triggers';

export const XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');
/** setSandboxMode has no effect in Apps Script any more; the enum is still there. */
export const SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');

/** The only meta tags addMetaTag accepts (Apps Script ignores those written in the HTML itself). */
export const META_TAG_NAMES = [
  'apple-mobile-web-app-capable',
  'mobile-web-app-capable',
  'viewport',
];

export const HTML_API = {
  HtmlService: ['createHtmlOutput', 'XFrameOptionsMode', 'SandboxMode'],
  HtmlOutputMetaTag: ['getName', 'getContent'],
  HtmlOutput: [
    'addMetaTag',
    'getMetaTags',
    'getFaviconUrl',
    'setFaviconUrl',
    'setXFrameOptionsMode',
    'setSandboxMode',
    'getContent',
    'setContent',
    'append',
    'appendUntrusted',
    'clear',
    'getTitle',
    'setTitle',
    'getWidth',
    'setWidth',
    'getHeight',
    'setHeight',
  ],
} as const;

function sizeArg(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw exception(
      `The parameters (${typeof value}) don't match the method signature for HtmlService.HtmlOutput.set${name}.`,
    );
  }
  return Math.trunc(value);
}

export class HtmlOutputMetaTagFake {
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {}

  getName(): string {
    return this.name;
  }

  getContent(): string {
    return this.content;
  }
}

export class HtmlOutputFake {
  private content: string;
  private title = '';
  private readonly metaTags: HtmlOutputMetaTagFake[] = [];
  private faviconUrl: string | null = null;
  /** The X-Frame-Options mode a web app page is served with (DEFAULT: no framing by other sites). */
  xFrameOptionsMode: EnumValue = XFrameOptionsMode.DEFAULT;
  /** The initial size of a dialog; null until set (Apps Script documents no default). */
  private width: number | null = null;
  private height: number | null = null;

  constructor(html = '') {
    this.content = html;
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): HtmlOutputFake {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): HtmlOutputFake {
    this.content += String(addedContent);
    return this;
  }

  /** Appends text with HTML escaping, as contextual escaping does for text content. */
  appendUntrusted(addedContent: string): HtmlOutputFake {
    this.content += escapeHtml(String(addedContent));
    return this;
  }

  clear(): HtmlOutputFake {
    this.content = '';
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): HtmlOutputFake {
    this.title = String(title);
    return this;
  }

  addMetaTag(name: string, content: string): HtmlOutputFake {
    const tag = String(name);
    if (!META_TAG_NAMES.includes(tag)) {
      throw exception(
        `Invalid argument: name. The meta tag "${tag}" is not allowed; only ${META_TAG_NAMES.join(', ')} are.`,
      );
    }
    this.metaTags.push(new HtmlOutputMetaTagFake(tag, String(content)));
    return this;
  }

  getMetaTags(): HtmlOutputMetaTagFake[] {
    return [...this.metaTags];
  }

  getFaviconUrl(): string | null {
    return this.faviconUrl;
  }

  setFaviconUrl(iconUrl: string): HtmlOutputFake {
    this.faviconUrl = String(iconUrl);
    return this;
  }

  setXFrameOptionsMode(mode: EnumValue): HtmlOutputFake {
    if (mode !== XFrameOptionsMode.ALLOWALL && mode !== XFrameOptionsMode.DEFAULT) {
      throw exception(
        `The parameters (${typeof mode}) don't match the method signature for HtmlService.HtmlOutput.setXFrameOptionsMode.`,
      );
    }
    this.xFrameOptionsMode = mode;
    return this;
  }

  /** No effect, as in Apps Script (every page is sandboxed in an IFRAME). */
  setSandboxMode(mode: EnumValue): HtmlOutputFake {
    void mode;
    return this;
  }

  getWidth(): number | null {
    return this.width;
  }

  setWidth(width: number): HtmlOutputFake {
    this.width = sizeArg(width, 'Width');
    return this;
  }

  getHeight(): number | null {
    return this.height;
  }

  setHeight(height: number): HtmlOutputFake {
    this.height = sizeArg(height, 'Height');
    return this;
  }
}

export class HtmlServiceFake {
  readonly XFrameOptionsMode = XFrameOptionsMode;
  readonly SandboxMode = SandboxMode;

  createHtmlOutput(html?: unknown): HtmlOutputFake {
    if (html !== undefined && typeof html !== 'string') {
      throw new Error('Local runtime: HtmlService.createHtmlOutput(Blob) is not implemented');
    }
    return new HtmlOutputFake(html ?? '');
  }
}
