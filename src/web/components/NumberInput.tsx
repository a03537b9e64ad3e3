import { InputNumber, type InputNumberProps } from 'antd';
import { useCallback, useEffect, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

type InputNumberRef = NonNullable<Parameters<typeof InputNumber>[0]['ref']> extends Ref<infer R> ? R : never;

/** What rc-input-number writes into its steppers whatever the language, and the names we give them. */
const STEPPERS = [
  ['Increase Value', 'a11y.increase'],
  ['Decrease Value', 'a11y.decrease'],
] as const;

/**
 * antd's InputNumber, with its up/down steppers named in the interface language. rc-input-number
 * writes "Increase Value" / "Decrease Value" into them and no antd locale reaches those names, so a
 * screen reader in the Chinese interface would read English. The names are set on this control's
 * own steppers after each render (React does not touch them again: the value it rendered never
 * changes), so nothing has to watch the rest of the page. Use this instead of antd's InputNumber
 * (a lint rule says so).
 */
export function NumberInput<T extends number | string = number>({
  ref,
  ...props
}: InputNumberProps<T> & { ref?: Ref<InputNumberRef> }) {
  const { t } = useTranslation();
  const own = useRef<InputNumberRef | null>(null);
  const setRef = useCallback(
    (node: InputNumberRef | null) => {
      own.current = node;
      if (typeof ref === 'function') ref(node);
      else if (ref) ref.current = node;
    },
    [ref],
  );
  useEffect(() => {
    const root = own.current?.nativeElement;
    if (!root) return;
    for (const [original, key] of STEPPERS) {
      const stepper = root.querySelector<HTMLElement>(
        `[aria-label="${original}"], [data-gz-step="${original}"]`,
      );
      if (!stepper) continue;
      stepper.dataset.gzStep = original;
      if (stepper.getAttribute('aria-label') !== t(key)) stepper.setAttribute('aria-label', t(key));
    }
  });
  return <InputNumber<T> {...props} ref={setRef} />;
}
