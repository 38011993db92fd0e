import type { ReactNode } from 'react';
import { TidewayMark } from '../../layout/nav-icons';

/** The centred card around the sign-in and first-run forms. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-card__brand">
          <TidewayMark />
          <span>Tideway</span>
        </div>
        <h1 className="auth-card__title">{title}</h1>
        {subtitle && <p className="auth-card__subtitle">{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}
