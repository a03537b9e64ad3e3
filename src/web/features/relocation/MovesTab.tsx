import { useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormButton } from './ModalForm.tsx';
import { VolunteerForm } from './VolunteerForm.tsx';
import {
  useMoves,
  useScheduleMove,
  useVolunteers,
  type MoveRequest,
  type Volunteer,
} from './relocation.api.ts';
import { SectionHead } from './SectionHead.tsx';

export function MovesTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const moves = useMoves();
  const volunteers = useVolunteers();
  const active = (volunteers.data?.items ?? []).filter((v) => v.active);
  return (
    <>
      <ErrorAlert error={moves.error ?? volunteers.error} />
      <SectionHead title={t('relocation.staff2.moves')} />
      <Table<MoveRequest>
        rowKey="id"
        size="middle"
        loading={moves.isPending}
        dataSource={moves.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('relocation.col.household'),
            render: (_, m) => <Link to={`/households/${m.householdId}`}>{m.householdLabel}</Link>,
          },
          {
            title: t('relocation.col.date'),
            render: (_, m) =>
              `${m.moveOn} ${t(`relocation.slot.${m.slot}`)} · ${t(`relocation.direction.${m.direction}`)}`,
          },
          { title: t('relocation.col.volume'), dataIndex: 'volumeM3' },
          { title: t('relocation.col.stairs'), dataIndex: 'stairsFloors' },
          { title: t('relocation.col.fragile'), dataIndex: 'fragile' },
          {
            title: t('relocation.col.status'),
            render: (_, m) => (
              <>
                <Tag>{t(`relocation.moveStatus.${m.status}`)}</Tag>
                {m.needsStorage ? <Tag color="blue">{t('relocation.staff.tabStorage')}</Tag> : null}
              </>
            ),
          },
          { title: t('relocation.col.team'), render: (_, m) => m.team.map((v) => v.name).join('、') },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, m: MoveRequest) =>
                    m.status === 'requested' || m.status === 'scheduled' ? (
                      <ScheduleForm move={m} options={active} />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <SectionHead
        title={t('relocation.staff2.volunteers')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addVolunteer')}
              render={(close) => <VolunteerForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<Volunteer>
        rowKey="id"
        size="middle"
        loading={volunteers.isPending}
        dataSource={volunteers.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('relocation.form.name'), dataIndex: 'name' },
          { title: t('relocation.form.unit'), dataIndex: 'unit' },
          { title: t('relocation.form.skills'), dataIndex: 'skills' },
          { title: t('relocation.form.availability'), dataIndex: 'availability' },
          { title: t('relocation.form.phone'), dataIndex: 'phone' },
          { title: t('relocation.col.team'), dataIndex: 'jobs' },
          {
            title: t('relocation.col.status'),
            render: (_, v) =>
              v.active ? (
                <Tag color="green">{t('relocation.form.active')}</Tag>
              ) : (
                <Tag>{t('relocation.form.inactive')}</Tag>
              ),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, v: Volunteer) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editVolunteer')} ${v.name}`}
                      render={(close) => <VolunteerForm volunteer={v} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function ScheduleForm({
  move,
  options,
}: {
  move: MoveRequest;
  options: Array<{ id: number; name: string }>;
}) {
  const { t } = useTranslation();
  const schedule = useScheduleMove();
  const [picked, setPicked] = useState<number[]>(move.team.map((v) => v.id));
  return (
    <div>
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 200 }}
          aria-label={`${t('relocation.chooseVolunteers')} ${move.householdLabel}`}
          placeholder={t('relocation.chooseVolunteers')}
          value={picked}
          onChange={setPicked}
          options={options.map((v) => ({ value: v.id, label: v.name }))}
        />
        <Button
          type="primary"
          disabled={picked.length === 0}
          loading={schedule.isPending}
          onClick={() => schedule.mutate({ id: move.id, volunteerIds: picked })}
        >
          {t('relocation.schedule')}
        </Button>
      </Space>
      <ErrorAlert error={schedule.error} />
    </div>
  );
}
