/**
 * The count of Apps Script method calls made on a workbook (by "Class.method"),
 * with the cells read and written. Workbook, FakeSheet and FakeRange all count
 * into their workbook's one CallCounter.
 */
export class CallCounter {
  total = 0;
  byMethod: Record<string, number> = {};
  cellsRead = 0;
  cellsWritten = 0;

  count(method: string): void {
    this.total++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    this.byMethod = {};
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
}
