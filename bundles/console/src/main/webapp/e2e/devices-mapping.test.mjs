// Message mapping on the devices page end to end: an integrator tests a sample payload on a Camel URI device and sees
// the rule and the event it would give (nothing stored), an unmatched payload with its reason, and the counters move
// when a real message arrives through the device's route.
// Set-up as an integrator does it: the device is registered through REST, the feature gatehouse-device-camel is
// installed through REST, and the device's factory cfg is dropped into Karaf's etc/ (GATEHOUSE_KARAF_ETC, set by
// ConsoleE2EIT; by hand: the distribution's etc). The route consumes a folder (Camel's file component, in camel-core):
// no broker needed. The cfg keys follow bundles/device/camel's reference cfg (device.id, uri, format, map.<n>.*).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { env, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

const DEVICE = `e2e-camel-${Date.now()}`
const FEATURE = 'gatehouse-device-camel'
const etc = process.env.GATEHOUSE_KARAF_ETC
const skip = !etc && 'GATEHOUSE_KARAF_ETC is not set (run through ConsoleE2EIT, or set it to the distribution\'s etc)'
let why = null // set when the distribution cannot run these tests
let b
let integrator
let inbox
let cfg
before(async () => {
  if (skip) return
  b = await browser()
  integrator = { user: `e2e-integrator-${Date.now()}`, password: 'e2e-integrator-1' }
  const made = await rest('POST', '/users', env.admin, { name: integrator.user, password: integrator.password, roles: ['integrator'] })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const device = await rest('POST', '/devices', env.admin, { id: DEVICE, siteId: 'demo-school', zoneId: 'north-fence', type: 'fence',
    vendor: 'camel', name: 'E2E fence over Camel (folder)', properties: {} })
  assert.ok([200, 201].includes(device.status), JSON.stringify(device.body))
  const features = await rest('GET', '/plugins/features', env.admin)
  if (!features.body.some?.(f => f.name === FEATURE)) { why = `${FEATURE} is not in this distribution's features`; return }
  const job = await rest('POST', `/plugins/features/${FEATURE}`, env.admin)
  assert.ok([200, 202].includes(job.status), JSON.stringify(job.body))
  inbox = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-camel-'))
  cfg = join(etc, `org.gatehouse.device.camel-${DEVICE}.cfg`)
  writeFileSync(cfg, [
    `device.id = ${DEVICE}`,
    `uri = file:${inbox}?delete=true&initialDelay=200&delay=200`,
    'format = json',
    "map.1.when = $.state == 'alarm'",
    // an event type no alarm rule knows, so that the other tests see no new alarm
    'map.1.type = e2e.camel.message',
    'map.1.severity = info',
    // constants only: Karaf's file install reads ${...} in a .cfg file as its own variables
    'map.1.attr.source = e2e',
    'map.1.zone = north-fence',
    '',
  ].join('\n'))
  // the driver answers once its cfg is read and its route runs (503 no-driver before)
  await until(`the Camel device ${DEVICE}`, async () =>
    (await rest('GET', `/devices/${DEVICE}/mapping`, integrator)).status === 200, 120_000)
})
after(async () => {
  if (cfg && existsSync(cfg)) rmSync(cfg)
  if (inbox) rmSync(inbox, { recursive: true, force: true })
  if (!skip) await rest('DELETE', `/devices/${DEVICE}`, env.admin)
  await b?.close()
})

/** Signs in, opens the devices page and waits for the Camel device's row of the mapping section. */
async function mappingRow(who) {
  const page = await newPage(b)
  await signIn(page, who)
  await page.click('nav [data-page="devices"]')
  const row = page.locator(`[data-test=mapping-row][data-device-id="${DEVICE}"]`)
  await row.waitFor()
  return { page, row }
}

test('an integrator tests a payload on a Camel device and sees the event, stored nowhere', { skip }, async t => {
  if (why) return t.skip(why)
  const { page, row } = await mappingRow(integrator)
  assert.equal((await row.locator('[data-test=mapping-received]').innerText()).trim().split(/\s/)[0], '0')
  await row.locator('[data-test=mapping-test]').click()
  const form = page.locator('[data-test=mapping-test-form]')
  await form.waitFor()
  // nothing typed: refused before sending
  await form.locator('[data-test=mapping-test-run]').click()
  assert.match(await form.locator('[data-test=mapping-test-error]').innerText(), /请填写要测试的消息/)
  // a matching message: the rule and the event
  await form.locator('textarea[name=payload]').fill('{"state":"alarm","sensor":"N-07"}')
  await form.locator('[data-test=mapping-test-run]').click()
  const result = form.locator('[data-test=mapping-test-result]')
  await result.waitFor()
  assert.equal(await result.getAttribute('data-matched'), 'true')
  assert.match(await result.locator('[data-test=mapping-test-rule]').innerText(), /alarm/)
  const event = result.locator('[data-test=mapping-test-event][data-type="e2e.camel.message"]')
  assert.equal(await event.count(), 1)
  assert.match(await event.innerText(), /north-fence/)
  assert.match(await event.innerText(), /source=e2e/)
  await shot(page, 'devices-mapping-test')
  // a message no rule matches: the reason, no event
  await form.locator('textarea[name=payload]').fill('{"state":"ok"}')
  await form.locator('[data-test=mapping-test-run]').click()
  await until('the unmatched result', async () => await result.getAttribute('data-matched') === 'false')
  assert.equal(await result.locator('[data-test=mapping-test-event]').count(), 0)
  // the tests stored nothing and counted nothing
  const events = await rest('GET', `/events?device=${DEVICE}&limit=10`, integrator)
  assert.equal(events.status, 200, JSON.stringify(events.body))
  assert.equal(events.body.items.length, 0, 'a test stores no event')
  assert.equal((await rest('GET', `/devices/${DEVICE}/mapping`, integrator)).body.received, 0)
  await page.locator('.modal [aria-label=close]').click()
  // a mapping device whose driver is not running answers 503 no-driver: shown in its row, not a script error
  assert.deepEqual(page.errors.filter(e => !/status of (4\d\d|503)/.test(e)), [])
  await page.context().close()
})

test('a real message through the route is counted and becomes an event', { skip }, async t => {
  if (why) return t.skip(why)
  writeFileSync(join(inbox, 'msg-1.json'), '{"state":"alarm","sensor":"N-08"}')
  const event = await until('the event of the dropped message', async () => {
    const r = await rest('GET', `/events?device=${DEVICE}&limit=10`, integrator)
    return r.body.items?.find(e => e.type === 'e2e.camel.message')
  }, 60_000)
  assert.equal(event.zoneId, 'north-fence')
  assert.equal(event.attributes?.source, 'e2e')
  writeFileSync(join(inbox, 'msg-2.json'), '{"state":"ok"}')
  await until('two messages counted', async () =>
    (await rest('GET', `/devices/${DEVICE}/mapping`, integrator)).body.received >= 2, 60_000)
  const { page, row } = await mappingRow(integrator)
  assert.equal((await row.locator('[data-test=mapping-received]').innerText()).trim().split(/\s/)[0], '2')
  assert.equal((await row.locator('[data-test=mapping-mapped]').innerText()).trim().split(/\s/)[0], '1')
  assert.equal((await row.locator('[data-test=mapping-unmatched]').innerText()).trim(), '1')
  assert.equal(await row.locator('[data-test=mapping-health]').getAttribute('class'), 'badge warn')
  await shot(page, 'devices-mapping-stats')
  await page.context().close()
})

test('a security guard sees the counters but cannot test a message', { skip }, async t => {
  if (why) return t.skip(why)
  const guard = { user: `e2e-guard-map-${Date.now()}`, password: 'e2e-guard-map-1' }
  assert.equal((await rest('POST', '/users', env.admin, { name: guard.user, password: guard.password, roles: ['security'] })).status, 201)
  const { page, row } = await mappingRow(guard)
  assert.equal(await row.locator('[data-test=mapping-test]').count(), 0)
  const refused = await rest('POST', `/devices/${DEVICE}/test`, guard, { payload: '{"state":"alarm"}' })
  assert.equal(refused.status, 403)
  await page.context().close()
})
