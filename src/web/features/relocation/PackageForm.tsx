import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSavePackage, type Package } from './relocation.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';
import { ModalForm, VendorSelect, clean, req, reqNum } from './ModalForm.tsx';

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
