import { useId } from 'react';
import { App, Select } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../components/errorMessage.ts';
import { useMe, useSwitchTenant } from './session.ts';

/**
 * The street (街道) the session acts in. A select when the user may act in several streets
 * (system admin, district official), plain text otherwise.
 */
export function StreetSwitcher({ stacked = false }: { stacked?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const switchTenant = useSwitchTenant();
  const selectId = useId();
  const className = stacked ? 'gz-street gz-street-stacked' : 'gz-street';

  if (me.tenants.length <= 1) {
    return (
      <span className="gz-street">
        <EnvironmentOutlined aria-hidden />
        <span className={stacked ? undefined : 'gz-visually-hidden'}>{t('header.street')}: </span>
        <span>{me.tenant?.name ?? t('header.noStreet')}</span>
      </span>
    );
  }

  return (
    <div className={className}>
      <label
        htmlFor={selectId}
        className={stacked ? 'gz-street-label' : 'gz-street-label gz-visually-hidden'}
      >
        {t('header.switchStreet')}
      </label>
      <Select
        id={selectId}
        className="gz-street-select"
        value={me.tenant?.id}
        placeholder={t('header.noStreet')}
        loading={switchTenant.isPending}
        disabled={switchTenant.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        popupMatchSelectWidth={false}
        prefix={<EnvironmentOutlined aria-hidden />}
        options={me.tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))}
        onChange={(tenantId: number) => {
          switchTenant.mutate(tenantId, {
            onSuccess: (next) =>
              void message.success(t('header.switched', { name: next.tenant?.name ?? '' })),
            onError: (error) => void message.error(describeError(t, error)),
          });
        }}
      />
    </div>
  );
}
