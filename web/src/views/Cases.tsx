// The organisation department's queues of fault-tolerance exemptions and appeals, with decisions.
// Every decision carries a reason; the API refuses one without, and the refusal is shown as it is.
import { useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';

import { Appeals, DecideAppeal, DecideExemption, Exemptions, StartAppealReview } from '../api/operations';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { DataTable } from '../ui/DataTable';
import { ErrorBox } from '../ui/Problems';

const STATUSES = ['', 'submitted', 'under_review', 'approved', 'upheld', 'rejected'] as const;

interface Subject {
  kind: string;
  unitId?: string | null;
  cadreId?: string | null;
}

function useSubject() {
  const { t } = useI18n();
  return (s: Subject) => (s.cadreId ? `${t('role.cadre')} ${s.cadreId}` : `${t('common.unit')} ${s.unitId ?? ''}`);
}

function ReasonField({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return <input aria-label={`${t('cases.decisionReason')} ${id}`} value={value} onChange={(event) => onChange(event.target.value)} />;
}

export function Cases() {
  const { t, dateTime } = useI18n();
  const subject = useSubject();
  const [status, setStatus] = useState<string>('submitted');
  const variables = { status: status || null };
  const [exemptions, reloadExemptions] = useQuery({ query: Exemptions, variables });
  const categoryNames = new Map(exemptions.data?.exemptionCategories.map((c) => [c.code, c.name]) ?? []);
  const exemptionCategory = (code: string) => categoryNames.get(code) ?? code;
  const [appeals, reloadAppeals] = useQuery({ query: Appeals, variables });
  const [exemptionDecided, decideExemption] = useMutation(DecideExemption);
  const [reviewStarted, startReview] = useMutation(StartAppealReview);
  const [appealDecided, decideAppeal] = useMutation(DecideAppeal);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [refused, setRefused] = useState<CombinedError | null>(null);
  const statusLabel = (s: string) => t(`cases.status.${s}` as MessageKey);

  const after = (result: { error?: CombinedError }, message: string) => {
    setRefused(result.error ?? null);
    setDone(result.error ? null : message);
    reloadExemptions({ requestPolicy: 'network-only' });
    reloadAppeals({ requestPolicy: 'network-only' });
  };
  const onExemption = async (id: string, approve: boolean) => {
    const result = await decideExemption({ id, approve, reason: reasons[id] ?? '' });
    after(result, t('cases.decided', { id, status: statusLabel(result.data?.decideExemption.status ?? '') }));
  };
  const onReview = async (id: string) => {
    const result = await startReview({ id });
    after(result, t('cases.decided', { id, status: statusLabel(result.data?.startAppealReview.status ?? '') }));
  };
  const onAppeal = async (id: string, upheld: boolean) => {
    const result = await decideAppeal({ id, upheld, reason: reasons[id] ?? '' });
    after(result, t('cases.decided', { id, status: statusLabel(result.data?.decideAppeal.status ?? '') }));
  };
  const busy = exemptionDecided.fetching || reviewStarted.fetching || appealDecided.fetching;
  const reasonOf = (id: string) => reasons[id] ?? '';
  const setReason = (id: string) => (value: string) => setReasons({ ...reasons, [id]: value });

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('cases.title')}</h1>
      <p className="note">{t('cases.help')}</p>
      <div className="inline-form">
        <label>
          {t('common.status')}
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? statusLabel(s) : t('cases.allStatuses')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={refused} title={t('cases.refused')} />
      {done && (
        <p className="success" role="status" data-testid="case-decided">
          {done}
        </p>
      )}
      <div className="card" data-testid="exemption-queue">
        <h2>{t('cases.exemptions')}</h2>
        <ErrorBox error={exemptions.error} />
        <DataTable
          caption={t('cases.exemptions')}
          exportName="exemptions"
          rows={exemptions.data?.exemptions ?? []}
          rowKey={(e) => e.id}
          columns={[
            { header: t('cases.subject'), value: (e) => subject(e.subject) },
            { header: t('common.period'), value: (e) => e.period },
            { header: t('common.indicator'), value: (e) => e.indicatorCode },
            { header: t('cases.category'), value: (e) => exemptionCategory(e.categoryCode) },
            { header: t('common.reason'), value: (e) => e.reasons },
            { header: t('cases.evidence'), value: (e) => e.evidence.map((d) => d.name).join(', ') },
            { header: t('cases.appliedAt'), value: (e) => dateTime(e.applied.at) },
            { header: t('common.status'), value: (e) => statusLabel(e.status) },
            {
              header: t('cases.decision'),
              value: (e) => e.decision?.reason ?? null,
              render: (e) =>
                e.status === 'submitted' ? (
                  <span className="actions" data-case={e.id}>
                    <ReasonField id={e.id} value={reasonOf(e.id)} onChange={setReason(e.id)} />
                    <button type="button" disabled={busy} onClick={() => onExemption(e.id, true)}>
                      {t('cases.approve')}
                    </button>
                    <button type="button" className="secondary" disabled={busy} onClick={() => onExemption(e.id, false)}>
                      {t('cases.reject')}
                    </button>
                  </span>
                ) : (
                  (e.decision?.reason ?? '–')
                ),
            },
          ]}
        />
      </div>
      <div className="card" data-testid="appeal-queue">
        <h2>{t('cases.appeals')}</h2>
        <ErrorBox error={appeals.error} />
        <DataTable
          caption={t('cases.appeals')}
          exportName="appeals"
          rows={appeals.data?.appeals ?? []}
          rowKey={(a) => a.id}
          columns={[
            { header: t('cases.subject'), value: (a) => subject(a.subject) },
            { header: t('common.period'), value: (a) => a.period },
            { header: t('common.indicator'), value: (a) => a.indicatorCode ?? t('cases.wholeResult') },
            { header: t('common.reason'), value: (a) => a.reasons },
            { header: t('cases.submittedAt'), value: (a) => dateTime(a.submitted.at) },
            { header: t('common.status'), value: (a) => statusLabel(a.status) },
            {
              header: t('cases.decision'),
              value: (a) => a.decision?.reason ?? null,
              render: (a) =>
                a.status === 'submitted' ? (
                  <span className="actions" data-case={a.id}>
                    <button type="button" disabled={busy} onClick={() => onReview(a.id)}>
                      {t('cases.startReview')}
                    </button>
                  </span>
                ) : a.status === 'under_review' ? (
                  <span className="actions" data-case={a.id}>
                    <ReasonField id={a.id} value={reasonOf(a.id)} onChange={setReason(a.id)} />
                    <button type="button" disabled={busy} onClick={() => onAppeal(a.id, true)}>
                      {t('cases.uphold')}
                    </button>
                    <button type="button" className="secondary" disabled={busy} onClick={() => onAppeal(a.id, false)}>
                      {t('cases.reject')}
                    </button>
                  </span>
                ) : (
                  (a.decision?.reason ?? '–')
                ),
            },
          ]}
        />
      </div>
    </section>
  );
}
