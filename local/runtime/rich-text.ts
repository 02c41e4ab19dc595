/**
 * SpreadsheetApp's Rich Text values, links only (no text styles):
 * newRichTextValue().setText(t).setLinkUrl(url).build(), or
 * setLinkUrl(start, end, url) for part of the text. A run is the longest
 * substring with one link (or none). Offsets are 0-based, the end exclusive.
 */
import { exception } from './errors';

export interface RichRun {
  start: number;
  end: number;
  link: string | null;
}

/** What a cell stores besides its text value. */
export interface RichText {
  text: string;
  runs: RichRun[];
}

export const RICH_TEXT_API = {
  RichTextValue: ['getText', 'getLinkUrl', 'getRuns', 'getStartIndex', 'getEndIndex', 'copy'],
  RichTextValueBuilder: ['setText', 'setLinkUrl', 'build'],
} as const;

/** Merges neighbouring runs with the same link and drops empty ones. */
function normalize(runs: RichRun[]): RichRun[] {
  const out: RichRun[] = [];
  for (const run of runs) {
    if (run.end <= run.start) continue;
    const last = out[out.length - 1];
    if (last && last.link === run.link && last.end === run.start) last.end = run.end;
    else out.push({ ...run });
  }
  return out;
}

/** The one link of the runs overlapping [start, end), or null if none or several differ. */
function linkOver(runs: RichRun[], start: number, end: number): string | null {
  const links = runs.filter((r) => r.start < end && r.end > start).map((r) => r.link);
  if (links.length === 0 || links.some((l) => l !== links[0])) return null;
  return links[0];
}

function offsetArg(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw exception(`Invalid argument: ${name}`);
  }
  return value;
}

export class RichTextValueFake {
  /** The cell's text and runs; this value is the part from `start` to `end`. */
  constructor(
    readonly rich: RichText,
    readonly start = 0,
    readonly end = rich.text.length,
  ) {}

  /** A plain text value: one run, no link. */
  static plain(text: string): RichTextValueFake {
    return new RichTextValueFake({
      text,
      runs: normalize([{ start: 0, end: text.length, link: null }]),
    });
  }

  getText(): string {
    return this.rich.text.slice(this.start, this.end);
  }

  getStartIndex(): number {
    return this.start;
  }

  getEndIndex(): number {
    return this.end;
  }

  getLinkUrl(startOffset?: number, endOffset?: number): string | null {
    if (startOffset === undefined) return linkOver(this.rich.runs, this.start, this.end);
    const length = this.end - this.start;
    const s = offsetArg(startOffset, 'startOffset', length);
    const e = offsetArg(endOffset, 'endOffset', length);
    if (e <= s) throw exception('Invalid argument: endOffset');
    return linkOver(this.rich.runs, this.start + s, this.start + e);
  }

  getRuns(): RichTextValueFake[] {
    return this.rich.runs
      .filter((r) => r.start < this.end && r.end > this.start)
      .map(
        (r) =>
          new RichTextValueFake(
            this.rich,
            Math.max(r.start, this.start),
            Math.min(r.end, this.end),
          ),
      );
  }

  copy(): RichTextValueBuilderFake {
    const text = this.getText();
    const runs = this.getRuns().map((r) => ({
      start: r.start - this.start,
      end: r.end - this.start,
      link: r.getLinkUrl(),
    }));
    return new RichTextValueBuilderFake({ text, runs });
  }
}

export class RichTextValueBuilderFake {
  private text: string;
  private runs: RichRun[];

  constructor(initial: RichText = { text: '', runs: [] }) {
    this.text = initial.text;
    this.runs = initial.runs.map((r) => ({ ...r }));
  }

  /** Sets the text and clears every link. */
  setText(text: string): RichTextValueBuilderFake {
    if (typeof text !== 'string') throw exception('Invalid argument: text');
    this.text = text;
    this.runs = normalize([{ start: 0, end: text.length, link: null }]);
    return this;
  }

  /** setLinkUrl(linkUrl) for the whole text, or setLinkUrl(startOffset, endOffset, linkUrl); null clears. */
  setLinkUrl(...args: unknown[]): RichTextValueBuilderFake {
    const whole = args.length === 1;
    const start = whole ? 0 : offsetArg(args[0], 'startOffset', this.text.length);
    const end = whole ? this.text.length : offsetArg(args[1], 'endOffset', this.text.length);
    if (!whole && end <= start) throw exception('Invalid argument: endOffset');
    const url = whole ? args[0] : args[2];
    const link = url === null || url === undefined || url === '' ? null : String(url);
    const pieces: RichRun[] = [];
    for (const r of this.runs) {
      if (r.start < start)
        pieces.push({ start: r.start, end: Math.min(r.end, start), link: r.link });
      if (r.end > end) pieces.push({ start: Math.max(r.start, end), end: r.end, link: r.link });
    }
    pieces.push({ start, end, link });
    this.runs = normalize(pieces.sort((a, b) => a.start - b.start));
    return this;
  }

  build(): RichTextValueFake {
    return new RichTextValueFake({ text: this.text, runs: this.runs.map((r) => ({ ...r })) });
  }
}

/** The stored form of a value: null when it has no link at all (a plain string cell). */
export function richTextOf(value: RichTextValueFake): { text: string; rich: RichText | null } {
  const text = value.getText();
  const runs = value.getRuns().map((r) => ({
    start: r.getStartIndex() - value.start,
    end: r.getEndIndex() - value.start,
    link: r.getLinkUrl(),
  }));
  return { text, rich: runs.some((r) => r.link !== null) ? { text, runs } : null };
}
