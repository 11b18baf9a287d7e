import { defineMessages } from '../define'

export default defineMessages({
  en: {
    'plan.title': 'Strategic plan',
  },
  fr: {
    'plan.title': 'Plan stratégique',
  },
  es: {
    'plan.title': 'Plan estratégico',
  },
})
