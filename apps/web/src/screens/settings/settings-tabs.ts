import type { Scope } from '../../api/api-keys';
import { hasScope } from '../../auth/scopes';

export interface SettingsTab {
  path: string;
  label: string;
  /** Scope needed to see the tab; without it the tab is hidden and its route explains why. */
  scope?: Scope;
}

export const SETTINGS_TABS: readonly SettingsTab[] = [
  { path: 'api-keys', label: 'API keys', scope: 'admin' },
  { path: 'users', label: 'Users', scope: 'admin' },
  { path: 'hooks', label: 'Event hooks', scope: 'hooks:read' },
  { path: 'fields', label: 'Custom fields' },
  { path: 'account', label: 'Account' },
];

export function visibleSettingsTabs(scopes: readonly string[]): SettingsTab[] {
  return SETTINGS_TABS.filter((tab) => !tab.scope || hasScope(scopes, tab.scope));
}
