import { type ReactNode } from 'react';
import './relocation.css';

export function SectionHead({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <div className="gz-rl-section-head">
      <h2>{title}</h2>
      {action}
    </div>
  );
}
