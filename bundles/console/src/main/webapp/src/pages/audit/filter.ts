// The audit trail's filter: what the form holds and the query of GET /audit.

export interface AuditFilter { subjectType: string; subjectId: string; /** datetime-local value or '' */ from: string }

/** Subject types the core writes (the field is free text; these are offered). */
export const SUBJECT_TYPES = ['alarm', 'device', 'zone', 'site', 'person', 'passage', 'notice', 'shift', 'template',
  'user', 'feature', 'plugin'] as const

export function emptyFilter(): AuditFilter {
  return { subjectType: '', subjectId: '', from: '' }
}

/** The query parameters for GET /audit (from as an ISO instant); a problem key when the form is not valid. */
export function auditQuery(f: AuditFilter): { params: Record<string, string>; problem?: 'badFrom' } {
  const params: Record<string, string> = {}
  const type = f.subjectType.trim()
  const id = f.subjectId.trim()
  if (type) params.subjectType = type
  if (id) params.subjectId = id
  if (f.from) {
    const d = new Date(f.from)
    if (Number.isNaN(d.getTime())) return { params, problem: 'badFrom' }
    params.from = d.toISOString()
  }
  return { params }
}
