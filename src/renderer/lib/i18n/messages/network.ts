import { defineMessages } from '../define'

export default defineMessages({
  en: {
    'network.title': 'Network',
  },
  fr: {
    'network.title': 'Réseau',
  },
  es: {
    'network.title': 'Red',
  },
})
