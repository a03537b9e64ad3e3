import { useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Row, Space, Statistic } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { useCreateEstate, useEstates } from './households.api.ts';
import './households.css';

/** 小区: the estates of the street, each with its battle map and household list. */
export function EstatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const estates = useEstates();
  const [creating, setCreating] = useState(false);
  const canRead = hasPermission(me, ['household.read', 'household.read_all']);

  return (
    <Page
      title={t('households.estates.title')}
      intro={t('households.estates.intro')}
      actions={
        hasPermission(me, 'estate.manage') ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('households.estates.create')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert
        error={estates.error}
        title={t('errors.loadFailed')}
        onRetry={() => void estates.refetch()}
      />
      {estates.isPending ? (
        <FullPageSpin />
      ) : (estates.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('households.estates.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          {estates.data?.items.map((e) => (
            <Col key={e.id} xs={24} md={12} xl={8}>
              <Card title={<h2 className="gz-section-title">{e.name}</h2>}>
                {e.address ? <p className="gz-hh-meta">{e.address}</p> : null}
                <Space size={32} wrap>
                  <Statistic title={t('households.estates.buildings')} value={e.buildings} />
                  <Statistic title={t('households.estates.householdCount')} value={e.households} />
                </Space>
                <Space wrap className="gz-hh-card-actions">
                  <ButtonLink
                    type="primary"
                    to={`/estates/${e.id}/map`}
                    aria-label={`${t('households.estates.map')} ${e.name}`}
                  >
                    {t('households.estates.map')}
                  </ButtonLink>
                  {canRead ? (
                    <ButtonLink
                      to={`/households?estateId=${e.id}`}
                      aria-label={`${t('households.estates.households')} ${e.name}`}
                    >
                      {t('households.estates.households')}
                    </ButtonLink>
                  ) : null}
                  {hasPermission(me, 'estate.manage') ? (
                    <ButtonLink
                      to={`/estates/${e.id}/site-plan`}
                      aria-label={`${t('households.sitePlan.link')} ${e.name}`}
                    >
                      {t('households.sitePlan.link')}
                    </ButtonLink>
                  ) : null}
                  {hasPermission(me, 'round.read') ? (
                    <ButtonLink to={`/estates/${e.id}/renewal`}>{t('renewal.estate.link')}</ButtonLink>
                  ) : null}
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {creating ? <CreateEstateModal onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

function CreateEstateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; address?: string }>();
  const create = useCreateEstate();
  return (
    <Modal
      open
      title={t('households.estates.create')}
      okText={t('households.estates.createSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="create-estate"
        onFinish={(v) =>
          create.mutate(
            { name: v.name, ...(v.address?.trim() ? { address: v.address.trim() } : {}) },
            {
              onSuccess: () => {
                void message.success(t('households.estates.created'));
                onClose();
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
      </Form>
      <ErrorAlert error={create.error} />
    </Modal>
  );
}
