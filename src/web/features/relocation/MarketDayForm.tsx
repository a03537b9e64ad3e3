import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveMarketDay, type MarketDay } from './relocation.api.ts';
import { ModalForm, clean, req } from './ModalForm.tsx';

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
