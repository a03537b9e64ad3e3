/** Interface strings of the dashboard module: Chinese first, English typed to the same keys. */
export const dashboardZh = {
  nav: '全过程看板',
};

export const dashboardEn: typeof dashboardZh = {
  nav: 'Whole-process dashboard',
};
