import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../../src/main/external-url'

describe('isAllowedExternalUrl', () => {
  it.each(['https://www.cecop.coop/', 'https://cicopa.coop/about/our-members', 'https://thenews.coop/155118/'])(
    'lets %s out to the system browser',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  )

  it.each([
    'http://cecop.coop/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ftp://example.org/',
    'https://cecop.coop@evil.example/',
    'https://user:pass@cecop.coop/',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://localhost/',
    'https://cecop.coop./',
    'not a url',
    '',
    'https://cеcop.coop/',
    'https://xn--ccop-5cd.coop/',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false))
})
