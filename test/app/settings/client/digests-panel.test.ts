/**
 * A sheet's digests in the sidebar's form (src/app/settings/client/digests-panel.ts): read from
 * the configuration, written back as it takes them, and shown with each field at its path.
 */
import {
  digestsFrom,
  digestsHtml,
  digestsJson,
  newDigest,
} from '../../../../src/app/settings/client/digests-panel';
import { configObject, formFrom } from '../../../../src/app/settings/client/form';

const PLACE = { a: 'entries.0.', p: 'sheets[0].', labels: ['Status', 'Due'], sheet: 'Tickets' };

describe('the digests in the form', () => {
  it('keeps a digest through the form, defaults left out, unknown keys kept', () => {
    const digest = {
      name: 'Open this morning',
      at: '09:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      when: [{ column: 'Due', before: 'today' }],
      webhook: 'OPS',
      mention: ['users/1', '{{Owner}}'],
      ifEmpty: 'post',
      future: 1,
    };
    expect(digestsJson(digestsFrom([digest]))).toEqual([digest]);
    const config = { digests: [{ name: 'All', at: '18:00', ifEmpty: 'skip', days: [] }] };
    expect(configObject(formFrom(config, 5))).toEqual({
      scheduleMinutes: 5,
      digests: [{ name: 'All', at: '18:00' }],
    });
  });

  it('writes the days checked in the week’s order, and none for every day', () => {
    const d = newDigest();
    d.days = ['fri', 'mon'];
    expect(digestsJson([d])[0].days).toEqual(['mon', 'fri']);
    d.days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    expect(digestsJson([d])[0]).not.toHaveProperty('days');
    d.days = ['monday'];
    expect(digestsJson([d])[0].days).toEqual(['monday']);
  });

  it('shows each field at its configuration path, the date operators offered, and a preview button', () => {
    const d = newDigest();
    d.when = [{ column: 'Due', op: 'before', value: 'today' }];
    const html = digestsHtml([d], PLACE, [['default', 'default']]);
    [
      'sheets[0].digests[0].at',
      'sheets[0].digests[0].when[0].before',
      'sheets[0].digests[0].ifEmpty',
    ].forEach((path) => expect(html).toContain(`data-path="${path}"`));
    expect(html).toContain('data-bind="entries.0.digests.0.name"');
    expect(html).toContain('<option value="before" selected>is a date before</option>');
    expect(html).toContain(
      'data-preview-digest="entries.0.digests" data-index="0" data-sheet="Tickets"',
    );
    expect(html).toContain('data-action="add-digest" data-list="entries.0.digests"');
  });

  it('keeps a digests value of another shape for the check to name', () => {
    expect(configObject(formFrom({ digests: 'daily' }, 5))).toEqual({
      scheduleMinutes: 5,
      digests: 'daily',
    });
  });
});
