/**
 * The Apps Script surface of Chat Relay: the entry points, one line each,
 * every one delegating to the ChatRelay_ namespace (src/app/namespace.ts).
 * The bundle's global scope holds exactly these functions and ChatRelay_;
 * nothing runs at load time. This file is formatted by hand (.prettierignore).
 */
import { ChatRelay_ } from './app/namespace';
import type { FormSubmitEvent } from './app/relay-under-lock';

function onOpen(_e?: unknown): void { ChatRelay_.onOpen(); }
function sendPendingRows(): void { ChatRelay_.sendPendingRows(); }
function sendSelectedRows(): void { ChatRelay_.sendSelectedRows(); }
function markAllRowsSent(): void { ChatRelay_.markAllRowsSent(); }
function testWebhooks(): void { ChatRelay_.testWebhooks(); }
function installTriggers(): void { ChatRelay_.installTriggers(); }
function removeTriggers(): void { ChatRelay_.removeTriggers(); }
function runScheduled(_e?: unknown): void { ChatRelay_.runScheduled(); }
function handleFormSubmit(e?: FormSubmitEvent): void { ChatRelay_.handleFormSubmit(e); }
