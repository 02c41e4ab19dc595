/** The installable form-submit trigger: the submitted row first, then anything else due. */
import { FormSubmitEvent, relayUnderLock, throwIfMisconfigured } from './relay-under-lock';
import { Services } from './services';
import { WORDS } from './wording';

export function handleFormSubmit(services: Services, event: FormSubmitEvent | undefined): void {
  const range = event && event.range;
  const outcome = relayUnderLock(services, {
    origin: 'formSubmit',
    pickSheet: () => (range ? range.getSheet() : null),
    select: (table) => {
      const first: number[] = [];
      if (range && range.getSheet().getSheetId() === table.sheet.getSheetId()) {
        for (let i = 0; i < range.getNumRows(); i++)
          first.push(range.getRow() + i - table.firstDataRow);
      }
      return { kind: 'due', first };
    },
  });
  if (outcome.kind === 'busy') services.log.log(WORDS.busyFormSubmit);
  throwIfMisconfigured(outcome);
}
