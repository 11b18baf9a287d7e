/**
 * People and History tell one story: where the history gives the day a leader was elected or appointed, the leader's
 * entry (People, on the profile) starts on that date, or its note says why not, naming the event's date.
 */
import { describe, expect, it } from 'vitest'
import type { HistoryEvent, Leader, Organisation, PartialDate } from '../../../src/shared/content/schema'
import { realPack } from '../../support/real-pack'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A date as an English note writes it: "13 October 2019", "November 2011", "1996". */
function inWords(date: PartialDate): string {
  const [year, month, day] = date.value.split('-')
  if (date.precision === 'day') return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`
  if (date.precision === 'month') return `${MONTHS[Number(month) - 1]} ${year}`
  return year!
}

/** An event that starts someone in office: elected, appointed, taking office; "named as" only says they held it then. */
const STARTS = /\b(elected|elects|becomes|appointed|takes office|chosen)\b/
/** Events about someone already in office, or leaving it: not the start of a term. */
const NOT_A_START = /\bre-elect|\bconfirms\b|\bdeath\b|\bdies\b/i

/** The first two words of a name, as a title gives it ("Iñigo Albizuri" for Iñigo Albizuri Landazabal). */
const shortPerson = (person: string) => person.split(' ').slice(0, 2).join(' ')

/**
 * The election or appointment events of this person at this organisation: a leadership or congress event about it (its
 * first organisation) that names the person, other than a re-election, a confirmation or a death.
 */
export function startEvents(org: Organisation, leader: Leader, events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.filter(
    (e) =>
      (e.category === 'leadership' || e.category === 'congress') &&
      e.organisations[0] === org.id &&
      e.title.en.includes(shortPerson(leader.person)) &&
      !NOT_A_START.test(e.title.en),
  )
}

const sameDate = (a: PartialDate, b: PartialDate) => a.value === b.value && a.precision === b.precision
/** One date within the other: 2011 and 2011-11, 1996 (c.) and 1996. */
const overlaps = (a: PartialDate, b: PartialDate) => a.value.startsWith(b.value) || b.value.startsWith(a.value)

/** What a reader would find at odds between People and History; empty when they agree. */
export function disagreements(organisations: readonly Organisation[], events: readonly HistoryEvent[]): string[] {
  const found: string[] = []
  for (const org of organisations) {
    for (const leader of org.leaders) {
      for (const event of startEvents(org, leader, events)) {
        const agrees = leader.from !== undefined && event.date.some((d) => sameDate(d.value, leader.from!))
        // The same moment at another precision ("2011" and "November 2011") is never explained: it should read alike.
        const sameMomentShownOtherwise =
          STARTS.test(event.title.en) && leader.from !== undefined && event.date.some((d) => overlaps(d.value, leader.from!))
        const explained = !sameMomentShownOtherwise && event.date.some((d) => leader.note?.en.includes(inWords(d.value)) ?? false)
        if (!agrees && !explained)
          found.push(
            `${org.id}: ${leader.person} (${leader.role}) starts ${leader.from ? `${leader.from.value} (${leader.from.precision})` : 'undated'} in People, ` +
              `but "${event.id}" gives ${event.date.map((d) => `${d.value.value} (${d.value.precision})`).join(' or ')}`,
          )
      }
    }
  }
  return found
}

describe('leaders and their history', () => {
  it('every leader whose election or appointment the history gives starts on that date, or says why not', () => {
    expect(disagreements(realPack.organisations, realPack.events)).toEqual([])
  })

  it('finds the start events of the leaders the issue names', () => {
    const org = (id: string) => realPack.organisations.find((o) => o.id === id)!
    const leader = (o: Organisation, person: string, role: string) => o.leaders.find((l) => l.person === person && l.role === role)!
    const cicopa = org('cicopa')
    const cecop = org('cecop')
    expect(startEvents(cicopa, leader(cicopa, 'Manuel Mariscal', 'president'), realPack.events).map((e) => e.id)).toEqual([
      'mariscal-cicopa-president-c2011',
    ])
    expect(startEvents(cecop, leader(cecop, 'Felice Scalvini', 'president'), realPack.events).map((e) => e.id)).toEqual([
      'scalvini-cecop-president-c1996',
    ])
  })

  it('catches a leader whose start differs from the history, or who has none while the history gives one', () => {
    const cicopa = realPack.organisations.find((o) => o.id === 'cicopa')!
    const moved = cicopa.leaders.map((l) =>
      l.person === 'Manuel Mariscal' && l.role === 'president' ? { ...l, from: { value: '2011', precision: 'year' as const } } : l,
    )
    expect(disagreements([{ ...cicopa, leaders: moved }], realPack.events)).toEqual([
      'cicopa: Manuel Mariscal (president) starts 2011 (year) in People, but "mariscal-cicopa-president-c2011" gives 2011-11 (month)',
    ])
    const undated = cicopa.leaders.map((l) => (l.person === 'Diana Dovgan' ? { ...l, from: undefined, note: undefined } : l))
    expect(disagreements([{ ...cicopa, leaders: undated }], realPack.events)).toHaveLength(1)
  })
})
