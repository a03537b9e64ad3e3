import { useSearchParams } from 'react-router';

/**
 * The open tab of a page kept in the address (`?tab=storage`), so a tab can be linked to, survives
 * a reload and comes back with the browser's Back button. Unknown values fall back to the first.
 */
export function useTabParam<K extends string>(keys: readonly K[]): [K, (key: string) => void] {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('tab');
  const active = keys.find((k) => k === wanted) ?? keys[0]!;
  const select = (key: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (key === keys[0]) next.delete('tab');
        else next.set('tab', key);
        return next;
      },
      { replace: false },
    );
  return [active, select];
}
