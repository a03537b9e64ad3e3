import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveVendor, useVendorAccounts, type Vendor } from './relocation.api.ts';
import { ModalForm, clean, req, reqNum } from './ModalForm.tsx';

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
