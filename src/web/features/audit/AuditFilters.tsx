import { useEffect } from 'react';
import { Button, Form, Input } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface AuditFilterValues {
  entityType: string;
  action: string;
}

interface AuditFiltersProps {
  values: AuditFilterValues;
  onApply: (values: AuditFilterValues) => void;
}

/** Entity type and action filters; the page keeps them in the address so links can be shared. */
export function AuditFilters({ values, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditFilterValues>();

  const { entityType, action } = values;

  // Follow the address (back button, shared link) without remounting the form.
  useEffect(() => {
    form.setFieldsValue({ entityType, action });
  }, [form, entityType, action]);

  return (
    <section aria-label={t('audit.filters')}>
      <Form<AuditFilterValues>
        form={form}
        name="audit-filters"
        layout="inline"
        className="gz-toolbar"
        initialValues={values}
        onFinish={(submitted) =>
          onApply({
            entityType: (submitted.entityType ?? '').trim(),
            action: (submitted.action ?? '').trim(),
          })
        }
      >
        <Form.Item label={t('audit.entityType')} name="entityType">
          <Input
            maxLength={64}
            placeholder={t('audit.entityTypePlaceholder')}
            allowClear
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item label={t('audit.action')} name="action">
          <Input maxLength={64} placeholder={t('audit.actionPlaceholder')} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<FilterOutlined aria-hidden />}>
            {t('audit.apply')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              onApply({ entityType: '', action: '' });
            }}
          >
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
    </section>
  );
}
