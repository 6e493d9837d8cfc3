// The danger zones page end to end: a security guard creates the rule of the demo's chemical store through the form
// (a bad fold time is refused first) with an allowed window and an allowed staff member, and sees it listed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { env, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

const ZONE = 'chem-store'
let b
let security
let previous = null
before(async () => {
  b = await browser()
  security = { user: `e2e-danger-${Date.now()}`, password: 'e2e-danger-pass-1' }
  const made = await rest('POST', '/users', env.admin, { name: security.user, password: security.password, roles: ['security'] })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  // the form creates rules for zones without one: keep a rule the demo may have made, and put it back afterwards
  const had = await rest('GET', `/danger-zones/${ZONE}`, env.admin)
  if (had.status === 200) {
    previous = had.body
    assert.equal((await rest('DELETE', `/danger-zones/${ZONE}`, env.admin)).status < 300, true)
  }
})
after(async () => {
  await rest('DELETE', `/danger-zones/${ZONE}`, env.admin)
  if (previous) {
    const { zoneId, ...body } = previous
    await rest('PUT', `/danger-zones/${zoneId}`, env.admin, body)
  }
  await b?.close()
})

test('a security guard creates the rule of the chemical store', async () => {
  const page = await newPage(b)
  await signIn(page, security)
  await page.click('nav [data-page="danger-zones"]')
  await page.click('[data-test=danger-new]')
  const form = page.locator('[data-test=danger-form]')
  await form.locator('select[name=zoneId]').selectOption(ZONE)
  await form.locator('select[name=kind]').selectOption('CHEMICAL_STORE')
  await form.locator('select[name=severity]').selectOption('CRITICAL')
  await form.locator('[data-test=allowed-windows-add]').click()
  const w = form.locator('[data-test=allowed-windows-row]').first()
  await w.locator('select[name=daysMode]').selectOption('school')
  await w.locator('input[name=from]').fill('08:00')
  await w.locator('input[name=to]').fill('17:00')
  await form.locator('[data-test=allowed-person-search]').fill('staff-li')
  await form.locator('[data-test=allowed-person-hit][data-person-id="staff-li"]').click()
  await form.locator('[data-test=allowed-persons] [data-person-id="staff-li"]').waitFor()
  // a fold time of 0 is refused before sending
  await form.locator('input[name=foldMinutes]').fill('0')
  await form.locator('[data-test=danger-save]').click()
  await form.locator('[data-test=danger-error]').waitFor()
  assert.equal((await rest('GET', `/danger-zones/${ZONE}`, security)).status, 404)
  await form.locator('input[name=foldMinutes]').fill('15')
  await form.locator('[data-test=danger-save]').click()
  await page.locator('[data-test=danger-message]').waitFor()
  const row = page.locator(`[data-test=danger-row][data-zone-id="${ZONE}"]`)
  await row.waitFor()
  assert.match(await row.innerText(), /化学品库/)
  assert.match(await row.innerText(), /08:00–17:00/)
  const saved = await until('the rule in the API', async () => {
    const r = await rest('GET', `/danger-zones/${ZONE}`, security)
    return r.status === 200 && r.body
  })
  assert.equal(saved.kind, 'CHEMICAL_STORE')
  assert.equal(saved.severity, 'CRITICAL')
  assert.equal(saved.foldMinutes, 15)
  assert.deepEqual(saved.allowedPersons, ['staff-li'])
  assert.equal(saved.allowed.length, 1)
  assert.equal(saved.allowed[0].days, 'school')
  assert.match(saved.allowed[0].from, /^08:00/)
  await shot(page, 'danger-zones')
  await page.context().close()
})
