/**
 * The installable form-submit trigger: the submitted row first, then anything
 * else due in every followed sheet. A response to a sheet that is not
 * followed is left alone, and the log says why.
 */
import { FormSubmitEvent, relayUnderLock, throwIfMisconfigured } from './relay-under-lock';
import { Services } from './services';
import { WORDS } from './wording';

export function handleFormSubmit(services: Services, event: FormSubmitEvent | undefined): void {
  const startedAt = services.clock.now();
  const range = event && event.range;
  const submitted = range ? range.getSheet() : null;
  const outcome = relayUnderLock(services, {
    origin: 'formSubmit',
    startedAt,
    select: (table, sheet) => {
      const first: number[] = [];
      if (range && submitted && submitted.getSheetId() === sheet.getSheetId()) {
        for (let i = 0; i < range.getNumRows(); i++)
          first.push(range.getRow() + i - table.firstDataRow);
      }
      return { kind: 'due', first };
    },
  });
  if (outcome.kind === 'busy') services.log.log(WORDS.busyFormSubmit);
  if (outcome.kind === 'done' && submitted && outcome.followed.indexOf(submitted.getName()) < 0) {
    services.log.log(WORDS.responseNotFollowed(submitted.getName(), outcome.followed));
  }
  if (outcome.kind === 'done') {
    const held = outcome.report.sheets.filter((s) => s.heldSubmitted > 0)[0];
    if (held) services.log.log(WORDS.responseHeld(held.quietUntil));
  }
  throwIfMisconfigured(outcome);
}
