/** Case- and accent-insensitive text for matching: "Confédération" and "confederation" fold alike. */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
