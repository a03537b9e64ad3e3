/** Interface strings of the safety module: Chinese first, English typed to the same keys. */
export const safetyZh = {
  nav: '平安六防',
};

export const safetyEn: typeof safetyZh = {
  nav: 'Community safety',
};
