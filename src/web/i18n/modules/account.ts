/** Interface strings of the second sign-in step and the account security page. */
export const accountZh = {
  code: {
    title: '双因素认证',
    intro: '请输入身份验证器应用中的 6 位动态验证码；手机不在身边时，可输入一个恢复码（每个只能用一次）。',
    label: '验证码或恢复码',
    required: '请输入验证码',
    submit: '验证',
    back: '返回重新输入密码',
  },
  security: {
    pageTitle: '账号安全',
    link: '账号安全',
    mfaTitle: '双因素认证（动态验证码）',
    enrolled: '已开启，开启于 {{when}}。登录时需输入身份验证器中的验证码。',
    notEnrolled: '未开启。开启后，登录时除密码外还需输入手机身份验证器中的验证码。',
    requiredNow: '您的角色（系统管理员、街道领导）必须开启双因素认证，开启后才能使用系统。',
    exempt:
      '演示模式：本服务器未要求系统管理员和街道领导开启双因素认证（GONGZHI_MFA_REQUIRED=false）。正式部署时必须开启。',
    recoveryLeft: '剩余恢复码：{{count}} 个',
    start: '开始设置',
    step1: '1. 用身份验证器应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP）扫描二维码：',
    qrAlt: '身份验证器设置二维码',
    manual: '无法扫码时，手动输入密钥：',
    step2: '2. 输入应用显示的 6 位验证码以确认：',
    codeLabel: '6 位验证码',
    confirm: '确认开启',
    done: '双因素认证已开启',
    recoveryTitle: '恢复码（只显示这一次）',
    recoveryIntro: '请抄写或打印并妥善保存。手机丢失时，每个恢复码可代替验证码登录一次。',
    continue: '我已保存，继续',
    resetTitle: '关闭双因素认证',
    resetIntro: '更换手机时可先关闭再重新设置。需要输入当前密码；您在其他设备上的登录将失效。',
    passwordLabel: '当前密码',
    reset: '关闭双因素认证',
    resetDone: '双因素认证已关闭',
    signOut: '退出登录',
  },
  admin: {
    reset: '重置双因素',
    resetConfirm: '重置 {{name}} 的双因素认证？其登录将失效，下次登录时需重新设置。',
    resetDone: '已重置 {{name}} 的双因素认证',
  },
};

export const accountEn: typeof accountZh = {
  code: {
    title: 'Two-factor sign-in',
    intro:
      'Enter the 6-digit code from your authenticator app; without your phone, enter one of your recovery codes (each works once).',
    label: 'Code or recovery code',
    required: 'Enter the code',
    submit: 'Verify',
    back: 'Back to the password',
  },
  security: {
    pageTitle: 'Account security',
    link: 'Account security',
    mfaTitle: 'Two-factor sign-in (authenticator codes)',
    enrolled: 'On since {{when}}. Signing in asks for a code from your authenticator.',
    notEnrolled:
      'Off. When on, signing in asks for a code from the authenticator on your phone besides the password.',
    requiredNow:
      'Your role (system administrator, street leader) must use two-factor sign-in; set it up to continue.',
    exempt:
      'Demo mode: this server does not require two-factor sign-in of administrators and street leaders (GONGZHI_MFA_REQUIRED=false). A real deployment must.',
    recoveryLeft: 'Recovery codes left: {{count}}',
    start: 'Set up',
    step1:
      '1. Scan the QR code with an authenticator app (Microsoft Authenticator, Google Authenticator, FreeOTP…):',
    qrAlt: 'QR code for the authenticator',
    manual: 'Cannot scan? Enter this key by hand:',
    step2: '2. Enter the 6-digit code the app shows to confirm:',
    codeLabel: '6-digit code',
    confirm: 'Turn on',
    done: 'Two-factor sign-in is on',
    recoveryTitle: 'Recovery codes (shown only now)',
    recoveryIntro:
      'Write them down or print them and keep them safe. Each signs you in once if your phone is lost.',
    continue: 'I have saved them',
    resetTitle: 'Turn two-factor sign-in off',
    resetIntro:
      'To change phones, turn it off and set it up again. Your password is needed; your sessions on other devices end.',
    passwordLabel: 'Current password',
    reset: 'Turn off',
    resetDone: 'Two-factor sign-in is off',
    signOut: 'Sign out',
  },
  admin: {
    reset: 'Reset 2FA',
    resetConfirm:
      "Reset {{name}}'s two-factor sign-in? Their sessions end; they set it up again at their next sign-in.",
    resetDone: "{{name}}'s two-factor sign-in was reset",
  },
};
