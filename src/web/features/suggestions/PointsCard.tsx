import { App, Button, Card, Col, Form, Input, Row, Select, Tree } from 'antd';
import { useTranslation } from 'react-i18next';
import { PointKinds } from '../../../contract/suggestions.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCreatePoint, usePoints, type CollectionPoint } from './suggestions.api.ts';

type PointKind = (typeof PointKinds)[number];

const PARENT_KIND: Record<PointKind, PointKind | null> = { centre: null, zone: 'centre', point: 'zone' };

export function PointsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const points = usePoints();
  const items = points.data?.items ?? [];
  interface TreeNode {
    key: number;
    title: string;
    children: TreeNode[];
  }
  const node = (id: number | null): TreeNode[] =>
    items
      .filter((p) => p.parentId === id)
      .map((p) => ({
        key: p.id,
        title: `${p.name}${p.openingHours ? ` · ${p.openingHours}` : ''}${p.staff ? ` · ${p.staff}` : ''} · ${t('suggestions.network.count', { n: p.suggestionCount })}`,
        children: node(p.id),
      }));
  const count = (kind: string) => items.filter((p) => p.kind === kind).length;
  return (
    <Card
      title={
        <h2 className="gz-section-title">
          {t('suggestions.network.points', { c: count('centre'), z: count('zone'), p: count('point') })}
        </h2>
      }
    >
      <ErrorAlert error={points.error} />
      {items.length > 0 ? <Tree treeData={node(null)} defaultExpandAll selectable={false} /> : null}
      {hasPermission(me, 'suggestion.manage') ? <NewPointForm points={items} /> : null}
    </Card>
  );
}

interface PointValues {
  kind: PointKind;
  parentId?: number;
  name: string;
  address?: string;
  staff?: string;
  openingHours?: string;
}

function NewPointForm({ points }: { points: CollectionPoint[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreatePoint();
  const [form] = Form.useForm<PointValues>();
  const kind = Form.useWatch('kind', form) ?? 'point';
  const parentKind = PARENT_KIND[kind];
  return (
    <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.newPoint')}>
      <Form<PointValues>
        name="sg-point"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'point' }}
        onFinish={(v) =>
          create.mutate(
            {
              kind: v.kind,
              ...(PARENT_KIND[v.kind] && v.parentId ? { parentId: v.parentId } : {}),
              name: v.name,
              address: v.address ?? '',
              staff: v.staff ?? '',
              openingHours: v.openingHours ?? '',
            },
            {
              onSuccess: () => {
                void message.success(t('suggestions.manage.saved'));
                form.resetFields();
              },
            },
          )
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('suggestions.manage.kind')} rules={[{ required: true }]}>
              <Select
                options={PointKinds.map((k) => ({ value: k, label: t(`suggestions.manage.kinds.${k}`) }))}
                onChange={() => form.setFieldValue('parentId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {parentKind ? (
              <Form.Item name="parentId" label={t('suggestions.manage.parent')} rules={[{ required: true }]}>
                <Select
                  options={points
                    .filter((p) => p.kind === parentKind)
                    .map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            ) : null}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('suggestions.manage.name')}
              rules={[{ required: true, max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="address" label={t('suggestions.manage.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="staff" label={t('suggestions.manage.staff')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="openingHours"
              label={t('suggestions.manage.openingHours')}
              rules={[{ max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={create.error} />
        <Button htmlType="submit" loading={create.isPending}>
          {t('suggestions.manage.addPoint')}
        </Button>
      </Form>
    </Card>
  );
}
