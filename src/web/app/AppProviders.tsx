import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import enUSModule from 'antd/es/locale/en_US.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../api/queryClient.ts';
import { theme } from './theme.ts';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

/**
 * antd's ES build lacks `"type": "module"`, so TypeScript (NodeNext) types a default import as the
 * CommonJS module object `{ default }`, while the bundler hands out the real default export.
 */
function interopDefault(mod: unknown): AntdLocale {
  const value = mod as AntdLocale | { default: AntdLocale };
  return 'default' in value ? value.default : value;
}

const zhCN = interopDefault(zhCNModule);
const enUS = interopDefault(enUSModule);

/** Data cache, antd locale (follows the i18next language) and theme for the whole app. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? enUS : zhCN;
  return (
    <QueryClientProvider client={queryClient}>
      {/* No auto space in two-character Chinese buttons ("登 录"): it changes the accessible name.
          A loading icon of our own: antd's default one leaves with a width transition and is only
          removed on its transitionend; when that never comes (a transition cancelled on a busy
          machine) the invisible icon stays, and the idle button is named "loading 邀请" for good. */}
      <ConfigProvider
        locale={locale}
        theme={theme}
        button={{ autoInsertSpace: false, loadingIcon: <LoadingOutlined aria-label={t('app.loading')} /> }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
