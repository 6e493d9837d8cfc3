// Who looks at the visitors pages: the guard room (security; admin has every role) and the staff person a teacher's
// account is linked to (the host of its visits).
import { can, session } from '../../session'
import type { Viewer } from '../../util/visit'

export function viewer(): Viewer {
  return { security: can(['security']), personId: session.me?.person?.id ?? null }
}
