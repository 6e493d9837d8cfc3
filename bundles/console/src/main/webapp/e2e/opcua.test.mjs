// The OPC UA server page end to end: before the feature is installed the page says how to install it (503
// opcua-not-installed in words); with gatehouse-opcua installed an admin sees the endpoint, the policies and the
// certificates, and trusts a rejected client certificate when there is one (after checking the full thumbprint in the
// confirmation). The rejected certificate comes from an untrusted OPC UA client: npm node-opcua (the itests' client.js,
// paths in GATEHOUSE_OPCUA_CLIENT and GATEHOUSE_NODE_OPCUA, set by ConsoleE2EIT) connects with SignAndEncrypt and
// its own new certificate, and is refused.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { env, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

/** An untrusted client connects with its own new certificate (and is refused): the server keeps it as REJECTED. */
function untrustedClientConnects(endpoint) {
  const client = process.env.GATEHOUSE_OPCUA_CLIENT
  const modules = process.env.GATEHOUSE_NODE_OPCUA
  if (!client || !modules) return false
  const pki = mkdtempSync(join(tmpdir(), 'e2e-opcua-pki-'))
  const r = spawnSync('node', [client, endpoint, 'read', 'nodes=Counters/OpenAlarms', 'security=SignAndEncrypt',
    `pki=${pki}`], { env: { ...process.env, NODE_PATH: modules }, encoding: 'utf8', timeout: 120_000 })
  const line = (r.stdout || '').trim().split('\n').pop()
  assert.ok(line.startsWith('{'), `node-opcua printed JSON: ${r.stdout} ${r.stderr}`)
  assert.equal(JSON.parse(line).ok, false, `an untrusted certificate was accepted: ${line}`)
  return true
}

const FEATURE = 'gatehouse-opcua'
let b
let installedHere = false
before(async () => { b = await browser() })
after(async () => {
  // leave the container as it was for the other tests
  if (installedHere) await rest('DELETE', `/plugins/features/${FEATURE}`, env.admin)
  await b?.close()
})

async function openPage(page) {
  await signIn(page, env.admin)
  await page.click('nav [data-page="opcua"]')
  await page.locator('[data-test=opcua-status]').waitFor()
}

test('without the feature the page explains how to install it; with it the admin sees an endpoint', async t => {
  const first = await rest('GET', '/opcua/status', env.admin)
  if (first.status === 404) return t.skip('this server has no /opcua resource (built without the OPC UA server)')
  if (first.status === 503) {
    assert.ok(['opcua-not-installed', 'service-unavailable'].includes(first.body.error), JSON.stringify(first.body))
    const page = await newPage(b)
    await openPage(page)
    const refusal = page.locator('[data-test=opcua-status] [data-test=refusal]')
    await refusal.waitFor()
    assert.match(await refusal.innerText(), /gatehouse-opcua/)
    assert.equal(await page.locator('[data-test=opcua-certificates]').count(), 0, 'no empty tables under the explanation')
    await shot(page, 'opcua-not-installed')
    await page.context().close()
    const features = await rest('GET', '/plugins/features', env.admin)
    if (!features.body.some?.(f => f.name === FEATURE)) return t.skip(`${FEATURE} is not in this distribution's features`)
    const job = await rest('POST', `/plugins/features/${FEATURE}`, env.admin)
    assert.ok([200, 202].includes(job.status), JSON.stringify(job.body))
    installedHere = true
  } else {
    assert.equal(first.status, 200, JSON.stringify(first.body))
  }
  const status = await until('GET /opcua/status to answer 200', async () => {
    const r = await rest('GET', '/opcua/status', env.admin)
    return r.status === 200 && r.body.endpoints?.length > 0 && r.body
  }, 120_000)

  const page = await newPage(b)
  await openPage(page)
  const endpoint = page.locator('[data-test=opcua-endpoint]').first()
  await endpoint.waitFor()
  assert.match(await endpoint.innerText(), /opc\.tcp:\/\//)
  assert.ok((await page.locator('[data-test=opcua-endpoints]').innerText()).includes(status.endpoints[0]))
  assert.ok(await page.locator('[data-test=opcua-policy]').count() >= 1, 'the policies are listed')
  assert.match(await page.locator('[data-test=opcua-howto]').innerText(), /opc\.tcp:\/\//)
  if (status.certificate) {
    // the server's thumbprint in full, in pairs
    assert.match(await page.locator('[data-test=opcua-server-cert]').innerText(), /([0-9A-F]{2}:){19}[0-9A-F]{2}/)
  }
  await page.locator('[data-test=opcua-certificates], [data-test=opcua-status] ~ .panel .state.empty').first().waitFor()
  await shot(page, 'opcua-status')
  assert.deepEqual(page.errors.filter(e => !/status of (4\d\d|503)/.test(e)), [])
  await page.context().close()
})

test('an admin trusts a rejected client certificate after checking its thumbprint', async t => {
  const list = await rest('GET', '/opcua/certificates', env.admin)
  if (list.status !== 200) return t.skip(`GET /opcua/certificates answered ${list.status}`)
  let rejected = list.body.find(c => c.state === 'REJECTED')
  if (!rejected) {
    const status = await rest('GET', '/opcua/status', env.admin)
    assert.equal(status.status, 200, JSON.stringify(status.body))
    if (!untrustedClientConnects(status.body.endpoints[0])) {
      return t.skip('no rejected certificate on the server, and no node-opcua client to make one (GATEHOUSE_OPCUA_CLIENT)')
    }
    rejected = await until('the refused client\'s certificate listed as REJECTED', async () => {
      const r = await rest('GET', '/opcua/certificates', env.admin)
      return r.body.find?.(c => c.state === 'REJECTED')
    }, 30_000)
  }
  const page = await newPage(b)
  await openPage(page)
  const row = page.locator(`[data-test=opcua-cert][data-thumbprint="${rejected.thumbprint}"]`)
  await row.waitFor()
  assert.equal(await row.getAttribute('data-state'), 'REJECTED')
  assert.match(await row.locator('[data-test=cert-state]').innerText(), /已拒绝/)
  // the cell shows a short thumbprint, the tooltip the full one
  assert.ok((await row.locator('[data-test=cert-thumbprint]').innerText()).includes('…'))
  await row.locator('[data-test=cert-trust]').click()
  const confirm = page.locator('[data-test=cert-confirm]')
  await confirm.waitFor()
  const full = (await confirm.locator('[data-test=cert-confirm-thumbprint]').innerText()).replace(/:/g, '')
  assert.equal(full, rejected.thumbprint)
  await confirm.locator('[data-test=cert-confirm-ok]').click()
  await page.locator('[data-test=cert-message]').waitFor()
  await until('the trusted chip', async () => await page.locator(
    `[data-test=opcua-cert][data-thumbprint="${rejected.thumbprint}"]`).getAttribute('data-state') === 'TRUSTED')
  const after = await rest('GET', '/opcua/certificates', env.admin)
  assert.equal(after.body.find(c => c.thumbprint === rejected.thumbprint)?.state, 'TRUSTED')
  await shot(page, 'opcua-trusted')
  // back as it was
  assert.equal((await rest('POST', `/opcua/certificates/${rejected.thumbprint}/reject`, env.admin)).status, 200)
  assert.equal((await rest('POST', '/opcua/certificates/0000000000000000000000000000000000000000/trust', env.admin)).status, 404)
  await page.context().close()
})
