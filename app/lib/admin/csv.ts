// CSV for the audit export (RFC 4180), safe to open in a spreadsheet.

// A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
// Sheets ("=HYPERLINK(…)", "+cmd|…", "@SUM(…)"); tab and carriage return start them too.
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: formula starts neutralised with a leading apostrophe, then quoted if needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = value instanceof Date ? value.toISOString() : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One line, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
