import { describe, expect, test } from 'vitest'
import { csvCell, csvRow } from './csv.ts'

describe('csvCell', () => {
  test('plain values stay as they are; null is empty', () => {
    expect(csvCell('sign-in')).toBe('sign-in')
    expect(csvCell(42)).toBe('42')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006Z')
  })

  test('quotes, commas and newlines are quoted, quotes doubled', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"')
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"')
    expect(csvCell('{"by":"admin","count":2}')).toBe('"{""by"":""admin"",""count"":2}"')
  })

  test.each(['=', '+', '-', '@', '\t', '\r'])('a cell starting with %j cannot become a formula', (start) => {
    const cell = csvCell(`${start}HYPERLINK("http://evil.example")`)
    expect(cell.replace(/^"/, '').startsWith(`'${start}`)).toBe(true)
  })

  test('neutralising and quoting together', () => {
    expect(csvCell('=1+2,3')).toBe(`"'=1+2,3"`)
    expect(csvCell('-cmd|" /C calc"!A0')).toBe(`"'-cmd|"" /C calc""!A0"`)
  })
})

test('csvRow joins cells and ends with CRLF', () => {
  expect(csvRow(['a', 'b,c', null, 3])).toBe('a,"b,c",,3\r\n')
})
