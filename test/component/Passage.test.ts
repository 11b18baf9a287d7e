/** A passage of the reference in the reader's language, with its original English one click away. */
import { fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import Passage from '../../src/renderer/components/Passage.svelte'
import { i18n } from '../../src/renderer/lib/i18n.svelte'

const initial = i18n.locale
afterEach(() => (i18n.locale = initial))
const text = { en: 'Founded in Manchester in 1979.', fr: 'Fondée à Manchester en 1979.', translatedFrom: '0123456789ab' }

describe('Passage', () => {
  it('shows the translation marked with its language, and the original English on one click, and back', async () => {
    i18n.locale = 'fr'
    const { container } = render(Passage, { text })
    const passage = container.querySelector('p')!
    expect(passage.getAttribute('lang')).toBe('fr')
    expect(passage.textContent).toContain('Fondée à Manchester en 1979.')
    await fireEvent.click(screen.getByRole('button', { name: 'Anglais original' }))
    expect(passage.getAttribute('lang')).toBe('en')
    expect(passage.textContent).toContain('Founded in Manchester in 1979.')
    expect(screen.getByRole('button', { name: 'Traduction' }).getAttribute('lang')).toBe('fr')
    await fireEvent.click(screen.getByRole('button', { name: 'Traduction' }))
    expect(passage.textContent).toContain('Fondée à Manchester en 1979.')
  })

  it('shows English without a button where there is no translation, marked English', () => {
    i18n.locale = 'es'
    const { container } = render(Passage, { text })
    expect(container.querySelector('p')!.getAttribute('lang')).toBe('en')
    expect(screen.queryByRole('button')).toBeNull()
  })
})
