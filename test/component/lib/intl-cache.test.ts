/** One Intl formatter per key: built on first use, then reused. */
import { describe, expect, it, vi } from 'vitest'
import { intl } from '../../../src/renderer/lib/intl-cache'

describe('intl', () => {
  it('builds a formatter once per key and hands back the same one after', () => {
    const make = vi.fn(() => new Intl.NumberFormat('fr'))
    const first = intl('test:number:fr', make)
    expect(intl('test:number:fr', make)).toBe(first)
    expect(make).toHaveBeenCalledTimes(1)
  })

  it('keeps keys apart, so one locale never formats for another', () => {
    const en = intl('test:list:en', () => new Intl.NumberFormat('en'))
    const fr = intl('test:list:fr', () => new Intl.NumberFormat('fr'))
    expect(en).not.toBe(fr)
    expect(en.format(1234.5)).toBe('1,234.5')
    expect(fr.format(1234.5)).not.toBe('1,234.5')
  })
})
