import { expect, test } from '@playwright/test'
import { Client, signUp } from './support/http.ts'

// Location comes from the address TRUST_PROXY lets through (the socket's, by default).
test('a spoofed X-Forwarded-For moves nobody: a loopback sign-in is the local network', async () => {
  const client = new Client(undefined, { 'X-Forwarded-For': '193.99.144.80' })
  await signUp(client)
  const html = await (await client.get('/devices')).text()
  expect(html).toContain('Local network')
  expect(html).not.toContain('Germany')
  expect(html).toContain('IP geolocation by DB-IP')
})
