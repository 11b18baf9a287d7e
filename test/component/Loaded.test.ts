import { render, screen } from '@testing-library/svelte'
import { createRawSnippet } from 'svelte'
import { describe, expect, it } from 'vitest'
import Loaded from '../../src/renderer/components/Loaded.svelte'
import { AtlasCallError } from '../../src/renderer/lib/api'
import { Loader } from '../../src/renderer/lib/loader.svelte'

/** A promise with its settling functions, for answering an ask when the test says so. */
function later<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)))
  return { promise, resolve, reject }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

const ready = createRawSnippet((value: () => string) => ({ render: () => `<p class="ready">${value()}</p>` }))

describe('Loaded', () => {
  it('asks once mounted, and says it is loading until the answer is in', async () => {
    const answer = later<string>()
    const loader = new Loader(() => answer.promise)
    render(Loaded, { props: { from: loader, value: null, children: ready } })
    expect(screen.getByText('Loading…').getAttribute('aria-busy')).toBe('true')
    answer.resolve('CECOP')
    await settle()
    expect(loader.value).toBe('CECOP')
  })

  it('says why, as an alert, when the load fails', async () => {
    const loader = new Loader<string>(() =>
      Promise.reject(new AtlasCallError({ code: 'pack-unavailable', message: 'The pack could not be read.' })),
    )
    render(Loaded, { props: { from: loader, value: null, children: ready } })
    // Main's English stays in its logs: the reader is told in their own words.
    expect((await screen.findByRole('alert')).textContent).toBe('The reference pack could not be loaded. Your notes are safe.')
    expect(screen.getByRole('alert').classList.contains('error')).toBe(true)
    expect(screen.queryByText('Loading…')).toBeNull()
  })

  it('shows the ready state once there is a value, inside no frame of its own', () => {
    const from = { error: null, load: () => Promise.resolve() }
    const { container } = render(Loaded, { props: { from, value: 'CICOPA', children: ready } })
    expect(container.innerHTML).toContain('<p class="ready">CICOPA</p>')
    expect(screen.queryByText('Loading…')).toBeNull()
  })
})

describe('Loader', () => {
  it('keeps the answer on screen while asking again, and drops an earlier ask that answers late', async () => {
    const answers = [later<string>(), later<string>(), later<string>()]
    let asked = 0
    const loader = new Loader(() => answers[asked++]!.promise)
    void loader.load()
    answers[0]!.resolve('first')
    await settle()
    expect(loader.value).toBe('first')

    void loader.load()
    void loader.load()
    expect(loader.value).toBe('first')
    answers[2]!.resolve('third')
    answers[1]!.resolve('second, late')
    await settle()
    expect(loader.value).toBe('third')
  })

  it('forgets the answer when an ask fails, and clears the error when asked again', async () => {
    let fail = true
    const refusal = new AtlasCallError({
      code: 'not-found',
      message: 'No organisation has the id "x".',
      wording: { key: 'organisation-not-found', values: { id: 'x' } },
    })
    const loader = new Loader(() => (fail ? Promise.reject(refusal) : Promise.resolve('cecop')))
    await loader.load()
    expect([loader.value, loader.error]).toEqual([null, 'No organisation has the id “x”.'])
    fail = false
    const again = loader.load()
    expect(loader.error).toBeNull()
    await again
    expect([loader.value, loader.error]).toEqual(['cecop', null])
  })
})
