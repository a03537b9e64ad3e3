/** Interface strings of the portal module: Chinese first, English typed to the same keys. */
export const portalZh = {
  nav: '我的家',
};

export const portalEn: typeof portalZh = {
  nav: 'My home',
};
