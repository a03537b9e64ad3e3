import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveWarehouse, type Warehouse } from './relocation.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';
import { ModalForm, clean, req, reqNum } from './ModalForm.tsx';

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
