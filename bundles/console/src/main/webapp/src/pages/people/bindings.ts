// Guardian bindings as the person page reads them: a student's guardians, or a guardian's children.
import { api, ApiError } from '../../api'
import { loadPersons } from '../../util/person'

export interface GuardianBinding { guardianId: string; studentId: string; relation?: string | null;
  preferredChannel?: string | null; consent: boolean }

/** Students checked one by one at most when the server cannot list a guardian's children itself. */
const SCAN_LIMIT = 300

/**
 * A guardian's children: GET /persons/{id}/children where the server has it; otherwise (404 not-found, an older
 * server) the guardians of every student are read, for a school of up to SCAN_LIMIT students.
 */
export async function childrenOf(guardianId: string): Promise<GuardianBinding[]> {
  try {
    return await api.get<GuardianBinding[]>(`/persons/${encodeURIComponent(guardianId)}/children`)
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404 || e.code !== 'not-found') throw e
  }
  const students = await loadPersons('STUDENT')
  if (students.length > SCAN_LIMIT) {
    throw new ApiError(404, 'not-found', `the server cannot list a guardian's children (GET /persons/{id}/children)`)
  }
  const out: GuardianBinding[] = []
  for (let i = 0; i < students.length; i += 6) {
    const lists = await Promise.all(students.slice(i, i + 6).map(s =>
      api.get<GuardianBinding[]>(`/persons/${encodeURIComponent(s.id)}/guardians`)))
    for (const l of lists) out.push(...l.filter(b => b.guardianId === guardianId))
  }
  return out
}
