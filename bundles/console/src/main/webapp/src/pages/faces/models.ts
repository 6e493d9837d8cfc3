// The face models as GET /faces/models gives them: the active set and its licence line, the sets, and each model file
// with its source, licence and checksum; the rule for the licence warning.

export interface ModelSet { id: string; description?: string | null; licence?: string | null; default: boolean }
export interface ModelFile {
  file: string; role: string; set: string; source?: string | null; sha256?: string | null; licence?: string | null
  note?: string | null; installed: boolean; sha256Ok: boolean; active: boolean
}
export interface FaceModels { activeSet: string; activeLicence?: string | null; sets: ModelSet[]; files: ModelFile[] }

/** A licence nobody could establish: missing, blank, or "unknown" (any case, also inside an SPDX-like expression). */
export function unknownLicence(licence: string | null | undefined): boolean {
  const l = (licence ?? '').trim().toLowerCase()
  return l === '' || /(^|[^a-z])unknown([^a-z]|$)/.test(l) || l === 'noassertion'
}

/**
 * The licence warning: the active model files whose licence is unknown. Any such file means the product cannot say
 * that the active models may be deployed commercially, so the page shows the licence line as a warning.
 */
export function licenceWarning(m: FaceModels | null | undefined): ModelFile[] {
  return (m?.files ?? []).filter(f => f.active && unknownLicence(f.licence))
}

/** Active files whose installed copy is missing or does not match its pinned sha256. */
export function integrityProblems(m: FaceModels | null | undefined): ModelFile[] {
  return (m?.files ?? []).filter(f => f.active && (!f.installed || !f.sha256Ok))
}

const ROLES = ['detector', 'keypoints', 'landmarks', 'embedding']

/** Files of the active set first, then by set, then in pipeline order (detector, key points, landmarks, embedding). */
export function sortFiles(m: FaceModels | null | undefined): ModelFile[] {
  const role = (r: string) => { const i = ROLES.indexOf(r); return i < 0 ? ROLES.length : i }
  return [...(m?.files ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.set.localeCompare(b.set)
    || role(a.role) - role(b.role) || a.file.localeCompare(b.file))
}

/** The default set's id, or null when the server names none. */
export function defaultSet(m: FaceModels | null | undefined): string | null {
  return m?.sets.find(s => s.default)?.id ?? null
}

/** The sha256 shortened for a cell: first 12 hex digits. */
export function shortSha(sha: string | null | undefined): string {
  return sha ? (sha.length > 12 ? `${sha.slice(0, 12)}…` : sha) : '—'
}
