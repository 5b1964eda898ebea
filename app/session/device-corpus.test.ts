import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { deviceLabel, parseDevice, type ClientHints } from './device.ts'

type Expected = Partial<
  Record<
    'browserName' | 'browserMajor' | 'osName' | 'osVersion' | 'deviceType' | 'deviceVendor' | 'deviceModel' | 'label',
    string | null
  >
>
type Case = { source: string; ua: string; hints?: Partial<ClientHints>; touchPoints?: number; expect: Expected }

const corpus = JSON.parse(readFileSync(new URL('./fixtures/device-corpus.json', import.meta.url), 'utf8')) as {
  cases: Case[]
}

// Measured when the corpus was built (the misses are ua-parser 1.x's: Silk, the Facebook iPad app,
// Meta Quest). A change that lowers any of these fails; one that raises them should raise the floor.
const FLOORS: Record<keyof Expected, number> = {
  browserName: 1,
  browserMajor: 1,
  osName: 41 / 44,
  osVersion: 1,
  deviceType: 44 / 46,
  deviceVendor: 1,
  deviceModel: 1,
  label: 1,
}

function actualOf(c: Case): Required<Expected> {
  const device = parseDevice(c.ua, c.hints ?? null, c.touchPoints ?? null)
  return {
    browserName: device.browserName,
    browserMajor: device.browserVersion?.match(/^\d+/)?.[0] ?? null,
    osName: device.osName,
    osVersion: device.osVersion,
    deviceType: device.deviceType,
    deviceVendor: device.deviceVendor,
    deviceModel: device.deviceModel,
    label: deviceLabel(device),
  }
}

describe('device corpus', () => {
  test('every case says where it comes from', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(40)
    for (const c of corpus.cases) expect(c.source.length, c.ua).toBeGreaterThan(10)
  })

  test.each(Object.entries(FLOORS))('accuracy of %s stays at or above the measured level', (field, floor) => {
    const key = field as keyof Expected
    const scored = corpus.cases.filter((c) => key in c.expect)
    const misses = scored
      .filter((c) => actualOf(c)[key] !== c.expect[key])
      .map((c) => `${c.expect[key]} ≠ ${actualOf(c)[key]}: ${c.ua}`)
    const accuracy = (scored.length - misses.length) / scored.length
    expect(scored.length).toBeGreaterThan(0)
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(floor - 1e-9)
  })
})
