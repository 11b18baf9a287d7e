import { describe, expect, it } from 'vitest'
import { linkGroups } from '../../../../src/renderer/lib/network/links'
import { relations } from './world'

describe('one organisation’s links', () => {
  it('groups an organisation’s links: what it belongs to, then what belongs to it', () => {
    const groups = linkGroups(relations, 'cecop')
    expect(groups.map((g) => `${g.direction} ${g.type} ${g.links.map((l) => l.other).join(',')}`)).toEqual([
      'outgoing regional-organisation-of cicopa',
      'outgoing member-of coop-europe,see',
      'incoming member-of coceta,cg-scop,legacoop,legacoop-sociali',
    ])
  })
})
