import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { splitRoles, userErrorKey, validatePassword, validateUser } from '../src/pages/users/users'

const draft = { name: 'teach2', password: 'longenough', password2: 'longenough', roles: ['teacher'], personId: '' }

describe('user form checks', () => {
  it('accepts a valid new user', () => {
    expect(validateUser(draft, true)).toEqual({})
  })
  it('refuses a bad name, a short or mistyped password and no role', () => {
    expect(validateUser({ ...draft, name: 'a b' }, true)).toEqual({ name: 'nameBad' })
    expect(validateUser({ ...draft, name: '' }, true)).toEqual({ name: 'nameMissing' })
    expect(validateUser({ ...draft, password: 'short', password2: 'short' }, true)).toEqual({ password: 'passwordWeak' })
    expect(validateUser({ ...draft, password2: 'longenougH' }, true)).toEqual({ password2: 'passwordMismatch' })
    expect(validateUser({ ...draft, roles: [] }, true)).toEqual({ roles: 'rolesMissing' })
    expect(validateUser({ ...draft, roles: ['root'] }, true)).toEqual({ roles: 'roleUnknown' })
  })
  it('checks only roles when editing', () => {
    expect(validateUser({ ...draft, name: '', password: '' }, false)).toEqual({})
    expect(validatePassword('12345678', '12345678')).toEqual({})
  })
})

describe('user refusals', () => {
  it('maps the server codes to words', () => {
    expect(userErrorKey(new ApiError(409, 'user-exists', 'x'))).toBe('users.error.exists')
    expect(userErrorKey(new ApiError(409, 'last-admin', 'x'))).toBe('users.error.lastAdmin')
    expect(userErrorKey(new ApiError(409, 'self', 'x'))).toBe('users.error.self')
    expect(userErrorKey(new ApiError(400, 'invalid-password', 'x'))).toBe('users.error.weak')
    expect(userErrorKey(new ApiError(500, 'boom', 'x'))).toBeNull()
    expect(userErrorKey(new Error('x'))).toBeNull()
  })
})

describe('roles', () => {
  it('separates the console roles from Karaf-only roles', () => {
    expect(splitRoles(['viewer', 'teacher', 'admin', 'ssh'])).toEqual({ known: ['admin', 'teacher'], other: ['viewer', 'ssh'] })
  })
})
