import { App as AntApp, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DeviceKinds, InHomeKinds } from '../../../contract/iot.kinds.ts';
import { api, type Page as ApiPage } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useKindLabel } from './common.tsx';
import { useCreateDevice, type DeviceKind, type WebhookSecret } from './iot.api.ts';
import './iot.css';
import { NumberInput } from '../../components/NumberInput.tsx';
import { HouseholdSelect } from './HouseholdSelect.tsx';

function useEstates() {
  return useQuery({
    queryKey: ['iot', 'estates'],
    queryFn: ({ signal }) =>
      api.get<ApiPage<{ id: number; name: string }>>('/estates', undefined, { signal }),
  });
}

function useBuildings(estateId: number | undefined) {
  return useQuery({
    queryKey: ['iot', 'buildings', estateId],
    queryFn: ({ signal }) =>
      api.get<ApiPage<{ id: number; number: string }>>(`/estates/${estateId}/buildings`, undefined, {
        signal,
      }),
    enabled: estateId !== undefined,
  });
}

interface DeviceForm {
  code: string;
  kind: DeviceKind;
  name: string;
  estateId: number;
  buildingId?: number;
  householdId?: number;
  placeName?: string;
  x?: number;
  y?: number;
  ports?: number;
  webhook?: boolean;
}

export function CreateDeviceModal({
  open,
  onClose,
  onSecret,
}: {
  open: boolean;
  onClose: () => void;
  onSecret: (s: WebhookSecret) => void;
}) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DeviceForm>();
  const kind = Form.useWatch('kind', form);
  const estateId = Form.useWatch('estateId', form);
  const estates = useEstates();
  const buildings = useBuildings(estateId);
  const create = useCreateDevice();
  const inHome = kind !== undefined && InHomeKinds.includes(kind);
  return (
    <Modal
      open={open}
      title={t('iot.devices.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('iot.devices.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ webhook: false }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (res) => {
              void message.success(t('iot.devices.created'));
              form.resetFields();
              onClose();
              if (res.webhookSecret && res.webhookUrl)
                onSecret({ webhookSecret: res.webhookSecret, webhookUrl: res.webhookUrl });
            },
          })
        }
      >
        <ErrorAlert error={create.error} title={t('errors.title')} />
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="kind" label={t('iot.device.kind')} rules={[{ required: true }]}>
              <Select options={DeviceKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('iot.device.code')}
              rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/ }]}
            >
              <Input placeholder="CY1-SMK-17" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('iot.device.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="estateId" label={t('iot.devices.estate')} rules={[{ required: true }]}>
              <Select options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {inHome ? (
              <Form.Item
                name="householdId"
                label={t('iot.devices.household')}
                rules={[{ required: true }]}
                extra={t('iot.devices.inHomeNeedsConsent')}
              >
                <HouseholdSelect />
              </Form.Item>
            ) : (
              <Form.Item name="buildingId" label={t('iot.devices.building')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.number }))}
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        {!inHome ? <PlaceFields /> : null}
        {kind === 'ebike_station' ? (
          <Form.Item name="ports" label={t('iot.devices.ports')} rules={[{ required: true }]}>
            <NumberInput min={1} max={32} />
          </Form.Item>
        ) : null}
        <Form.Item name="webhook" valuePropName="checked">
          <Checkbox>{t('iot.devices.webhook')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Where an outdoor device stands: a named place and its point on the site plan. */
function PlaceFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="placeName" label={t('iot.devices.placeName')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="x" label={t('iot.devices.x')}>
          <NumberInput min={0} max={10000} className="gz-iot-select-narrow" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="y" label={t('iot.devices.y')}>
          <NumberInput min={0} max={10000} className="gz-iot-select-narrow" />
        </Form.Item>
      </Col>
    </Row>
  );
}
