import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReportBody } from '../../../contract/safety.ts';
import { api } from '../../api/client.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { PhotoPicker, SafetyTabs } from './common.tsx';
import { useSafetyMutation, type WorkOrderDetail } from './safety.api.ts';

const CATEGORIES = ['fire', 'theft', 'fraud', 'residence', 'other'] as const;

/** A resident reports a hazard from the phone: large text, one photo or more, three questions. */
export function ReportPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<number[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const report = useSafetyMutation((body: unknown) => api.post<WorkOrderDetail>('/safety/reports', body));

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, string>;
    const body = ReportBody.parse({ ...v, description: v.description || undefined, photoFileIds: photos });
    const created = await report.mutateAsync(body);
    setDone(created.id);
    setPhotos([]);
    form.resetFields();
  };

  return (
    <Page title={t('safety.report.title')} intro={t('safety.report.intro')}>
      <SafetyTabs />
      <div style={{ maxWidth: 560, fontSize: 18 }}>
        {done !== null ? (
          <Result
            status="success"
            title={t('safety.report.done', { id: done })}
            extra={
              <Space wrap>
                <Button size="large" type="primary" onClick={() => setDone(null)}>
                  {t('safety.report.again')}
                </Button>
                <ButtonLink size="large" to="/safety">
                  {t('safety.report.mine')}
                </ButtonLink>
              </Space>
            }
          />
        ) : (
          <Card>
            <ErrorAlert error={report.error} />
            <Form form={form} layout="vertical" size="large" initialValues={{ category: 'fire' }}>
              <Form.Item
                name="category"
                label={<span style={{ fontSize: 18 }}>{t('safety.report.category')}</span>}
              >
                <Radio.Group>
                  <Space wrap>
                    {CATEGORIES.map((c) => (
                      <Radio.Button key={c} value={c} style={{ fontSize: 17 }}>
                        {t(`safety.category.${c}`)}
                      </Radio.Button>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="title"
                label={<span style={{ fontSize: 18 }}>{t('safety.report.what')}</span>}
                rules={[{ required: true, min: 1, max: 200 }]}
              >
                <Input style={{ fontSize: 18 }} placeholder={t('safety.report.whatPlaceholder')} />
              </Form.Item>
              <Form.Item
                name="place"
                label={<span style={{ fontSize: 18 }}>{t('safety.report.where')}</span>}
                rules={[{ required: true, max: 200 }]}
              >
                <Input style={{ fontSize: 18 }} placeholder={t('safety.report.wherePlaceholder')} />
              </Form.Item>
              <Form.Item
                name="description"
                label={<span style={{ fontSize: 18 }}>{t('safety.report.more')}</span>}
              >
                <Input.TextArea rows={3} style={{ fontSize: 18 }} />
              </Form.Item>
              <Form.Item>
                <PhotoPicker value={photos} onChange={setPhotos} label={t('safety.report.photo')} />
              </Form.Item>
              <Button
                type="primary"
                size="large"
                block
                style={{ height: 56, fontSize: 20 }}
                loading={report.isPending}
                onClick={() => void submit().catch(() => undefined)}
                data-testid="safety-report-submit"
              >
                {t('safety.report.submit')}
              </Button>
            </Form>
          </Card>
        )}
      </div>
    </Page>
  );
}
