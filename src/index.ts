/**
 * The Apps Script surface of Chat Relay: the entry points, one line each,
 * every one delegating to the ChatRelay_ namespace (src/app/namespace.ts).
 * The bundle's global scope holds exactly these functions and ChatRelay_;
 * nothing runs at load time. This file is formatted by hand (.prettierignore).
 */
import { ChatRelay_ } from './app/namespace';
import type { FormSubmitEvent } from './app/relay-under-lock';
import type * as S from './app/settings/types';
import type * as A from './app/actions/types';

function onOpen(_e?: unknown): void { ChatRelay_.onOpen(); }
function sendPendingRows(): void { ChatRelay_.sendPendingRows(); }
function sendSelectedRows(): void { ChatRelay_.sendSelectedRows(); }
function markAllRowsSent(): void { ChatRelay_.markAllRowsSent(); }
function testWebhooks(): void { ChatRelay_.testWebhooks(); }
function installTriggers(): void { ChatRelay_.installTriggers(); }
function removeTriggers(): void { ChatRelay_.removeTriggers(); }
function runScheduled(_e?: unknown): void { ChatRelay_.runScheduled(); }
function handleFormSubmit(e?: FormSubmitEvent): void { ChatRelay_.handleFormSubmit(e); }

// The Settings sidebar (menu → Settings…) and its server functions, called by google.script.run.
function openSettings(): void { ChatRelay_.openSettings(); }
function settingsLoad(): S.LoadResult | S.Failure { return ChatRelay_.settingsLoad(); }
function settingsSave(configJson: string): S.SaveResult { return ChatRelay_.settingsSave(configJson); }
function settingsSetWebhook(name: string, url: string, replace: boolean): S.SetWebhookResult { return ChatRelay_.settingsSetWebhook(name, url, replace); }
function settingsRemoveWebhook(name: string): S.RemoveWebhookResult { return ChatRelay_.settingsRemoveWebhook(name); }
function settingsTestWebhook(name: string): S.TestWebhookResult { return ChatRelay_.settingsTestWebhook(name); }
function settingsPreview(configJson: string, sheetName: string | null, rowNumber: number | null): S.PreviewResult { return ChatRelay_.settingsPreview(configJson, sheetName, rowNumber); }
function settingsPreviewDigest(configJson: string, sheetName: string, digestName: string): S.DigestPreviewResult { return ChatRelay_.settingsPreviewDigest(configJson, sheetName, digestName); }
function settingsPreviewReminders(configJson: string, sheetName: string | null, rowNumber: number | null): S.RemindersPreviewResult { return ChatRelay_.settingsPreviewReminders(configJson, sheetName, rowNumber); }
function settingsInstallTriggers(): S.TriggersResult { return ChatRelay_.settingsInstallTriggers(); }
function settingsRemoveTriggers(): S.TriggersResult { return ChatRelay_.settingsRemoveTriggers(); }
function settingsCountRowsToMark(): S.MarkCountResult { return ChatRelay_.settingsCountRowsToMark(); }
function settingsMarkAllRowsSent(): S.MarkResult { return ChatRelay_.settingsMarkAllRowsSent(); }
function settingsReplaceActionSecret(): S.ReplaceSecretResult { return ChatRelay_.settingsReplaceActionSecret(); }

// The web app (an action's button in Chat opens doGet's page; its Confirm button calls actionConfirm).
function doGet(e?: A.WebAppEvent): GoogleAppsScript.HTML.HtmlOutput { return ChatRelay_.doGet(e); }
function actionConfirm(params: unknown): A.ConfirmResult { return ChatRelay_.actionConfirm(params); }
