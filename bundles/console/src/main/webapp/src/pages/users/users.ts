// Sign-in users (GET/POST/PUT/DELETE /users, admin only): the roles a user may have, the checks the server makes
// before it writes etc/users.properties, and its refusal codes as message keys.
import { ApiError } from '../../api'

export interface UserView { name: string; roles: string[]; groups?: string[]; personId: string | null; personName: string | null }

/** The roles a user may be given, in the order of the checkboxes. */
export const USER_ROLES = ['admin', 'security', 'teacher', 'guardian', 'integrator', 'device'] as const

/** The roles the console assigns, and the others a user has through Karaf (kept as they are, shown as-is). */
export function splitRoles(roles: readonly string[]): { known: string[]; other: string[] } {
  const assignable = USER_ROLES as readonly string[]
  return { known: USER_ROLES.filter(r => roles.includes(r)), other: roles.filter(r => !assignable.includes(r)) }
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/
export const MIN_PASSWORD = 8

export interface UserDraft { name: string; password: string; password2: string; roles: string[]; personId: string }

/** Problems of a form by field, as keys of users.problem.*; creating checks name and password too. */
export function validateUser(d: UserDraft, creating: boolean): Record<string, string> {
  const out: Record<string, string> = {}
  if (creating) {
    if (!d.name.trim()) out.name = 'nameMissing'
    else if (!NAME.test(d.name.trim())) out.name = 'nameBad'
  }
  if (creating) Object.assign(out, validatePassword(d.password, d.password2))
  if (d.roles.length === 0) out.roles = 'rolesMissing'
  else if (d.roles.some(r => !(USER_ROLES as readonly string[]).includes(r))) out.roles = 'roleUnknown'
  return out
}

/** Problems of a new password typed twice. */
export function validatePassword(password: string, again: string): Record<string, string> {
  if (password.length < MIN_PASSWORD) return { password: 'passwordWeak' }
  if (password !== again) return { password2: 'passwordMismatch' }
  return {}
}

/** The server's refusal codes, as keys of users.error.*. */
const ERRORS: Record<string, string> = {
  'user-exists': 'exists', 'last-admin': 'lastAdmin', self: 'self', 'invalid-password': 'weak',
  'invalid-user': 'badName', 'invalid-roles': 'badRoles', 'unknown-role': 'badRoles', 'unknown-person': 'unknownPerson',
  'unknown-user': 'unknownUser', 'users-unavailable': 'unavailable', 'users-unwritable': 'unwritable',
}

/** The message key for a refusal, or null when the generic error text fits. */
export function userErrorKey(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null
  const k = ERRORS[e.code]
  return k ? `users.error.${k}` : null
}
