/**
 * HtmlService.createHtmlOutput and the HtmlOutput it returns, for sidebars
 * and dialogs (SpreadsheetApp.getUi().showSidebar / showModalDialog record
 * what they show in runtime.ui.dialogs). Templates are not implemented.
 */
import escapeHtml from 'escape-html';
import { exception } from './errors';

export const HTML_API = {
  HtmlService: ['createHtmlOutput'],
  HtmlOutput: [
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

export class HtmlOutputFake {
  private content: string;
  private title = '';
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
  createHtmlOutput(html?: unknown): HtmlOutputFake {
    if (html !== undefined && typeof html !== 'string') {
      throw new Error('Local runtime: HtmlService.createHtmlOutput(Blob) is not implemented');
    }
    return new HtmlOutputFake(html ?? '');
  }
}
