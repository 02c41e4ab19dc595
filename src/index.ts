// Apps Script surface: filled in by the foundation work.
function onOpen(): void {
  SpreadsheetApp.getUi().createMenu('Chat Relay').addToUi();
}
