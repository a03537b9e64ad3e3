import { Checkbox, DatePicker, Form, Input, Modal, Select, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  BuildingHazardCodes,
  ChargingSiteKinds,
  CustodyCodes,
  IssuanceBandCodes,
} from '../../../contract/safety.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NumberInput } from '../../components/NumberInput.tsx';
import { BuildingSelect } from './BuildingSelect.tsx';
import { useSafetyMutation, type RentalFlat } from './safety.api.ts';

export type Dialog =
  | { kind: 'building' | 'rental' | 'merchant' | 'charging' }
  | { kind: 'notice' | 'recheck'; flat: RentalFlat }
  | null;

/** The registers' one dialog: adds a row to a register, records a recheck or issues a notice. */
export function RegisterDialog({
  dialog,
  form,
  onClose,
}: {
  dialog: Dialog;
  form: FormInstance;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSafetyMutation((v: { path: string; body: unknown }) =>
    api.post<unknown>(`/safety/registers/${v.path}`, v.body),
  );

  const facts = (v: Record<string, unknown>) => ({
    occupants: v.occupants,
    rooms: v.rooms,
    areaM2: v.areaM2,
    partitions: Boolean(v.partitions),
    bedsInKitchenOrBalcony: Boolean(v.bedsInKitchenOrBalcony),
    note: (v.note as string) || undefined,
  });
  const submit = async () => {
    if (!dialog) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    const note = (v.note as string) || undefined;
    if (dialog.kind === 'building')
      await save.mutateAsync({
        path: 'buildings',
        body: { buildingId: v.buildingId, hazards: v.hazards ?? [], note },
      });
    if (dialog.kind === 'rental')
      await save.mutateAsync({
        path: 'rentals',
        body: { address: v.address, landlordName: (v.landlordName as string) || undefined, ...facts(v) },
      });
    if (dialog.kind === 'recheck')
      await save.mutateAsync({ path: `rentals/${dialog.flat.id}/checks`, body: facts(v) });
    if (dialog.kind === 'notice')
      await save.mutateAsync({
        path: `rentals/${dialog.flat.id}/notice`,
        body: {
          noticeNo: v.noticeNo,
          deadline: (v.deadline as { format: (f: string) => string }).format('YYYY-MM-DD'),
        },
      });
    if (dialog.kind === 'merchant')
      await save.mutateAsync({
        path: 'merchants',
        body: { ...v, complaints: v.complaints ?? 0, monthsOperating: v.monthsOperating ?? undefined, note },
      });
    if (dialog.kind === 'charging')
      await save.mutateAsync({
        path: 'charging-sites',
        body: {
          ...v,
          distanceOk: Boolean(v.distanceOk),
          canopy: Boolean(v.canopy),
          extinguisher: Boolean(v.extinguisher),
          cctv: Boolean(v.cctv),
          autoCutoff: Boolean(v.autoCutoff),
          note,
        },
      });
    onClose();
    form.resetFields();
  };

  return (
    <Modal
      open={dialog !== null}
      title={
        dialog?.kind === 'notice'
          ? t('safety.registers.issueNotice')
          : dialog?.kind === 'recheck'
            ? `${t('safety.registers.recheck')} · ${dialog.flat.address}`
            : t('safety.registers.add')
      }
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={save.isPending}
      okText={t('safety.registers.save')}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" preserve={false}>
        {dialog?.kind === 'building' ? <BuildingFields /> : null}
        {dialog?.kind === 'rental' ? <RentalFields /> : null}
        {dialog?.kind === 'recheck' ? <FactFields /> : null}
        {dialog?.kind === 'notice' ? <NoticeFields /> : null}
        {dialog?.kind === 'merchant' ? <MerchantFields /> : null}
        {dialog?.kind === 'charging' ? <ChargingFields /> : null}
      </Form>
    </Modal>
  );
}

/** A building and its hazards. */
function BuildingFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="buildingId" label={t('safety.registers.building')} rules={[{ required: true }]}>
        <BuildingSelect />
      </Form.Item>
      <Form.Item name="hazards" label={t('safety.registers.hazards')}>
        <Checkbox.Group
          options={BuildingHazardCodes.map((h) => ({ value: h, label: t(`safety.hazard.${h}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('safety.registers.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** A rental flat: address, landlord and the facts the rule weighs. */
function RentalFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="address" label={t('safety.registers.address')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="landlordName" label={t('safety.registers.landlord')}>
        <Input />
      </Form.Item>
      <FactFields />
    </>
  );
}

/** What the 群租 rule weighs: occupants, rooms, area, partitions, beds in kitchen or balcony. */
function FactFields() {
  const { t } = useTranslation();
  return (
    <>
      <Space wrap>
        <Form.Item name="occupants" label={t('safety.registers.occupants')} rules={[{ required: true }]}>
          <NumberInput min={0} max={200} />
        </Form.Item>
        <Form.Item name="rooms" label={t('safety.registers.rooms')} rules={[{ required: true }]}>
          <NumberInput min={0} max={50} />
        </Form.Item>
        <Form.Item name="areaM2" label={t('safety.registers.area')} rules={[{ required: true }]}>
          <NumberInput min={1} max={10000} />
        </Form.Item>
      </Space>
      <CheckField name="partitions" label={t('safety.registers.partitions')} />
      <CheckField name="bedsInKitchenOrBalcony" label={t('safety.registers.beds')} />
      <Form.Item name="note" label={t('safety.registers.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** A rectification notice: its number and deadline. */
function NoticeFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="noticeNo" label={t('safety.registers.noticeNo')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="deadline" label={t('safety.registers.deadline')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
    </>
  );
}

/** A prepaid-card merchant. */
function MerchantFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('safety.registers.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="businessType" label={t('safety.registers.businessType')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t('safety.registers.address')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="issuanceBand" label={t('safety.registers.issuance')} rules={[{ required: true }]}>
        <Select options={IssuanceBandCodes.map((c) => ({ value: c, label: t(`safety.issuance.${c}`) }))} />
      </Form.Item>
      <Form.Item name="custody" label={t('safety.registers.custody')} rules={[{ required: true }]}>
        <Select options={CustodyCodes.map((c) => ({ value: c, label: t(`safety.custody.${c}`) }))} />
      </Form.Item>
      <Space>
        <Form.Item name="complaints" label={t('safety.registers.complaints')} initialValue={0}>
          <NumberInput min={0} />
        </Form.Item>
        <Form.Item name="monthsOperating" label={t('safety.registers.months')}>
          <NumberInput min={0} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('safety.registers.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** A charging site and its safety measures. */
function ChargingFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('safety.registers.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="place" label={t('safety.registers.place')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space>
        <Form.Item name="kind" label={t('safety.registers.kind')} rules={[{ required: true }]}>
          <Select
            style={{ width: 160 }}
            options={ChargingSiteKinds.map((c) => ({ value: c, label: t(`safety.siteKind.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="ports" label={t('safety.registers.ports')} rules={[{ required: true }]}>
          <NumberInput min={0} />
        </Form.Item>
      </Space>
      <CheckField name="distanceOk" label={t('safety.registers.distanceOk')} />
      <CheckField name="canopy" label={t('safety.registers.canopy')} />
      <CheckField name="extinguisher" label={t('safety.registers.extinguisher')} />
      <CheckField name="cctv" label={t('safety.registers.cctv')} />
      <CheckField name="autoCutoff" label={t('safety.registers.autoCutoff')} />
      <Form.Item name="note" label={t('safety.registers.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

function CheckField({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} valuePropName="checked" style={{ marginBottom: 4 }}>
      <Checkbox>{label}</Checkbox>
    </Form.Item>
  );
}
