import { defineMessages } from '../define'

export default defineMessages({
  en: {
    'map.title': 'Map',
  },
  fr: {
    'map.title': 'Carte',
  },
  es: {
    'map.title': 'Mapa',
  },
})
