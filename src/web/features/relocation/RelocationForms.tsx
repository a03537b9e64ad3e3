import { useState, type ReactNode } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Spin, Switch } from 'antd';
import type { z } from 'zod';
import type { RentalBody } from '../../../contract/relocation.ts';
import { isApiError } from '../../api/client.ts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import {
  useSaveMarketDay,
  useSavePackage,
  useSaveRental,
  useSaveVendor,
  useSaveVolunteer,
  useSaveWarehouse,
  useHouseholdRelocation,
  useSetNeeds,
  useVendorAccounts,
  useVendors,
  type MarketDay,
  type Package,
  type Rental,
  type Vendor,
  type Volunteer,
  type Warehouse,
} from './relocation.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

/**
 * Staff and partner-firm forms of the relocation module: one modal per kind of record, used both
 * to create (no record) and to edit (a record). Empty optional text is sent as absent.
 */

type Values = Record<string, unknown>;

/** Trims strings and drops empty optional ones, so the server stores null rather than ''. */
function clean(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s !== '') out[k] = s;
    } else out[k] = v;
  }
  return out;
}

interface ModalFormProps {
  title: string;
  initialValues: Values;
  fields: readonly string[];
  onClose: () => void;
  submit: (values: Values) => Promise<unknown>;
  children: ReactNode;
}

/** A modal with a vertical form; server field errors land under their fields. */
function ModalForm({ title, initialValues, fields, onClose, submit, children }: ModalFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const onOk = async () => {
    let values: Values;
    try {
      values = (await form.validateFields()) as Values;
    } catch {
      return;
    }
    setPending(true);
    setError(null);
    try {
      await submit(values);
      void message.success(t('relocation.form.saved'));
      onClose();
    } catch (e) {
      const rest = applyFieldErrors(form, e, fields);
      const allPlaced = isApiError(e, 'validation_failed') && e.fieldErrors.length > 0 && rest.length === 0;
      setError(allPlaced ? null : e);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={t('relocation.form.save')}
      cancelText={t('relocation.form.cancel')}
      confirmLoading={pending}
      onOk={() => void onOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** "Add" or "Edit" button that opens a form modal. */
export function FormButton({
  label,
  edit,
  render,
}: {
  label: string;
  edit?: boolean;
  render: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type={edit ? 'link' : 'primary'}
        size={edit ? 'small' : 'middle'}
        icon={edit ? <EditOutlined /> : <PlusOutlined />}
        aria-label={label}
        onClick={() => setOpen(true)}
      >
        {edit ? undefined : label}
      </Button>
      {open ? render(() => setOpen(false)) : null}
    </>
  );
}

const req = (t: TFunction) => [{ required: true, whitespace: true, message: t('relocation.form.required') }];
const reqNum = (t: TFunction) => [{ required: true, message: t('relocation.form.required') }];

// ---- volunteers ----------------------------------------------------------------------------------

export function VolunteerForm({ volunteer, onClose }: { volunteer?: Volunteer; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveVolunteer();
  return (
    <ModalForm
      title={t(volunteer ? 'relocation.form.editVolunteer' : 'relocation.form.addVolunteer')}
      initialValues={volunteer ?? { active: true }}
      fields={['name', 'unit', 'skills', 'availability', 'phone', 'active']}
      onClose={onClose}
      submit={(v) => {
        const body = clean(v);
        if (!volunteer) delete body.active;
        return save.mutateAsync({ id: volunteer?.id, body: body as { name: string } });
      }}
    >
      <Form.Item name="name" label={t('relocation.form.name')} rules={req(t)}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="unit" label={t('relocation.form.unit')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="skills" label={t('relocation.form.skills')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="availability" label={t('relocation.form.availability')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t('relocation.form.phone')}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      {volunteer ? (
        <Form.Item name="active" label={t('relocation.form.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
    </ModalForm>
  );
}

// ---- warehouses ----------------------------------------------------------------------------------

export function WarehouseForm({ warehouse, onClose }: { warehouse?: Warehouse; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveWarehouse();
  return (
    <ModalForm
      title={t(warehouse ? 'relocation.form.editWarehouse' : 'relocation.form.addWarehouse')}
      initialValues={warehouse ?? {}}
      fields={['name', 'address', 'provider', 'capacitySlots']}
      onClose={onClose}
      submit={(v) =>
        save.mutateAsync({
          id: warehouse?.id,
          body: clean(v) as { name: string; capacitySlots: number },
        })
      }
    >
      <Form.Item name="name" label={t('relocation.form.warehouseName')} rules={req(t)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="address" label={t('relocation.form.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="provider" label={t('relocation.form.provider')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="capacitySlots" label={t('relocation.form.capacitySlots')} rules={reqNum(t)}>
        <NumberInput min={1} max={10_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </ModalForm>
  );
}

// ---- partner firms -------------------------------------------------------------------------------

export function VendorForm({ vendor, onClose }: { vendor?: Vendor; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveVendor();
  const accounts = useVendorAccounts();
  return (
    <ModalForm
      title={t(vendor ? 'relocation.form.editVendor' : 'relocation.form.addVendor')}
      initialValues={vendor ?? { kind: 'decoration' }}
      fields={['name', 'kind', 'contact', 'intro', 'userId']}
      onClose={onClose}
      submit={(v) =>
        save.mutateAsync({
          id: vendor?.id,
          body: clean(v) as { name: string; kind: 'agency' | 'decoration' },
        })
      }
    >
      <Form.Item name="name" label={t('relocation.form.vendorName')} rules={req(t)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('relocation.form.kind')} rules={reqNum(t)}>
        <Radio.Group>
          <Radio value="agency">{t('relocation.form.kindAgency')}</Radio>
          <Radio value="decoration">{t('relocation.form.kindDecoration')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="contact" label={t('relocation.form.contact')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="intro" label={t('relocation.form.intro')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="userId" label={t('relocation.form.account')} extra={t('relocation.form.accountHint')}>
        <Select
          allowClear
          loading={accounts.isPending}
          options={(accounts.data?.items ?? [])
            .filter((a) => a.vendorId === null || a.vendorId === vendor?.id)
            .map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))}
        />
      </Form.Item>
    </ModalForm>
  );
}

/** Staff choose the firm a flat or package is for; a firm's own account never sees this field. */
function VendorSelect({ kind }: { kind: 'agency' | 'decoration' }) {
  const { t } = useTranslation();
  const vendors = useVendors();
  return (
    <Form.Item
      name="vendorId"
      label={t(kind === 'agency' ? 'relocation.form.agency' : 'relocation.form.vendor')}
      rules={reqNum(t)}
    >
      <Select
        loading={vendors.isPending}
        options={(vendors.data?.items ?? [])
          .filter((v) => v.kind === kind)
          .map((v) => ({ value: v.id, label: v.name }))}
      />
    </Form.Item>
  );
}

// ---- packages ------------------------------------------------------------------------------------

export function PackageForm({
  pkg,
  chooseVendor,
  onClose,
}: {
  pkg?: Package;
  /** Staff pick the firm; a firm's account offers for itself. */
  chooseVendor: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSavePackage();
  return (
    <ModalForm
      title={t(pkg ? 'relocation.form.editPackage' : 'relocation.form.addPackage')}
      initialValues={pkg ?? {}}
      fields={['vendorId', 'name', 'contents', 'price', 'active']}
      onClose={onClose}
      submit={(v) => {
        const body = clean(v);
        if (pkg) delete body.vendorId;
        return save.mutateAsync({
          id: pkg?.id,
          body: body as { name: string; contents: string; price: number },
        });
      }}
    >
      {chooseVendor && !pkg ? <VendorSelect kind="decoration" /> : null}
      <Form.Item name="name" label={t('relocation.form.packageName')} rules={req(t)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="contents" label={t('relocation.form.contents')} rules={req(t)}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item name="price" label={t('relocation.form.price')} rules={reqNum(t)}>
        <NumberInput min={0} max={10_000_000} style={{ width: '100%' }} />
      </Form.Item>
      {pkg ? (
        <Form.Item name="active" label={t('relocation.form.onOffer')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
    </ModalForm>
  );
}

// ---- market days ---------------------------------------------------------------------------------

export function MarketDayForm({ day, onClose }: { day?: MarketDay; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveMarketDay();
  return (
    <ModalForm
      title={t(day ? 'relocation.form.editMarketDay' : 'relocation.form.addMarketDay')}
      initialValues={day ?? {}}
      fields={['onDate', 'place', 'title']}
      onClose={onClose}
      submit={(v) =>
        save.mutateAsync({ id: day?.id, body: clean(v) as { onDate: string; place: string; title: string } })
      }
    >
      <Form.Item name="title" label={t('relocation.form.marketTitle')} rules={req(t)}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="onDate" label={t('relocation.form.onDate')} rules={req(t)}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="place" label={t('relocation.form.place')} rules={req(t)}>
        <Input maxLength={200} />
      </Form.Item>
    </ModalForm>
  );
}

// ---- rental listings -----------------------------------------------------------------------------

export function RentalForm({
  rental,
  chooseVendor,
  onClose,
}: {
  rental?: Rental;
  chooseVendor: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveRental();
  const editableStatus = rental && (rental.status === 'open' || rental.status === 'withdrawn');
  return (
    <ModalForm
      title={t(rental ? 'relocation.form.editRental' : 'relocation.form.addRental')}
      initialValues={rental ?? { rooms: 1, minMonths: 3, hasLift: false, feeWaived: true }}
      fields={[
        'vendorId',
        'title',
        'location',
        'distanceM',
        'rent',
        'rooms',
        'floor',
        'hasLift',
        'availableFrom',
        'availableTo',
        'minMonths',
        'feeWaived',
        'status',
      ]}
      onClose={onClose}
      submit={(v) => {
        const body = clean(v);
        if (rental) delete body.vendorId;
        if (!editableStatus) delete body.status;
        return save.mutateAsync({ id: rental?.id, body: body as z.input<typeof RentalBody> });
      }}
    >
      {chooseVendor && !rental ? <VendorSelect kind="agency" /> : null}
      <Form.Item name="title" label={t('relocation.form.rentalTitle')} rules={req(t)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="location" label={t('relocation.form.location')} rules={req(t)}>
        <Input maxLength={200} />
      </Form.Item>
      <div className="gz-rl-grid">
        <Form.Item name="distanceM" label={t('relocation.form.distanceM')} rules={reqNum(t)}>
          <NumberInput min={0} max={100_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rent" label={t('relocation.form.rent')} rules={reqNum(t)}>
          <NumberInput min={0} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rooms" label={t('relocation.form.rooms')} rules={reqNum(t)}>
          <NumberInput min={1} max={10} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="floor" label={t('relocation.form.floor')} rules={reqNum(t)}>
          <NumberInput min={-3} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="availableFrom" label={t('relocation.form.availableFrom')} rules={req(t)}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="availableTo" label={t('relocation.form.availableTo')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="minMonths" label={t('relocation.form.minMonths')} rules={reqNum(t)}>
          <NumberInput min={1} max={60} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="hasLift" label={t('relocation.form.hasLift')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="feeWaived" label={t('relocation.form.feeWaived')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {editableStatus ? (
        <Form.Item name="status" label={t('relocation.form.listingStatus')}>
          <Radio.Group>
            <Radio value="open">{t('relocation.rentalStatus.open')}</Radio>
            <Radio value="withdrawn">{t('relocation.rentalStatus.withdrawn')}</Radio>
          </Radio.Group>
        </Form.Item>
      ) : null}
    </ModalForm>
  );
}

// ---- a household's moving date and arrangement (staff) ------------------------------------------

/** Opens with what the household has already said, so saving never clears a field unseen. */
export function NeedsForm({ householdId, onClose }: { householdId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSetNeeds();
  const current = useHouseholdRelocation(householdId);
  if (!current.data)
    return (
      <Modal open title={t('relocation.form.editNeeds')} footer={null} onCancel={onClose}>
        {current.error ? <ErrorAlert error={current.error} /> : <Spin />}
      </Modal>
    );
  const needs = current.data.needs;
  return (
    <ModalForm
      title={t('relocation.form.editNeeds')}
      initialValues={{
        plannedMoveOn: needs.plannedMoveOn ?? undefined,
        transition: needs.transitionSource === 'needs' ? needs.transition : undefined,
        rentBudget: needs.rentBudget ?? undefined,
        note: needs.note ?? undefined,
      }}
      fields={['plannedMoveOn', 'transition', 'rentBudget', 'note']}
      onClose={onClose}
      submit={(v) =>
        save.mutateAsync({
          householdId,
          plannedMoveOn: (v.plannedMoveOn as string | undefined) || null,
          transition: (v.transition as 'self' | 'agency' | 'relatives' | undefined) ?? null,
          rentBudget: (v.rentBudget as number | undefined) ?? null,
          note: ((v.note as string | undefined) ?? '').trim() || null,
        })
      }
    >
      <Form.Item name="plannedMoveOn" label={t('relocation.form.plannedMoveOn')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        name="transition"
        label={t('relocation.form.transition')}
        extra={
          needs.transitionSource === 'plan' && needs.transition
            ? `${t(`relocation.transition.${needs.transition}`)} ${t('relocation.card.transitionFromPlan')}`
            : undefined
        }
      >
        <Select
          allowClear
          options={(['self', 'agency', 'relatives'] as const).map((k) => ({
            value: k,
            label: t(`relocation.transition.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="rentBudget" label={t('relocation.form.rentBudget')}>
        <NumberInput min={0} max={1_000_000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('relocation.form.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </ModalForm>
  );
}
