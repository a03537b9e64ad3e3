import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Table, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AgeBands } from '../../../contract/households.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUpdateHousehold, type HouseholdFile, type Member } from './households.api.ts';

/** 家庭成员: a table; with `actions.edit` it turns into an editable list saved as a whole. */
export function MembersCard({ file }: { file: HouseholdFile }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const columns: TableProps<Member>['columns'] = [
    { title: t('households.members.name'), dataIndex: 'name', key: 'name' },
    { title: t('households.members.relation'), dataIndex: 'relation', key: 'relation' },
    {
      title: t('households.members.ageBand'),
      dataIndex: 'ageBand',
      key: 'ageBand',
      render: (v: Member['ageBand']) => (v ? t('households.members.age', { band: v }) : t('common.none')),
    },
  ];
  return (
    <Card
      title={<h2 className="gz-section-title">{t('households.members.title')}</h2>}
      extra={
        file.actions.edit && !editing ? (
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('households.members.edit')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <MembersForm file={file} onDone={() => setEditing(false)} />
      ) : (
        <Table<Member>
          rowKey={(m) => `${m.name}:${m.relation}`}
          size="small"
          columns={columns}
          dataSource={file.members}
          pagination={false}
          locale={{ emptyText: t('households.members.empty') }}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}

function MembersForm({ file, onDone }: { file: HouseholdFile; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ members: Member[] }>();
  const update = useUpdateHousehold(file.id);
  return (
    <Form<{ members: Member[] }>
      form={form}
      name="household-members"
      initialValues={{ members: file.members }}
      onFinish={(values) =>
        update.mutate(
          {
            members: (values.members ?? []).map((m) => ({
              name: m.name,
              relation: m.relation ?? '',
              ageBand: m.ageBand ?? null,
            })),
          },
          {
            onSuccess: () => {
              void message.success(t('households.file.saved'));
              onDone();
            },
          },
        )
      }
    >
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} className="gz-hh-member-row">
                <legend className="gz-visually-hidden">
                  {t('households.members.row', { n: index + 1 })}
                </legend>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[
                    { required: true, whitespace: true, message: t('households.members.nameRequired') },
                  ]}
                >
                  <Input
                    maxLength={50}
                    placeholder={t('households.members.name')}
                    aria-label={`${t('households.members.name')} ${index + 1}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'relation']}>
                  <Input
                    maxLength={20}
                    placeholder={t('households.members.relationPlaceholder')}
                    aria-label={`${t('households.members.relation')} ${index + 1}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'ageBand']}>
                  <Select
                    allowClear
                    placeholder={t('households.members.ageBand')}
                    aria-label={`${t('households.members.ageBand')} ${index + 1}`}
                    options={AgeBands.map((b) => ({
                      value: b,
                      label: t('households.members.age', { band: b }),
                    }))}
                    className="gz-hh-age"
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`${t('households.members.remove')} ${index + 1}`}
                  onClick={() => remove(field.name)}
                />
              </fieldset>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ name: '', relation: '', ageBand: null })}
            >
              {t('households.members.add')}
            </Button>
          </>
        )}
      </Form.List>
      <ErrorAlert error={update.error} />
      <div className="gz-hh-form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
