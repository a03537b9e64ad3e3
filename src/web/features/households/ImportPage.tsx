import { useEffect, useId, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  FileSearchOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ImportFields, type ImportField } from '../../../contract/households.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  householdsKey,
  useCreateEstate,
  useEstates,
  type ImportPreview,
  type ImportReport,
} from './households.api.ts';
import { uploadForm } from './transfer.ts';
import './households.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number; what: 'preview' | 'check' | 'import' }
  | { kind: 'processing'; what: 'preview' | 'check' | 'import' };

type Issue = ImportReport['errors'][number];

/** 台账导入: estate → file → confirm the header mapping → check (dry run) → import, with a report. */
export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const estates = useEstates();
  const [estateId, setEstateId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const fileInputId = useId();
  const estateSelectId = useId();
  const busy = phase.kind !== 'idle';
  const estateList = estates.data?.items ?? [];
  // The only estate is chosen for the person; otherwise they pick.
  const chosenEstate = estateId ?? (estateList.length === 1 ? estateList[0]!.id : undefined);

  const send = async <T,>(
    path: string,
    form: FormData,
    what: 'preview' | 'check' | 'import',
  ): Promise<T | null> => {
    setError(null);
    setPhase({ kind: 'uploading', percent: 0, what });
    const handle = uploadForm<T>(
      path,
      form,
      (percent) => setPhase({ kind: 'uploading', percent, what }),
      () => setPhase({ kind: 'processing', what }),
    );
    abortRef.current = handle.abort;
    try {
      return await handle.promise;
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      return null;
    } finally {
      abortRef.current = null;
      setPhase({ kind: 'idle' });
    }
  };

  const runPreview = async (chosen: File) => {
    if (!chosenEstate) return;
    setPreview(null);
    setReport(null);
    const form = new FormData();
    form.append('file', chosen);
    const result = await send<ImportPreview>(
      `/estates/${chosenEstate}/household-imports/preview`,
      form,
      'preview',
    );
    if (result) {
      setPreview(result);
      setMapping(result.mapping);
    }
  };

  const runImport = async (dryRun: boolean) => {
    if (!chosenEstate || !file) return;
    setReport(null);
    const form = new FormData();
    form.append('mapping', JSON.stringify(mapping));
    form.append('dryRun', String(dryRun));
    form.append('file', file);
    const result = await send<ImportReport>(
      `/estates/${chosenEstate}/household-imports`,
      form,
      dryRun ? 'check' : 'import',
    );
    if (result) {
      setReport(result);
      if (!result.dryRun) {
        void message.success(t('households.import.done', { n: result.imported + result.updated }));
        await queryClient.invalidateQueries({ queryKey: householdsKey });
        await queryClient.invalidateQueries({ queryKey: ['estates'] });
      }
    }
  };

  return (
    <Page title={t('households.import.title')} intro={t('households.import.intro')}>
      <Space orientation="vertical" size={16} className="gz-hh-stack">
        <Card title={<h2 className="gz-section-title">{t('households.import.step1')}</h2>}>
          <div className="gz-toolbar">
            <div className="gz-hh-field">
              <label htmlFor={estateSelectId} className="gz-toolbar-label">
                {t('households.fields.estate')}
              </label>
              <Select
                id={estateSelectId}
                className="gz-hh-select-wide"
                placeholder={t('households.import.pickEstate')}
                loading={estates.isLoading}
                value={chosenEstate}
                disabled={busy}
                options={estateList.map((e) => ({
                  value: e.id,
                  label: t('households.import.estateOption', { name: e.name, n: e.households }),
                }))}
                onChange={(value: number) => {
                  setEstateId(value);
                  setPreview(null);
                  setReport(null);
                }}
              />
            </div>
            <a className="gz-hh-template" href="/api/household-imports/template" download>
              <DownloadOutlined aria-hidden /> {t('households.import.template')}
            </a>
          </div>
          {hasPermission(me, 'estate.manage') ? (
            <CreateEstateInline
              prominent={estateList.length === 0 && !estates.isLoading}
              onCreated={(id) => {
                setEstateId(id);
                setPreview(null);
                setReport(null);
              }}
            />
          ) : null}
          <ErrorAlert error={estates.error} title={t('errors.loadFailed')} />
        </Card>

        <Card title={<h2 className="gz-section-title">{t('households.import.step2')}</h2>}>
          <label htmlFor={fileInputId} className="gz-toolbar-label gz-hh-block-label">
            {t('households.import.fileLabel')}
          </label>
          <input
            id={fileInputId}
            type="file"
            className="gz-hh-file"
            accept=".xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={!chosenEstate || busy}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen) void runPreview(chosen);
            }}
          />
          <p className="gz-hh-meta">
            {chosenEstate ? t('households.import.fileHelp') : t('households.import.pickEstateFirst')}
          </p>
          {busy ? (
            <div className="gz-hh-progress" aria-live="polite">
              {phase.kind === 'uploading' ? (
                <>
                  <Progress
                    percent={phase.percent}
                    status="active"
                    aria-label={t('households.import.uploading')}
                  />
                  <span>{t('households.import.uploadingPercent', { percent: phase.percent })}</span>
                </>
              ) : (
                <>
                  <Progress percent={100} status="active" showInfo={false} aria-hidden />
                  <span>{t(`households.import.processing_${phase.what}`)}</span>
                </>
              )}
              <Button size="small" onClick={() => abortRef.current?.()} disabled={phase.kind !== 'uploading'}>
                {t('common.cancel')}
              </Button>
            </div>
          ) : null}
          <ErrorAlert error={error} title={t('households.import.failed')} />
        </Card>

        {preview ? (
          <Card title={<h2 className="gz-section-title">{t('households.import.step3')}</h2>}>
            <p>
              {t('households.import.headerInfo', {
                row: preview.headerRow,
                encoding: preview.encoding,
                n: preview.headers.length,
              })}
            </p>
            <MappingEditor preview={preview} mapping={mapping} onChange={setMapping} disabled={busy} />
            <SampleTable preview={preview} />
            <Space wrap className="gz-hh-import-actions">
              <Button
                icon={<FileSearchOutlined aria-hidden />}
                disabled={busy}
                onClick={() => void runImport(true)}
              >
                {t('households.import.check')}
              </Button>
              <Button
                type="primary"
                icon={<UploadOutlined aria-hidden />}
                disabled={busy}
                onClick={() => void runImport(false)}
              >
                {t('households.import.run')}
              </Button>
            </Space>
          </Card>
        ) : null}

        {report ? <ReportView report={report} estateId={chosenEstate} /> : null}
      </Space>
    </Page>
  );
}

function CreateEstateInline({
  prominent,
  onCreated,
}: {
  prominent: boolean;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; address?: string }>();
  const create = useCreateEstate();
  if (!open && !prominent) {
    return (
      <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('households.estates.create')}
      </Button>
    );
  }
  return (
    <section aria-label={t('households.estates.create')} className="gz-hh-inline-create">
      {prominent ? <Alert type="info" showIcon title={t('households.import.noEstate')} /> : null}
      <Form
        form={form}
        layout="inline"
        name="create-estate-inline"
        className="gz-toolbar"
        onFinish={(v) =>
          create.mutate(
            { name: v.name, ...(v.address?.trim() ? { address: v.address.trim() } : {}) },
            {
              onSuccess: (r) => {
                form.resetFields();
                setOpen(false);
                onCreated(r.id);
              },
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('households.estates.name')}
          rules={[{ required: true, whitespace: true, message: t('households.estates.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('households.estates.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary" loading={create.isPending}>
            {t('households.estates.createSubmit')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={create.error} />
    </section>
  );
}

function MappingEditor({
  preview,
  mapping,
  onChange,
  disabled,
}: {
  preview: ImportPreview;
  mapping: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const options = [
    { value: '', label: t('households.import.notMapped') },
    ...preview.headers.filter(Boolean).map((h) => ({ value: h, label: h })),
  ];
  return (
    <fieldset className="gz-hh-fieldset">
      <legend>{t('households.import.mapping')}</legend>
      <div className="gz-hh-mapping">
        {ImportFields.map((field: ImportField) => {
          const id = `gz-map-${field}`;
          return (
            <div key={field} className="gz-hh-map-row">
              <label htmlFor={id}>
                {t(`households.importFields.${field}`)}
                {field === 'building' || field === 'room' || field === 'headName' ? (
                  <span className="gz-hh-required"> {t('households.import.required')}</span>
                ) : null}
              </label>
              <Select
                id={id}
                value={mapping[field] ?? ''}
                options={options}
                disabled={disabled}
                onChange={(value: string) => onChange({ ...mapping, [field]: value })}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function SampleTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const columns = preview.headers.map((h, i) => ({
    title: h || t('households.import.column', { n: i + 1 }),
    key: String(i),
    render: (_: unknown, row: string[]) => row[i] ?? '',
  }));
  return (
    <>
      <h3 className="gz-hh-subtitle">{t('households.import.sample', { n: preview.sample.length })}</h3>
      <Table<string[]>
        rowKey={(_, index) => String(index)}
        size="small"
        columns={columns}
        dataSource={preview.sample}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

function ReportView({ report, estateId }: { report: ImportReport; estateId: number | undefined }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The result appears below the fold: bring it into view and move focus to it.
  useEffect(() => {
    headingRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    headingRef.current?.focus({ preventScroll: true });
  }, [report]);
  const issueColumns = [
    { title: t('households.import.row'), dataIndex: 'row', key: 'row', width: 90 },
    {
      title: t('households.import.columnName'),
      dataIndex: 'column',
      key: 'column',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('households.import.message'), dataIndex: 'message', key: 'message' },
  ];
  const stats: Array<[string, number]> = [
    [t('households.import.rows'), report.rows],
    [report.dryRun ? t('households.import.wouldImport') : t('households.import.imported'), report.imported],
    [t('households.import.updated'), report.updated],
    [t('households.import.rejected'), report.rejected],
    [t('households.import.skipped'), report.skipped],
  ];
  return (
    <Card
      title={
        <h2 className="gz-section-title" ref={headingRef} tabIndex={-1}>
          {report.dryRun ? t('households.import.checkResult') : t('households.import.result')}
        </h2>
      }
    >
      <div aria-live="polite">
        {report.dryRun ? (
          <Alert type="info" showIcon title={t('households.import.dryRunNote')} />
        ) : (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined aria-hidden />}
            title={t('households.import.importedNote', { n: report.imported + report.updated })}
            description={
              estateId ? (
                <Space wrap>
                  <Link to={`/households?estateId=${estateId}`}>{t('households.estates.households')}</Link>
                  <Link to={`/estates/${estateId}/map`}>{t('households.estates.map')}</Link>
                </Space>
              ) : null
            }
          />
        )}
      </div>
      <Row gutter={[12, 12]} className="gz-hh-stats" role="list" aria-label={t('households.import.counts')}>
        {stats.map(([label, value]) => (
          <Col key={label} xs={12} sm={8} md={4} role="listitem">
            <Card size="small">
              <Statistic title={label} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <h3 className="gz-hh-subtitle">
        {t('households.import.errors')}{' '}
        <Tag color={report.errors.length ? 'error' : 'default'}>{report.errors.length}</Tag>
      </h3>
      <Table<Issue>
        rowKey={(i, index) => `${i.row}:${i.code}:${index}`}
        size="small"
        columns={issueColumns}
        dataSource={report.errors}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('households.import.noErrors') }}
        scroll={{ x: 'max-content' }}
      />
      <h3 className="gz-hh-subtitle">
        {t('households.import.warnings')}{' '}
        <Tag color={report.warnings.length ? 'warning' : 'default'}>{report.warnings.length}</Tag>
      </h3>
      <Table<Issue>
        rowKey={(i, index) => `${i.row}:${i.code}:${index}`}
        size="small"
        columns={issueColumns}
        dataSource={report.warnings}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('households.import.noWarnings') }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
