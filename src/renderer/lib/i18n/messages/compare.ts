import { defineMessages } from '../define'

export default defineMessages({
  en: {
    'compare.title': 'Compare',
  },
  fr: {
    'compare.title': 'Comparer',
  },
  es: {
    'compare.title': 'Comparar',
  },
})
