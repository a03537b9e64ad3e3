import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: importing it costs about as much CPU as the rest of the server's
 * start-up modules together, and most processes never read or write a spreadsheet.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
