// The language switch and formatting in the user's locale (Intl), Chinese first.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

import { en, zh, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  number(value: number | null | undefined, digits?: number): string;
  dateTime(value: string | null | undefined): string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>('zh-CN');
  const setLocale = useCallback((next: Locale) => {
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const numbers = new Map<number, Intl.NumberFormat>();
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale,
      setLocale,
      t(key, values) {
        const text: string = (locale === 'en' && en[key]) || zh[key];
        return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')) : text;
      },
      number(value, digits = 1) {
        if (value == null) return '–';
        if (!numbers.has(digits)) numbers.set(digits, new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
        return numbers.get(digits)!.format(value);
      },
      dateTime(value) {
        return value ? dates.format(new Date(value)) : '–';
      },
    };
  }, [locale, setLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
