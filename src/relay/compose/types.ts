/**
 * What the relay asks the composer for: one row's message, as data. The
 * composer (compose/index.ts) turns it into the Chat message as sent, as a
 * card (the default) or as text, with the thread the relay gives it.
 */
import { Template } from '../../config/template';

/** A field of the row: its label (the header, or "Column C") and its display value. */
export interface Field {
  label: string;
  value: string;
}

/** A field that changed: its value as last delivered and now ('' is empty). */
export interface Change {
  label: string;
  before: string;
  after: string;
}

/** A person who confirmed an action from a button in Chat, as a message names them. */
export interface ActedFrom {
  /** The action's label ("Claim"). */
  action: string;
  /** Their e-mail address. */
  user: string;
}

/**
 * What a message is about. Its `fields` are the row's non-empty data fields (key excluded, in
 * sheet order): the composer shows those the context's `shown` lists, in that order. Its
 * `changes` are shown as given (the relay picks and orders them).
 */
export type RowMessage = RowMessageKind & {
  /** The changes are those of an action confirmed from Chat: its line says who acted. */
  actedFrom?: ActedFrom;
};

/** The kinds of message, each with what it shows. */
type RowMessageKind =
  /** A row never sent before: every shown field. */
  | { kind: 'new'; fields: Field[] }
  /** A row sent from the menu again ("Send selected rows"): every shown field, marked as re-sent. */
  | { kind: 'resend'; fields: Field[] }
  /** An update whose previous values were too large to keep: every shown field, as it is now. */
  | { kind: 'changed'; fields: Field[] }
  /** An update: the changed fields, old → new. */
  | { kind: 'update'; changes: Change[] }
  /** The row's route moved it to this space: every shown field, plus what moved it. */
  | { kind: 'moved-in'; fields: Field[]; changes: Change[] }
  /** A one-line notice in the thread the row left: where it went and what moved it. */
  | { kind: 'moved-out'; destination: string; changes: Change[] };

/** A button that opens the confirmation page of an action for the row (built and signed by the app). */
export interface ActionButton {
  /** The action's label: the button's text. */
  label: string;
  url: string;
}

/** Everything about the row and the sheet that a message may show. */
export interface MessageContext {
  format: 'card' | 'text';
  /** The sheet's name, and the spreadsheet's. */
  sheet: string;
  spreadsheet: string;
  /** The key column's label and the row's key value now. */
  key: Field;
  /** Every non-empty data field of the row now, key excluded, in sheet order (default title). */
  allFields: Field[];
  /**
   * The columns a message shows of the row's fields, in order (`columns`): the key only if
   * listed, at its place. Null: the key, then every field given.
   */
  shown: string[] | null;
  /** The 1-based sheet row, for {{_row}} (as it stood when the message was built). */
  rowNumber: number;
  /** Spreadsheet URL + `#gid=<sheetId>&range=<row's range>`, or null when unknown. */
  rowLink: string | null;
  /** The title and subtitle templates; null: the defaults. */
  title: Template | null;
  subtitle: Template | null;
  /** The display value of a column named by a {{Header}} placeholder (already bound to the sheet). */
  placeholder(name: string): string;
  /**
   * Mentions to add, from the configuration or the people directory only: "all" or
   * "users/<numeric id>".
   */
  mentions: string[];
  /**
   * A line naming the people a `{{Column}}` mention could not ping ("Owner ana@example.com has
   * no Chat ID in People"): it holds cell values, so it is neutralised; '' or absent for none.
   * It goes with the mentions, above the card (in a text message, under them).
   */
  mentionNote?: string;
  /**
   * The buttons of the row's actions whose `when` holds, beside "Open in Sheets" (a card) or on
   * a line of links (text); absent or [] for none. Their URLs come from the app, never from a
   * cell.
   */
  actions?: ActionButton[];
  /**
   * The `thread.threadKey` the message goes to (null: none). It is part of the body as sent,
   * so the composer sizes the body with it.
   */
  threadKey: string | null;
}
