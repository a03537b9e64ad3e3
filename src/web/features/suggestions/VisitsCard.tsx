import { App, Button, Card, Col, DatePicker, Form, Input, Row, Table } from 'antd';
import { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCreateVisit, useVisits } from './suggestions.api.ts';

export function VisitsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const visits = useVisits();
  const create = useCreateVisit();
  const [form] = Form.useForm<{ leaderName: string; visitedOn: Dayjs; place: string; notes?: string }>();
  return (
    <Card title={<h2 className="gz-section-title">{t('suggestions.manage.visits')}</h2>}>
      <ErrorAlert error={visits.error} />
      <Table
        rowKey="id"
        pagination={false}
        dataSource={visits.data?.items ?? []}
        columns={[
          { title: t('suggestions.manage.visitedOn'), dataIndex: 'visitedOn' },
          { title: t('suggestions.manage.leaderName'), dataIndex: 'leaderName' },
          { title: t('suggestions.manage.place'), dataIndex: 'place' },
          { title: t('suggestions.manage.visitNotes'), dataIndex: 'notes' },
          { title: t('suggestions.network.received'), dataIndex: 'suggestionCount' },
        ]}
        scroll={{ x: 700 }}
      />
      {hasPermission(me, 'suggestion.handle') ? (
        <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.newVisit')}>
          <Form
            name="sg-visit"
            form={form}
            layout="vertical"
            onFinish={(v) =>
              create.mutate(
                {
                  leaderName: v.leaderName,
                  visitedOn: v.visitedOn.format('YYYY-MM-DD'),
                  place: v.place,
                  notes: v.notes ?? '',
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
              <Col xs={24} sm={8}>
                <Form.Item
                  name="leaderName"
                  label={t('suggestions.manage.leaderName')}
                  rules={[{ required: true, max: 100 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="visitedOn"
                  label={t('suggestions.manage.visitedOn')}
                  rules={[{ required: true }]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="place"
                  label={t('suggestions.manage.place')}
                  rules={[{ required: true, max: 200 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="notes" label={t('suggestions.manage.visitNotes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <ErrorAlert error={create.error} />
            <Button htmlType="submit" loading={create.isPending}>
              {t('suggestions.manage.addVisit')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Card>
  );
}
