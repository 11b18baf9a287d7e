import { describe, expect, it } from 'vitest'
import { estimateWidth, wrapLabel } from '../../../../src/renderer/lib/network/text'

describe('labels', () => {
  it('wraps a label into lines that fit, and cuts the last with an ellipsis when it must', () => {
    const width = estimateWidth('Legacoop Produzione', 'member')
    expect(wrapLabel('Legacoop Produzione e Servizi', width, 'member')).toEqual(['Legacoop Produzione', 'e Servizi'])
    const cut = wrapLabel('Confcooperative Lavoro e Servizi and more words besides', width, 'member')
    expect(cut).toHaveLength(2)
    expect(cut[1]).toMatch(/…$/)
    for (const line of cut) expect(estimateWidth(line, 'member')).toBeLessThanOrEqual(width)
  })
})
