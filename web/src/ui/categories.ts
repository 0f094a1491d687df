// Unit categories by name instead of code, in the console's language. The catalogue is small and
// read once per session (urql's cache), so every view that shows a category can afford it.
import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';

import { UnitCategories } from '../api/operations';
import { useI18n } from '../i18n';

export function useCategoryName(): (code: string) => string {
  const { locale } = useI18n();
  const [{ data }] = useQuery({ query: UnitCategories });
  const names = useMemo(
    () => new Map(data?.unitCategories.map((c) => [c.code, locale === 'en' ? c.nameEn || c.name : c.name]) ?? []),
    [data, locale],
  );
  // A code the catalogue does not know (a temporary body's group, say) is shown as it is.
  return useCallback((code: string) => names.get(code) ?? code, [names]);
}
