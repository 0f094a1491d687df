// Unit categories by name instead of code, in the console's language. The catalogue is small and
// read once per session (urql's cache), so every view that shows a category can afford it.
import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';

import { UnitCategories } from '../api/operations';
import { useI18n } from '../i18n';

// Scoring ranks a category's temporary bodies apart, as "<code> (temporary)".
const TEMPORARY = ' (temporary)';

export function useCategoryName(): (code: string) => string {
  const { locale, t } = useI18n();
  const [{ data }] = useQuery({ query: UnitCategories });
  const names = useMemo(
    () => new Map(data?.unitCategories.map((c) => [c.code, locale === 'en' ? c.nameEn || c.name : c.name]) ?? []),
    [data, locale],
  );
  // A code the catalogue does not know is shown as it is.
  return useCallback(
    (code: string) => {
      const temporary = code.endsWith(TEMPORARY);
      const base = temporary ? code.slice(0, -TEMPORARY.length) : code;
      const name = names.get(base) ?? base;
      return temporary ? t('overview.temporaryGroup', { name }) : name;
    },
    [names, t],
  );
}
