import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';

interface StatusTagProps {
  /** `on`: active/enabled; `off`: revoked/disabled. */
  tone: 'on' | 'off';
  children: ReactNode;
  title?: string;
}

/**
 * Status as icon + word, never colour alone. Own colours because antd's filled success tag
 * (green on light green, 2.5:1) misses the 4.5:1 contrast minimum.
 */
export function StatusTag({ tone, children, title }: StatusTagProps) {
  return (
    <Tag
      className={tone === 'on' ? 'gz-status gz-status-on' : 'gz-status gz-status-off'}
      icon={tone === 'on' ? <CheckCircleOutlined aria-hidden /> : <StopOutlined aria-hidden />}
      title={title}
    >
      {children}
    </Tag>
  );
}
