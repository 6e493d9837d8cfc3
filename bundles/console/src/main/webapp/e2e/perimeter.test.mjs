// The perimeter arming page end to end: a security guard disarms the demo's north fence with a reason (refused
// without one), sees it disarmed, and arms it back; a teacher sees the zone's arming without any button.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { env, app, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

const ZONE = 'north-fence'
let b
let security
before(async () => {
  b = await browser()
  security = { user: `e2e-fence-${Date.now()}`, password: 'e2e-fence-pass-1' }
  const made = await rest('POST', '/users', env.admin, { name: security.user, password: security.password, roles: ['security'] })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  // start from an armed fence, whatever the schedule says at this hour
  const armed = await rest('POST', `/perimeter/zones/${ZONE}/arm`, env.admin, { reason: 'e2e: start armed' })
  assert.equal(armed.status, 200, JSON.stringify(armed.body))
})
after(async () => { await b?.close() })

test('a security guard disarms the north fence with a reason, sees it disarmed and arms it back', async () => {
  const page = await newPage(b)
  await signIn(page, security)
  await page.click('nav [data-page="perimeter"]')
  const card = page.locator(`[data-test=zone-card][data-zone-id="${ZONE}"]`)
  await card.waitFor()
  const chip = card.locator('[data-test=arming-chip]')
  await until('the armed chip', async () => await chip.getAttribute('data-state') === 'armed')
  assert.match(await chip.innerText(), /已布防/)
  // no reason: refused before sending, the fence stays armed
  await card.locator('[data-test=disarm]').click()
  const form = card.locator('[data-test=disarm-form]')
  await form.locator('[data-test=disarm-confirm]').click()
  await card.locator('[data-test=arming-error]').waitFor()
  assert.equal((await rest('GET', `/perimeter/zones/${ZONE}`, security)).body.armed, true)
  await form.locator('textarea[name=reason]').fill('e2e: 夜间施工，围栏旁有工人')
  await form.locator('[data-test=disarm-confirm]').click()
  await card.locator('[data-test=arming-message]').waitFor()
  await until('the disarmed chip', async () => await chip.getAttribute('data-state') === 'disarmed')
  assert.match(await chip.innerText(), /已撤防/)
  assert.match(await card.locator('[data-test=arming-source]').innerText(), /手动/)
  const disarmed = (await rest('GET', `/perimeter/zones/${ZONE}`, security)).body
  assert.equal(disarmed.armed, false)
  assert.equal(disarmed.source, 'manual')
  await shot(page, 'perimeter-disarmed')
  // and back
  await card.locator('[data-test=arm]').click()
  await until('the armed chip again', async () => await chip.getAttribute('data-state') === 'armed')
  assert.equal((await rest('GET', `/perimeter/zones/${ZONE}`, security)).body.armed, true)
  assert.deepEqual(page.errors.filter(e => !/status of 4\d\d/.test(e)), [])
  await page.context().close()
})

test('a teacher sees the north fence armed, without the buttons', async () => {
  const page = await newPage(b)
  await signIn(page, env.teacher)
  await page.click('nav [data-page="perimeter"]')
  const card = page.locator(`[data-test=zone-card][data-zone-id="${ZONE}"]`)
  await card.waitFor()
  await page.locator('[data-test=read-only]').waitFor()
  assert.equal(await card.locator('[data-test=arming-chip]').getAttribute('data-state'), 'armed')
  assert.equal(await card.locator('[data-test=arming-buttons]').count(), 0)
  assert.equal(await card.locator('[data-test=schedule-edit]').count(), 0)
  await shot(page, 'perimeter-teacher')
  await page.context().close()
})
