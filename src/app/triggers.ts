/**
 * Installs and removes Chat Relay's own triggers, idempotently. Triggers of
 * other handler functions are never touched.
 */
import { SpreadsheetLike, TriggerLike, TriggerService } from './ports';

export const SCHEDULED_HANDLER = 'runScheduled';
export const FORM_HANDLER = 'handleFormSubmit';

function ours(service: TriggerService, handler: string, eventType: unknown): TriggerLike[] {
  return service
    .getProjectTriggers()
    .filter(
      (t) => t.getHandlerFunction() === handler && String(t.getEventType()) === String(eventType),
    );
}

/**
 * Leaves exactly one time-driven trigger for runScheduled (re-created, so a
 * new scheduleMinutes takes effect) and, when a followed sheet is a form's,
 * exactly one form-submit trigger for handleFormSubmit on `spreadsheet` (the
 * active one, passed as the object: forSpreadsheet(SpreadsheetApp.getActive())).
 * Returns what it did, for the user.
 */
export function installRelayTriggers(
  service: TriggerService,
  spreadsheet: SpreadsheetLike,
  scheduleMinutes: number,
  formSheets: string[],
): string[] {
  const report: string[] = [];
  const clocks = ours(service, SCHEDULED_HANDLER, service.EventType.CLOCK);
  clocks.forEach((t) => service.deleteTrigger(t));
  service.newTrigger(SCHEDULED_HANDLER).timeBased().everyMinutes(scheduleMinutes).create();
  report.push(
    `${clocks.length ? 'Replaced the' : 'Installed a'} time-driven trigger: ${SCHEDULED_HANDLER} every ${scheduleMinutes} minute${scheduleMinutes === 1 ? '' : 's'}.`,
  );

  const forms = ours(service, FORM_HANDLER, service.EventType.ON_FORM_SUBMIT);
  if (formSheets.length) {
    forms.slice(1).forEach((t) => service.deleteTrigger(t));
    if (forms.length) {
      report.push(`The form-submit trigger for ${FORM_HANDLER} was already installed.`);
    } else {
      service.newTrigger(FORM_HANDLER).forSpreadsheet(spreadsheet).onFormSubmit().create();
      report.push(
        `Installed a form-submit trigger: ${FORM_HANDLER} relays each response to ${formSheets.map((f) => `"${f}"`).join(', ')} at once.`,
      );
    }
  } else {
    forms.forEach((t) => service.deleteTrigger(t));
    report.push(
      "No followed sheet is a form's, so no form-submit trigger was installed. Link a form (or follow its sheet) and install again to relay responses at once.",
    );
  }
  return report;
}

/** Removes Chat Relay's triggers only. Returns how many were removed. */
export function removeRelayTriggers(service: TriggerService): number {
  const mine = service.getProjectTriggers().filter((t) => {
    const handler = t.getHandlerFunction();
    return handler === SCHEDULED_HANDLER || handler === FORM_HANDLER;
  });
  mine.forEach((t) => service.deleteTrigger(t));
  return mine.length;
}
