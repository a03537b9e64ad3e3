import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveVolunteer, type Volunteer } from './relocation.api.ts';
import { ModalForm, clean, req } from './ModalForm.tsx';

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
