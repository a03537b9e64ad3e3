import { useId, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
  type TableProps,
} from 'antd';
import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OrgUnitKinds } from '../../../contract/households.ts';
import type { Role } from '../../../contract/permissions.ts';
import { roleLabel } from '../../i18n/labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useAddOrgMember,
  useAssign,
  useCreateOrgUnit,
  useEstateNames,
  useEstates,
  useHouseholds,
  useOrgUnits,
  useStaff,
  type HouseholdSummary,
  type OrgUnit,
} from './households.api.ts';
import { estateColumn, householdAddress } from './HouseholdsPage.tsx';
import { StageTag } from './labels.tsx';
import './households.css';

interface TreeNode {
  key: number;
  title: string;
  children: TreeNode[];
}

function buildTree(units: OrgUnit[]): TreeNode[] {
  const ids = new Set(units.map((u) => u.id));
  const childrenOf = (parentId: number | null): TreeNode[] =>
    units
      .filter((u) =>
        parentId === null ? u.parentId === null || !ids.has(u.parentId) : u.parentId === parentId,
      )
      .map((u) => ({ key: u.id, title: u.name, children: childrenOf(u.id) }));
  return childrenOf(null);
}

/** 组织与包干: temporary party committee, branches, task forces; who is responsible for which households. */
export function OrgPage() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useMemo(() => units.data?.items ?? [], [units.data]);
  const tree = useMemo(() => buildTree(list), [list]);
  const current = list.find((u) => u.id === selected) ?? list[0] ?? null;

  return (
    <Page
      title={t('households.org.title')}
      intro={t('households.org.intro')}
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('households.org.createUnit')}
        </Button>
      }
    >
      <ErrorAlert error={units.error} title={t('errors.loadFailed')} onRetry={() => void units.refetch()} />
      {units.isPending ? (
        <FullPageSpin />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={9}>
            <Card title={<h2 className="gz-section-title">{t('households.org.units')}</h2>}>
              {tree.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.org.noUnits')} />
              ) : (
                <Tree<TreeNode>
                  treeData={tree}
                  defaultExpandAll
                  blockNode
                  selectedKeys={current ? [current.id] : []}
                  onSelect={(keys) => {
                    if (keys[0] !== undefined) setSelected(Number(keys[0]));
                  }}
                  aria-label={t('households.org.units')}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} md={15}>
            {current ? <UnitCard unit={current} /> : null}
          </Col>
        </Row>
      )}
      <AssignCard units={list} />
      {creating ? <CreateUnitModal units={list} onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

function UnitCard({ unit }: { unit: OrgUnit }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const staffOptions = useStaffOptions();
  const add = useAddOrgMember();
  const [form] = Form.useForm<{ userId: number; role?: string; seesUnit?: boolean }>();
  const staffId = useId();
  return (
    <Card
      title={<h2 className="gz-section-title">{unit.name}</h2>}
      extra={<Tag>{t(`households.org.kind_${unit.kind}`)}</Tag>}
    >
      <p className="gz-hh-meta">{t('households.org.unitHouseholds', { n: unit.households })}</p>
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={unit.members}
        locale={{ emptyText: t('households.org.noMembers') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('households.org.member'), dataIndex: 'name', key: 'name' },
          { title: t('households.org.role'), dataIndex: 'role', key: 'role' },
          {
            title: t('households.org.seesUnit'),
            dataIndex: 'seesUnit',
            key: 'seesUnit',
            render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
          },
        ]}
      />
      <h3 className="gz-hh-subtitle">{t('households.org.addMember')}</h3>
      <Form
        form={form}
        layout="inline"
        name={`add-member-${unit.id}`}
        className="gz-toolbar"
        initialValues={{ seesUnit: false }}
        onFinish={(v) =>
          add.mutate(
            {
              unitId: unit.id,
              body: { userId: v.userId, role: v.role?.trim() || 'member', seesUnit: Boolean(v.seesUnit) },
            },
            {
              onSuccess: () => {
                void message.success(t('households.org.memberAdded'));
                form.resetFields();
              },
            },
          )
        }
      >
        <Form.Item
          name="userId"
          label={t('households.org.staff')}
          htmlFor={staffId}
          rules={[{ required: true, message: t('households.org.staffRequired') }]}
        >
          <Select
            id={staffId}
            className="gz-hh-member-select"
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isLoading}
            options={staffOptions}
          />
        </Form.Item>
        <Form.Item name="role" label={t('households.org.role')}>
          <Input maxLength={50} placeholder={t('households.org.rolePlaceholder')} />
        </Form.Item>
        <Form.Item name="seesUnit" valuePropName="checked">
          <Checkbox>{t('households.org.seesUnitLabel')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<UserAddOutlined aria-hidden />} loading={add.isPending}>
            {t('households.org.add')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={add.error} />
    </Card>
  );
}

function CreateUnitModal({ units, onClose }: { units: OrgUnit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; kind: OrgUnit['kind']; parentId?: number }>();
  const create = useCreateOrgUnit();
  return (
    <Modal
      open
      title={t('households.org.createUnit')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="create-unit"
        initialValues={{ kind: 'work_group' }}
        onFinish={(v) =>
          create.mutate(
            { name: v.name, kind: v.kind, ...(v.parentId ? { parentId: v.parentId } : {}) },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('households.org.unitName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('households.org.kind')} rules={[{ required: true }]}>
          <Select options={OrgUnitKinds.map((k) => ({ value: k, label: t(`households.org.kind_${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('households.org.parent')}>
          <Select allowClear options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      </Form>
      <ErrorAlert error={create.error} />
    </Modal>
  );
}

/** Staff to pick from, each with the role's name in the interface language (not the role code). */
function useStaffOptions() {
  const { t } = useTranslation();
  const staff = useStaff();
  return (staff.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.name}（${roleLabel(t, s.role as Role)}）`,
  }));
}

function AssignCard({ units }: { units: OrgUnit[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const staffOptions = useStaffOptions();
  const estates = useEstates();
  const estateName = useEstateNames();
  const assign = useAssign();
  const [userId, setUserId] = useState<number | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [estateId, setEstateId] = useState<number | undefined>();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const ids = { staff: useId(), unit: useId(), q: useId(), estate: useId() };
  const households = useHouseholds(
    { q: search || undefined, estateId, limit: 20, offset: (page - 1) * 20 },
    search !== '',
  );

  const columns: TableProps<HouseholdSummary>['columns'] = [
    { title: t('households.fields.address'), key: 'address', render: (_, h) => householdAddress(h) },
    estateColumn(t, estateName),
    { title: t('households.fields.head'), dataIndex: 'headName', key: 'headName' },
    {
      title: t('households.fields.stage'),
      dataIndex: 'stage',
      key: 'stage',
      render: (s: HouseholdSummary['stage']) => <StageTag stage={s} />,
    },
  ];

  return (
    <Card
      className="gz-hh-assign"
      title={<h2 className="gz-section-title">{t('households.org.assignTitle')}</h2>}
    >
      <p className="gz-hh-meta">{t('households.org.assignIntro')}</p>
      <div className="gz-toolbar">
        <div className="gz-hh-field">
          <label htmlFor={ids.staff} className="gz-toolbar-label">
            {t('households.org.staff')}
          </label>
          <Select
            id={ids.staff}
            className="gz-hh-select-wide"
            showSearch={{ optionFilterProp: 'label' }}
            value={userId}
            onChange={setUserId}
            placeholder={t('households.org.pickStaff')}
            options={staffOptions}
          />
        </div>
        <div className="gz-hh-field">
          <label htmlFor={ids.unit} className="gz-toolbar-label">
            {t('households.org.unit')}
          </label>
          <Select
            id={ids.unit}
            className="gz-hh-select-wide"
            allowClear
            value={unitId}
            onChange={setUnitId}
            placeholder={t('households.org.noUnit')}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </div>
        <div className="gz-hh-field">
          <label htmlFor={ids.estate} className="gz-toolbar-label">
            {t('households.fields.estate')}
          </label>
          <Select
            id={ids.estate}
            className="gz-hh-select-wide"
            allowClear
            value={estateId}
            onChange={(v: number | undefined) => {
              setEstateId(v);
              setPage(1);
            }}
            placeholder={t('households.list.allEstates')}
            loading={estates.isLoading}
            options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </div>
        <div className="gz-hh-field gz-hh-field-search" role="search">
          <label htmlFor={ids.q} className="gz-toolbar-label">
            {t('households.list.searchLabel')}
          </label>
          <Input.Search
            id={ids.q}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('households.list.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={50}
            onSearch={(v) => {
              setSearch(v.trim());
              setPage(1);
            }}
          />
        </div>
      </div>
      <ErrorAlert error={households.error} title={t('errors.loadFailed')} />
      {search ? (
        <Table<HouseholdSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={households.data?.items ?? []}
          loading={households.isFetching}
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setSelected(keys.map(Number)),
          }}
          pagination={{
            current: page,
            pageSize: 20,
            total: households.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { total: n }),
          }}
          scroll={{ x: 'max-content' }}
        />
      ) : null}
      <Space wrap className="gz-hh-import-actions">
        <span>{t('households.org.selected', { n: selected.length })}</span>
        <Button
          type="primary"
          disabled={!userId || selected.length === 0}
          loading={assign.isPending}
          onClick={() =>
            userId &&
            assign.mutate(
              { userId, householdIds: selected, ...(unitId ? { orgUnitId: unitId } : {}) },
              {
                onSuccess: (r) => {
                  void message.success(t('households.org.assigned', { n: r.assigned }));
                  setSelected([]);
                },
              },
            )
          }
        >
          {t('households.org.assign')}
        </Button>
      </Space>
      <ErrorAlert error={assign.error} />
    </Card>
  );
}
