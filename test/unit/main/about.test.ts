import { describe, expect, it } from 'vitest'
import { aboutPack, aboutText, formatPackDate } from '../../../src/main/about'
import { loadPack, PackError } from '../../../src/main/content/load-pack'

const versions = { electron: '45.4.1', chrome: '142.0.7444.59', node: '22.20.0' }

describe('formatPackDate', () => {
  it('writes the pack’s ISO date out in words', () => {
    expect(formatPackDate('2026-11-23')).toBe('23 November 2026')
    expect(formatPackDate('2026-01-05')).toBe('5 January 2026')
    expect(formatPackDate('2026-12')).toBe('December 2026')
  })
  it('writes it in the reader’s language, as Intl does', () => {
    expect(formatPackDate('2026-11-23', 'fr')).toBe('23 novembre 2026')
    expect(formatPackDate('2026-11-23', 'es')).toBe('23 de noviembre de 2026')
    expect(formatPackDate('2026-12', 'fr')).toBe('décembre 2026')
  })
  it('leaves anything else as it is', () => {
    for (const odd of ['2026-13-01', '2026-11-40', 'soon', '', '26-11-23']) expect(formatPackDate(odd)).toBe(odd)
  })
})

describe('aboutText', () => {
  it('gives the app version, the pack version and date, and the runtime', () => {
    const text = aboutText({ appVersion: '0.1.0', pack: { ok: true, packVersion: '1.0.0', date: '2026-11-23' }, versions })
    expect(text.title).toBe('About Coop Atlas')
    expect(text.message).toBe('Coop Atlas 0.1.0')
    expect(text.detail.split('\n\n')).toEqual([
      'Reference pack 1.0.0, compiled on 23 November 2026.',
      'An offline reference to CICOPA, CECOP and the international organisations of industrial and service cooperatives, with your own notes.',
      'Electron 45.4.1, Chromium 142.0.7444.59, Node.js 22.20.0.',
    ])
  })

  it.each([
    [
      'fr',
      'À propos de Coop Atlas',
      'Données de référence 1.0.0, compilées le 23 novembre 2026.',
      /^Une référence hors ligne sur la CICOPA/,
    ],
    [
      'es',
      'Acerca de Coop Atlas',
      'Datos de referencia 1.0.0, compilados el 23 de noviembre de 2026.',
      /^Una referencia sin conexión sobre CICOPA/,
    ],
  ] as const)('says it in %s, the versions as they are', (locale, title, packLine, about) => {
    const text = aboutText({ appVersion: '0.1.0', pack: { ok: true, packVersion: '1.0.0', date: '2026-11-23' }, versions }, locale)
    expect(text.title).toBe(title)
    const [pack, what, runtime] = text.detail.split('\n\n')
    expect(pack).toBe(packLine)
    expect(what).toMatch(about)
    expect(runtime).toBe('Electron 45.4.1, Chromium 142.0.7444.59, Node.js 22.20.0.')
    expect(
      aboutText({ appVersion: '0.1.0', pack: { ok: false, message: 'pack.json is missing.' }, versions }, locale).detail,
    ).not.toContain('missing')
  })

  it('says why when the pack could not be loaded, and when it has not been read', () => {
    expect(aboutText({ appVersion: '0.1.0', pack: { ok: false, message: 'pack.json is missing.' }, versions }).detail).toMatch(
      /^The reference pack could not be loaded: pack\.json is missing\./,
    )
    expect(aboutText({ appVersion: '0.1.0', pack: null, versions }).detail).toMatch(/^The reference pack has not been loaded\./)
  })

  it('leaves out the runtime line when no version is known (browse, tests)', () => {
    const { detail } = aboutText({ appVersion: '2.0.0', pack: null, versions: {} })
    expect(detail.split('\n\n')).toHaveLength(2)
    expect(detail).not.toMatch(/Electron|Chromium|Node/)
    expect(aboutText({ appVersion: '2.0.0', pack: null, versions: { node: '20.19.0' } }).detail).toMatch(/Node\.js 20\.19\.0\.$/)
  })
})

describe('aboutPack', () => {
  it('reads the real pack’s header', async () => {
    const pack = await loadPack(new URL('../../../resources/content/', import.meta.url).pathname)
    const about = aboutPack({ pack })
    expect(about).toEqual({ ok: true, packVersion: pack.packVersion, date: pack.date })
    expect(aboutText({ appVersion: '0.1.0', pack: about, versions: {} }).detail).toContain(
      `Reference pack ${pack.packVersion}, compiled on `,
    )
  })

  it('keeps the first line of a refused pack’s error, and nothing before start', () => {
    expect(aboutPack(new PackError('The reference pack is invalid.\nmore', ['a']))).toEqual({
      ok: false,
      message: 'The reference pack is invalid.',
    })
    expect(aboutPack(null)).toBeNull()
    expect(aboutPack(undefined)).toBeNull()
  })
})
