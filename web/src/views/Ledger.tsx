// The evidence ledger: its latest signed checkpoint, and a record's inclusion proof checked here
// in the browser against that checkpoint's root.
import { useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';

import { InclusionProof, LatestCheckpoint } from '../api/operations';
import { useI18n } from '../i18n';
import { leafHash, rootFromInclusionProof, toHex } from '../ledger/inclusion';
import { ErrorBox } from '../ui/Problems';

interface Verdict {
  leafIndex: number;
  treeSize: number;
  kind: string;
  recordId: string;
  leaf: string;
  computedRoot: string | null;
  signedRoot: string;
  leafHashMatches: boolean;
}

export function Ledger() {
  const { t, number, dateTime } = useI18n();
  const client = useClient();
  const [{ data, error }] = useQuery({ query: LatestCheckpoint });
  const checkpoint = data?.ledgerCheckpoint;
  const [leafIndex, setLeafIndex] = useState('0');
  const [checking, setChecking] = useState(false);
  const [refused, setRefused] = useState<CombinedError | Error | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  const check = async () => {
    setChecking(true);
    setVerdict(null);
    setRefused(null);
    try {
      const result = await client.query(InclusionProof, { leafIndex: Number(leafIndex), treeSize: checkpoint?.treeSize ?? null }).toPromise();
      const proof = result.data?.ledgerInclusionProof;
      if (result.error || !proof) {
        setRefused(result.error ?? new Error(t('common.empty')));
        return;
      }
      const computedRoot = await rootFromInclusionProof(proof.leaf.leaf, proof.leafIndex, proof.treeSize, proof.auditPath);
      setVerdict({
        leafIndex: proof.leafIndex,
        treeSize: proof.treeSize,
        kind: proof.leaf.kind,
        recordId: proof.leaf.recordId,
        leaf: proof.leaf.leaf,
        computedRoot,
        // The root compared against is the signed checkpoint's, never one the proof brings along unsigned.
        signedRoot: checkpoint && checkpoint.treeSize === proof.treeSize ? checkpoint.rootHash : proof.checkpoint.rootHash,
        leafHashMatches: toHex(await leafHash(proof.leaf.leaf)) === proof.leaf.leafHash.toLowerCase(),
      });
    } catch (problem) {
      setRefused(problem as Error);
    } finally {
      setChecking(false);
    }
  };
  const verified = verdict != null && verdict.leafHashMatches && verdict.computedRoot === verdict.signedRoot.toLowerCase();

  return (
    <section aria-labelledby="ledger-title">
      <h1 id="ledger-title">{t('ledger.title')}</h1>
      <p className="note">{t('ledger.help')}</p>
      <ErrorBox error={error} />
      {checkpoint && (
        <div className="card" data-testid="ledger-checkpoint">
          <h2>{t('ledger.checkpoint')}</h2>
          <dl className="figures">
            <div>
              <dt>{t('ledger.treeSize')}</dt>
              <dd>{number(checkpoint.treeSize, 0)}</dd>
            </div>
            <div>
              <dt>{t('ledger.signedAt')}</dt>
              <dd>{dateTime(checkpoint.signedAt)}</dd>
            </div>
            <div>
              <dt>{t('ledger.keyId')}</dt>
              <dd className="hash">{checkpoint.keyId}</dd>
            </div>
          </dl>
          <p>
            {t('ledger.rootHash')}: <code className="hash">{checkpoint.rootHash}</code>
          </p>
          <details>
            <summary>{t('ledger.signedMessage')}</summary>
            <pre className="hash">{checkpoint.signedMessage}</pre>
            <p>
              {t('ledger.signature')}: <code className="hash">{checkpoint.signature}</code>
            </p>
          </details>
        </div>
      )}
      <div className="card">
        <h2>{t('ledger.verify')}</h2>
        <div className="inline-form">
          <label>
            {t('ledger.leafIndex')}
            <input inputMode="numeric" className="short" value={leafIndex} onChange={(event) => setLeafIndex(event.target.value)} />
          </label>
          <button type="button" onClick={check} disabled={checking || !checkpoint}>
            {t('ledger.check')}
          </button>
        </div>
        <ErrorBox error={refused} />
        {verdict && (
          <div className={verified ? 'success' : 'error'} role="status" data-testid="inclusion-verdict">
            <strong>{verified ? t('ledger.verified') : t('ledger.mismatch')}</strong>
            <p>
              {t('ledger.record', { index: verdict.leafIndex, size: verdict.treeSize, kind: verdict.kind, id: verdict.recordId })}
            </p>
            <p>
              {t('ledger.computedRoot')}: <code className="hash">{verdict.computedRoot ?? '–'}</code>
            </p>
            <p>
              {t('ledger.rootHash')}: <code className="hash">{verdict.signedRoot}</code>
            </p>
            <details>
              <summary>{t('ledger.leaf')}</summary>
              <pre className="hash">{verdict.leaf}</pre>
            </details>
          </div>
        )}
      </div>
    </section>
  );
}
