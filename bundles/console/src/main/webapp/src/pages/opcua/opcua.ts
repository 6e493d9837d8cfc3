// The OPC UA page's logic: the server's status and client certificates as GET /opcua/status and /opcua/certificates
// give them (bundles/api opcua.OpcUaStatus, OpcUaCertificate), thumbprints for people, validity and the actions a
// certificate offers.

export type CertState = 'OWN' | 'TRUSTED' | 'REJECTED'
export interface OpcUaCertificate {
  thumbprint: string; subject: string; applicationUri?: string | null; validFrom?: string | null; validTo?: string | null
  state: CertState
}
export interface OpcUaSession { id: string; user: string; roles: string[]; securityPolicy: string; client: string; since: string }
export interface OpcUaStatus {
  endpoints: string[]; securityPolicies: string[]; anonymous: boolean; applicationUri: string
  certificate: OpcUaCertificate | null; sessions: OpcUaSession[]; monitoredItems: number; retainedConditions: number
  namespaceUri: string
}
export type CertAction = 'trust' | 'reject' | 'remove'

/** Upper-case hex without separators (the server's form), whatever the input's colons, spaces or case. */
export function normalThumbprint(t: string | null | undefined): string {
  return (t ?? '').replace(/[^0-9a-fA-F]/g, '').toUpperCase()
}

/** The thumbprint in pairs with colons, as certificate viewers show it: AB:CD:EF:... */
export function fullThumbprint(t: string | null | undefined): string {
  return normalThumbprint(t).match(/.{1,2}/g)?.join(':') ?? ''
}

/** The thumbprint shortened for a table cell: the first and last `n` hex digits around an ellipsis. */
export function shortThumbprint(t: string | null | undefined, n = 8): string {
  const h = normalThumbprint(t)
  return h.length <= 2 * n + 1 ? h : `${h.slice(0, n)}…${h.slice(-n)}`
}

export type Validity = 'valid' | 'expired' | 'notYet' | 'expiring' | 'unknown'

/** Whether a certificate is valid at `now`; 'expiring' within `soonDays` of its end. */
export function validity(c: Pick<OpcUaCertificate, 'validFrom' | 'validTo'>, now = new Date(), soonDays = 30): Validity {
  const from = c.validFrom ? Date.parse(c.validFrom) : NaN
  const to = c.validTo ? Date.parse(c.validTo) : NaN
  if (Number.isNaN(to)) return 'unknown'
  if (!Number.isNaN(from) && now.getTime() < from) return 'notYet'
  if (now.getTime() > to) return 'expired'
  return to - now.getTime() < soonDays * 86_400_000 ? 'expiring' : 'valid'
}

/** The badge class of a validity. */
export function validityClass(v: Validity): string {
  return v === 'valid' ? 'ok' : v === 'expiring' ? 'warn' : v === 'unknown' ? '' : 'bad'
}

/** The badge class of a certificate's state: trusted is good, rejected waits for a decision. */
export function stateClass(s: CertState): string {
  return s === 'TRUSTED' ? 'ok' : s === 'REJECTED' ? 'warn' : ''
}

/** What can be done with a certificate: trust a rejected one, reject a trusted one, remove either. */
export function actionsFor(c: Pick<OpcUaCertificate, 'state'>): CertAction[] {
  if (c.state === 'REJECTED') return ['trust', 'remove']
  if (c.state === 'TRUSTED') return ['reject', 'remove']
  return []
}

/** The REST call of an action: method and path. */
export function actionCall(a: CertAction, thumbprint: string): { method: 'POST' | 'DELETE'; path: string } {
  const base = `/opcua/certificates/${encodeURIComponent(normalThumbprint(thumbprint))}`
  return a === 'remove' ? { method: 'DELETE', path: base } : { method: 'POST', path: `${base}/${a}` }
}

/** Rejected certificates first (they wait for a decision), then trusted; newest validity start first within each. */
export function sortCertificates(list: OpcUaCertificate[]): OpcUaCertificate[] {
  const rank = (s: CertState) => (s === 'REJECTED' ? 0 : s === 'TRUSTED' ? 1 : 2)
  const t = (c: OpcUaCertificate) => (c.validFrom ? Date.parse(c.validFrom) || 0 : 0)
  return [...list].sort((a, b) => rank(a.state) - rank(b.state) || t(b) - t(a) || a.thumbprint.localeCompare(b.thumbprint))
}

/** A certificate's list with one replaced (after trust/reject) or removed (after remove, `next` null). */
export function replaceCertificate(list: OpcUaCertificate[], thumbprint: string, next: OpcUaCertificate | null): OpcUaCertificate[] {
  const key = normalThumbprint(thumbprint)
  const rest = list.filter(c => normalThumbprint(c.thumbprint) !== key)
  return sortCertificates(next ? [...rest, next] : rest)
}

/** The endpoint a client should use first: a secure policy's endpoint is the same URL, so the first non-loopback one, else the first. */
export function preferredEndpoint(endpoints: string[]): string | null {
  return endpoints.find(e => !/\/\/(127\.|localhost|\[::1\])/.test(e)) ?? endpoints[0] ?? null
}

/** Whether a policy list offers the unsecured policy None. */
export function offersNone(policies: string[]): boolean {
  return policies.some(p => p === 'None' || p.startsWith('None/'))
}

/**
 * Whether a refusal means that the OPC UA server is not installed: 503 opcua-not-installed, or the REST API's generic
 * 503 service-unavailable naming the OpcUaServerAdmin service.
 */
export function notInstalled(e: { status: number; code: string; message?: string } | null | undefined): boolean {
  if (!e || e.status !== 503) return false
  return e.code === 'opcua-not-installed' || (e.code === 'service-unavailable' && /OpcUa/i.test(e.message ?? ''))
}
