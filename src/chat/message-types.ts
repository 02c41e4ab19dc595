/**
 * The subset of the Chat API v1 `Message` resource that a webhook may send.
 *
 * Derived from the discovery document (schemas `Message`, `Thread`, `CardWithId` and
 * `GoogleAppsCardV1*`). Only input fields are modelled: output-only fields (`sender`,
 * `createTime`, `annotations`...) and add-on-only features (actions, inputs, footers) are left
 * out, because a webhook cannot use them and Chat rejects or ignores them.
 */

/** The `messageReplyOption` query parameter of `spaces.messages.create`. */
export type ReplyOption = 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' | 'REPLY_MESSAGE_OR_FAIL';

/** `Thread`: `threadKey` (up to 4000 characters) starts or continues a webhook thread. */
export interface ThreadRef {
  threadKey?: string;
  name?: string;
}

/** `Message`, input fields a webhook uses. At least one of `text` or `cardsV2` is required. */
export interface ChatMessage {
  text?: string;
  cardsV2?: CardWithId[];
  fallbackText?: string;
  thread?: ThreadRef;
}

/** `CardWithId`. `cardId` is required when the message holds more than one card. */
export interface CardWithId {
  cardId?: string;
  card: Card;
}

/** `GoogleAppsCardV1Card`. */
export interface Card {
  header?: CardHeader;
  sections?: Section[];
  name?: string;
}

/** `GoogleAppsCardV1CardHeader`. */
export interface CardHeader {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  imageType?: 'SQUARE' | 'CIRCLE';
  imageAltText?: string;
}

/** `GoogleAppsCardV1Section`. A section must contain at least one widget. */
export interface Section {
  header?: string;
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
  widgets: Widget[];
}

/** `GoogleAppsCardV1Widget`: exactly one of the supported widget kinds. */
export type Widget =
  | { decoratedText: DecoratedText }
  | { textParagraph: TextParagraph }
  | { buttonList: ButtonList }
  | { image: Image }
  | { divider: Divider };

/** `GoogleAppsCardV1DecoratedText`. `text` supports simple HTML: escape untrusted values. */
export interface DecoratedText {
  text: string;
  topLabel?: string;
  bottomLabel?: string;
  wrapText?: boolean;
  startIcon?: Icon;
  endIcon?: Icon;
  button?: Button;
  onClick?: OnClick;
}

/** `GoogleAppsCardV1TextParagraph`. Rendered as HTML unless `textSyntax` says otherwise. */
export interface TextParagraph {
  text: string;
  maxLines?: number;
  textSyntax?: 'HTML' | 'MARKDOWN';
}

/** `GoogleAppsCardV1ButtonList`. */
export interface ButtonList {
  buttons: Button[];
}

/** `GoogleAppsCardV1Button`. Webhooks are one-way, so the only useful action is `openLink`. */
export interface Button {
  text?: string;
  icon?: Icon;
  onClick: OnClick;
  altText?: string;
  disabled?: boolean;
  type?: 'OUTLINED' | 'FILLED' | 'FILLED_TONAL' | 'BORDERLESS';
  color?: Color;
}

/** `GoogleAppsCardV1OnClick`, restricted to `openLink`. */
export interface OnClick {
  openLink: OpenLink;
}

/** `GoogleAppsCardV1OpenLink`. */
export interface OpenLink {
  url: string;
}

/** `GoogleAppsCardV1Icon`: a built-in `knownIcon` (e.g. `EMAIL`) or an HTTPS `iconUrl`. */
export interface Icon {
  knownIcon?: string;
  iconUrl?: string;
  altText?: string;
  imageType?: 'SQUARE' | 'CIRCLE';
}

/** `GoogleAppsCardV1Image`. */
export interface Image {
  imageUrl: string;
  altText?: string;
  onClick?: OnClick;
}

/** `GoogleAppsCardV1Divider`: always the empty object `{}`. */
export type Divider = Record<string, never>;

/** `Color`: RGBA fractions in [0, 1]. */
export interface Color {
  red?: number;
  green?: number;
  blue?: number;
  alpha?: number;
}
