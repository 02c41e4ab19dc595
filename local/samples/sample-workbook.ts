/**
 * The sample workbook `npm start` plays its story on: a "Tickets" sheet
 * (two rows share the key T-2, one title carries an emoji, amounts in euros,
 * due dates with a date format) and the "Form Responses 1" sheet of a linked
 * Google Form with one earlier response (the sheet's form URL makes the relay
 * follow it, and Install triggers adds a form-submit trigger). Built in code, so nothing binary is
 * committed; `npm start -- --write-sample FILE.xlsx` saves it as a workbook.
 */
import { Workbook } from '../runtime';

export const SAMPLE_FORM_URL = 'https://docs.google.com/forms/d/e/1FAIpQLSd-local-sample/viewform';
export const TICKETS_SHEET = 'Tickets';
export const FORM_SHEET = 'Form Responses 1';

const EUR = '[$€]#,##0.00';
const DAY = 'ddd, d mmm yyyy';
const day = (month: number, date: number) => new Date(Date.UTC(2026, month - 1, date));

export const TICKET_ROWS: unknown[][] = [
  ['ID', 'Title', 'Priority', 'Amount', 'Due date', 'Owner', 'Status'],
  ['T-1', 'Printer on fire 🔥', 'High', 1234.5, day(3, 2), 'ana@example.com', 'In progress'],
  ['T-2', 'Coffee machine descaling', 'Low', 35, day(3, 9), 'bob@example.com', 'Done'],
  ['T-3', 'Badge reader at door B', 'Medium', 420, day(3, 4), 'chen@example.com', 'In progress'],
  ['T-2', 'Coffee machine: order filters', 'Low', 12.9, '', 'bob@example.com', 'Done'],
  ['T-4', 'VPN drops every hour', 'High', 0, day(3, 3), 'dana@example.com', 'New'],
  ['T-5', 'Laptop for the new starter', 'Medium', 1899, day(3, 16), '', 'In progress'],
];

export const FORM_ROWS: unknown[][] = [
  ['Timestamp', 'Email Address', 'Request'],
  [new Date(Date.UTC(2026, 1, 27, 16, 5, 12)), 'yuki@example.com', 'A second monitor, please'],
];

/** A fresh copy of the sample workbook (time zone Etc/UTC, a form linked to its second sheet). */
export function sampleWorkbook(): Workbook {
  // Spreadsheet.getFormUrl() is the form of the first sheet that has one: Form Responses 1's.
  const wb = new Workbook({ name: 'Chat Relay sample' });
  wb.addSheet(
    TICKETS_SHEET,
    TICKET_ROWS,
    TICKET_ROWS.map((_, r) => (r === 0 ? [] : [null, null, null, EUR, DAY, null, null])),
    { frozenRows: 1 },
  );
  wb.addSheet(
    FORM_SHEET,
    FORM_ROWS,
    FORM_ROWS.map((_, r) => (r === 0 ? [] : ['M/d/yyyy H:mm:ss'])),
    { frozenRows: 1, formUrl: SAMPLE_FORM_URL },
  );
  return wb;
}
