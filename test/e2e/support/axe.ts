/** axe-core's WCAG 2.2 AA audit of a page, as the accessibility tests run it: the violations, one line each. */
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: { target: string[] }[]
}

/** What a dark page changes: only the rules about colour. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

/** `colours`: only the rules about colour, for the same page again in the other colour scheme. */
export async function audit(page: Page, only: 'all' | 'colours' = 'all'): Promise<string[]> {
  // axe is injected by the test only; the app's CSP would refuse it, so this page bypasses CSP.
  // Once per document (0.3 s each time): views shown by the app's own links keep it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
  const violations = await page.evaluate(
    async (rules) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe
      const runOnly = rules
        ? { type: 'rule', values: rules }
        : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
      const result = await axe.run(document, { runOnly })
      return result.violations
    },
    only === 'colours' ? COLOUR_RULES : null,
  )
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  )
}
