import { Progress as AntProgress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { queryClient } from '../../api/queryClient.ts';
import type { Me } from '../../api/types.ts';
import { meQueryKey } from '../../app/session.ts';
import { currentLanguage, languageTag } from '../../i18n/index.ts';
import type { Decision, RoundKind } from './renewal.api.ts';
import { barPercent, pct } from '../../components/ratio.ts';

export { pct } from '../../components/ratio.ts';

export function RoundKindTag({ kind }: { kind: RoundKind }) {
  const { t } = useTranslation();
  const color = kind === 'signing' ? 'green' : kind === 'plan' ? 'cyan' : 'blue';
  return <Tag color={color}>{t(`renewal.kind.${kind}`)}</Tag>;
}

export function DecisionTag({ decision }: { decision: Decision | null }) {
  const { t } = useTranslation();
  if (decision === null) return <Tag>{t('renewal.decision.none')}</Tag>;
  const color = decision === 'agree' ? 'green' : decision === 'disagree' ? 'red' : 'gold';
  return <Tag color={color}>{t(`renewal.decision.${decision}`)}</Tag>;
}

/** Rate bar (rate a fraction, threshold a percent) with the % written out, not colour alone. */
export function RateBar({ rate, threshold }: { rate: number | null; threshold: number }) {
  const percent = barPercent(rate);
  return (
    <div className="gz-rn-ratebar">
      <AntProgress
        percent={percent}
        showInfo={false}
        strokeColor={rate !== null && percent >= threshold ? '#16a34a' : '#2563eb'}
        aria-hidden
      />
      <strong className="gz-rn-ratebar-text">{pct(rate)}</strong>
    </div>
  );
}

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'gz_csrf') return decodeURIComponent(rest.join('='));
  }
  return queryClient.getQueryData<Me | null>(meQueryKey)?.csrfToken ?? null;
}

/** POSTs JSON and hands the answered file (a PDF) to the browser. */
export async function postDownload(path: string, body: unknown, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Accept-Language': languageTag(currentLanguage()),
  };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: 'network_error', message: String(error) });
  }
  if (!response.ok) {
    let data: Partial<{ code: ApiError['code']; message: string; details: unknown }> = {};
    try {
      data = (await response.json()) as typeof data;
    } catch {
      // not our JSON shape
    }
    throw new ApiError({
      status: response.status,
      code: data.code ?? (response.status >= 500 ? 'unavailable' : 'bad_request'),
      message: data.message ?? '',
      details: data.details,
    });
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
