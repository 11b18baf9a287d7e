import { defineMessages } from '../define'

export default defineMessages({
  en: {
    'timeline.title': 'Timeline',
  },
  fr: {
    'timeline.title': 'Chronologie',
  },
  es: {
    'timeline.title': 'Cronología',
  },
})
