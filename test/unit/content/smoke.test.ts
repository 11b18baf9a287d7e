import { describe, expect, it } from 'vitest'
import { validatePack } from '../../../src/main/content/load-pack'

describe('validatePack', () => {
  it('refuses an empty object with schema problems', () => {
    expect(() => validatePack({})).toThrow(/does not match its schema/)
  })
})
