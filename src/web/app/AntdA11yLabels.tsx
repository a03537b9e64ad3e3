import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * antd's ConfigProvider locale covers its texts, but a few accessible names are written in English
 * inside its rc-components and no locale reaches them: the InputNumber steppers ("Increase Value",
 * "Decrease Value") and Segmented's group ("segmented control"). A screen reader in the Chinese
 * interface would read those in English, so the names are put into the interface language wherever
 * such an element appears (the original is kept to switch language again).
 */
const KNOWN = {
  'Increase Value': 'a11y.increase',
  'Decrease Value': 'a11y.decrease',
  'segmented control': 'a11y.segmented',
} as const;
type Known = keyof typeof KNOWN;

const SELECTOR = Object.keys(KNOWN)
  .map((label) => `[aria-label="${label}"], [data-gz-aria="${label}"]`)
  .join(', ');

export function AntdA11yLabels() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    const relabel = (root: ParentNode) => {
      for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
        const original = (el.dataset.gzAria ?? el.getAttribute('aria-label')) as Known;
        if (!(original in KNOWN)) continue;
        el.dataset.gzAria = original;
        const label = t(KNOWN[original]);
        if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
      }
    };
    relabel(document);
    const observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === 'attributes') {
          const el = change.target as HTMLElement;
          if ((el.getAttribute('aria-label') ?? '') in KNOWN) delete el.dataset.gzAria;
          relabel(el.parentElement ?? document);
        } else
          for (const node of change.addedNodes)
            if (node instanceof Element) relabel(node.parentElement ?? node);
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-label'],
    });
    return () => observer.disconnect();
  }, [t, i18n.resolvedLanguage]);
  return null;
}
