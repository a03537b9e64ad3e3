import { Drawer as AntDrawer, type DrawerProps } from 'antd';
import { useRef } from 'react';

/**
 * antd's Drawer, with the keyboard focus moved into it once it is open. antd focuses its panel
 * only when the drawer's portal already exists, so on the first opening focus stayed on the
 * button behind the mask (WCAG 2.4.3) and a keyboard user had to find their way into the form.
 * Closing returns focus to that button, as antd does.
 */
export function Drawer({ afterOpenChange, ...props }: DrawerProps) {
  const content = useRef<HTMLDivElement>(null);
  return (
    <AntDrawer
      {...props}
      panelRef={content}
      afterOpenChange={(open) => {
        // The drawer's own frame (focusable, tabIndex -1) around the content: where antd puts focus.
        const frame = content.current?.closest<HTMLElement>('.ant-drawer');
        if (open && frame && !frame.contains(document.activeElement)) frame.focus({ preventScroll: true });
        afterOpenChange?.(open);
      }}
    />
  );
}
