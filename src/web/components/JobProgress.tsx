import { Alert, Progress, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useJob } from '../api/jobs.ts';

/** Shows a background job's progress, then a download link (or the reason it failed). */
export function JobProgress({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const job = useJob(jobId).data;
  if (!job) return null;
  if (job.status === 'failed') {
    return <Alert type="error" showIcon title={t('inbox.job.failed', { error: job.error ?? '' })} />;
  }
  if (job.status === 'done') {
    return (
      <Space>
        <span role="status">{t('inbox.job.done')}</span>
        {job.downloadUrl ? (
          <a href={`/api${job.downloadUrl.replace(/^\/api/, '')}`} download>
            <DownloadOutlined aria-hidden /> {t('inbox.job.download')}
          </a>
        ) : null}
      </Space>
    );
  }
  const percent = job.progressTotal > 0 ? Math.round((job.progressDone / job.progressTotal) * 100) : 0;
  const label =
    job.status === 'queued'
      ? t('inbox.job.queued')
      : t('inbox.job.running', { done: job.progressDone, total: job.progressTotal });
  return (
    <div role="status" aria-live="polite" style={{ minWidth: 220 }}>
      <Progress percent={percent} size="small" status="active" aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
