import { Button, Card, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSaveSettings, useSettings, type SuggestionSettings } from './suggestions.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

export function SettingsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useSettings();
  const save = useSaveSettings();
  if (!settings.data) return null;
  const canEdit = hasPermission(me, 'suggestion.manage');
  const fields: Array<keyof SuggestionSettings> = ['acceptDays', 'assignDays', 'handleDays', 'answerDays'];
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="gz-section-title">{t('suggestions.network.deadlines')}</h2>}
    >
      <Form
        layout="inline"
        initialValues={settings.data}
        onFinish={(v: SuggestionSettings) => save.mutate(v)}
        disabled={!canEdit}
      >
        {fields.map((f) => (
          <Form.Item key={f} name={f} label={t(`suggestions.network.${f}`)} rules={[{ required: true }]}>
            <NumberInput min={1} max={365} />
          </Form.Item>
        ))}
        {canEdit ? (
          <Button htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
      <ErrorAlert error={save.error} />
    </Card>
  );
}
