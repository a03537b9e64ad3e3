import type { MouseEvent, ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';
import { useHref, useLinkClickHandler } from 'react-router';

interface ButtonLinkProps extends Omit<ButtonProps, 'href' | 'onClick'> {
  to: string;
  children: ReactNode;
}

/**
 * Looks like a button, is a real link (`<a href>`): opens in a new tab with a middle click and is
 * announced as a link, yet navigates inside the single-page app on a normal click.
 */
export function ButtonLink({ to, children, ...buttonProps }: ButtonLinkProps) {
  const href = useHref(to);
  const handleClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      {...buttonProps}
      href={href}
      onClick={(event: MouseEvent<HTMLElement>) => handleClick(event as MouseEvent<HTMLAnchorElement>)}
    >
      {children}
    </Button>
  );
}
