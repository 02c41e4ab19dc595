/**
 * The sidebar's state: what settingsLoad returned, the configuration as the
 * form edits it, and what the page shows (errors, fallbacks, busy calls).
 */
import type {
  BudgetState,
  LoadResult,
  MaskedWebhook,
  SettingsError,
  SheetFallback,
  TriggerOwners,
  TriggerState,
} from '../types';
import { FormState, configObject, formFrom } from './form';

export interface PreviewTarget {
  sheet: string;
  row: number;
}

export interface SidebarState extends FormState {
  load: LoadResult | null;
  /** The JSON text as typed, while it is not a JSON object the form can show. */
  jsonOverride: string | null;
  savedJson: string;
  savedMinutes: number;
  webhooks: MaskedWebhook[];
  triggers: TriggerState | null;
  /** The measured time per run, and what each period costs of the daily trigger budget. */
  budget: BudgetState | null;
  /** Who installed the relay's triggers (any editor). */
  owners: TriggerOwners | null;
  errors: SettingsError[];
  fallbacks: SheetFallback[];
  /** Server calls under way that hold the buttons. */
  busy: number;
  /** The row previewed last (null: the row under the cursor). */
  preview: PreviewTarget | null;
  previewShown: boolean;
  validateTimer: number | undefined;
  validateSeq: number;
}

export const S: SidebarState = {
  load: null,
  scheduleMinutes: 5,
  auto: true,
  entries: [],
  top: {},
  people: [],
  jsonOverride: null,
  savedJson: '',
  savedMinutes: 5,
  webhooks: [],
  triggers: null,
  budget: null,
  owners: null,
  errors: [],
  fallbacks: [],
  busy: 0,
  preview: null,
  previewShown: false,
  validateTimer: undefined,
  validateSeq: 0,
};

/** What settingsLoad returned (the page shows nothing else before it). */
export function loaded(): LoadResult {
  if (!S.load) throw new Error('The settings are not loaded yet.');
  return S.load;
}

/** The configuration as it stands: the JSON text typed by hand, else the form's. */
export function configJson(): string {
  return S.jsonOverride !== null ? S.jsonOverride : JSON.stringify(configObject(S));
}

/** Whether the configuration differs from the saved one. */
export function dirty(): boolean {
  return configJson() !== S.savedJson;
}

/** The form takes that configuration (a JSON object; anything else: every default). */
export function setForm(config: unknown): void {
  Object.assign(S, formFrom(config, loaded().defaults.scheduleMinutes));
}
