import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for WCAG 2.1 AA (≥ 4.5:1 for normal text on white):
 * antd's defaults (#1677ff primary 4.1:1, #ff4d4f error 3.3:1, 45 % grey 3.4:1) fall short.
 */
export const brandRed = '#a8071a'; // the 共治 mark; white on it is 7.8:1

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9', // 6.2:1 on white, 5.5:1 on the selected-menu tint
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322', // 5.6:1: form messages under fields are small red text
    // Status colours are also the text of status tags on their pale tint (≥ 4.5:1 there too);
    // the tints are fixed because antd derives muddy ones (#d2dec8) from dark seeds.
    colorErrorBg: '#fff1f0', // #cf1322 on it: 5.1:1
    colorErrorBorder: '#ffa39e',
    colorSuccess: '#237804', // 5.4:1 on #f6ffed, 5.6:1 on white
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#ad4e00', // 5.1:1 on #fff7e6, 5.4:1 on white
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorInfoBg: '#e6f4ff', // #0958d9 on it: 5.5:1
    colorInfoBorder: '#91caff',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)', // 5.7:1 instead of 3.4:1
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Placeholders carry hints ("用户名或姓名"), so they need 4.5:1 too (antd's 25 % grey is 1.8:1).
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // Focus rings must stand out ≥ 3:1 from what is around them (WCAG 1.4.11). The ring antd draws
    // round a focused input, select or picker: 80 % blue is 4.2:1 on white (35 % was 1.8:1) ...
    controlOutline: 'rgba(9, 88, 217, 0.8)',
    // ... and the outline of a focused button, tab, switch or segment is this border colour: antd
    // derives #91caff (1.7:1); #1677ff is 4.1:1 on white and 3.8:1 on the page grey.
    colorPrimaryBorder: '#1677ff',
    borderRadius: 6,
    fontSize: 14,
    // Chinese UI fonts first: the platform is Chinese-first.
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans SC', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    // "No data" in tables and lists is antd's disabled grey (1.8:1): it is information, not a
    // disabled control, so it gets readable secondary text.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
    List: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#ffffff',
      headerPadding: '0 16px',
    },
  },
};
