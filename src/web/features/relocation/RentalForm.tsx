import { Form, Input, Radio, Switch } from 'antd';
import type { z } from 'zod';
import type { RentalBody } from '../../../contract/relocation.ts';
import { useTranslation } from 'react-i18next';
import { useSaveRental, type Rental } from './relocation.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';
import { ModalForm, VendorSelect, clean, req, reqNum } from './ModalForm.tsx';

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
