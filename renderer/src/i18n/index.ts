import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { dirOf, isLanguage, LANGUAGE_STORAGE_KEY, type LanguageCode } from './languages';
import en from './locales/en';

export type Messages = typeof en;

// English is in the entry chunk (it is also the fallback); the other languages are bundled as
// their own chunks and loaded from this server only when chosen. Every language has exactly
// English's keys (tests/unit/renderer/i18n.test.ts); the types below check the shape too.
const loaders: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ default: Messages }>> = {
  ar: () => import('./locales/ar'),
  bg: () => import('./locales/bg'),
  ru: () => import('./locales/ru'),
  vi: () => import('./locales/vi'),
  ms: () => import('./locales/ms'),
};

function initialLanguage(): LanguageCode {
  const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function applyDocumentLanguage(code: string): void {
  document.documentElement.lang = code;
  document.documentElement.dir = dirOf(code);
}

async function ensureLoaded(code: LanguageCode): Promise<void> {
  if (code === 'en' || i18n.hasResourceBundle(code, 'translation')) return;
  const mod = await loaders[code]();
  i18n.addResourceBundle(code, 'translation', mod.default);
}

/** Switches the UI language (and <html lang/dir>) and remembers it. */
export async function setLanguage(code: LanguageCode): Promise<void> {
  await ensureLoaded(code);
  localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  await i18n.changeLanguage(code);
}

i18n.on('languageChanged', applyDocumentLanguage);

/** Resolves when the initial language is ready to render. */
export const i18nReady: Promise<void> = (async () => {
  const lng = initialLanguage();
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  try {
    await ensureLoaded(lng);
    await i18n.changeLanguage(lng);
  } catch {
    applyDocumentLanguage('en');
  }
  applyDocumentLanguage(i18n.language);
})();

export default i18n;
