import { visibleSettingsTabs } from './settings-tabs';

describe('visibleSettingsTabs', () => {
  it('shows API keys and users only to admins', () => {
    expect(visibleSettingsTabs(['admin']).map((tab) => tab.path)).toEqual(['api-keys', 'users', 'hooks', 'fields', 'account']);
    expect(visibleSettingsTabs(['contacts:read', 'contacts:write']).map((tab) => tab.path)).toEqual(['fields', 'account']);
  });

  it('shows event hooks to whoever may read them', () => {
    expect(visibleSettingsTabs(['hooks:read']).map((tab) => tab.path)).toEqual(['hooks', 'fields', 'account']);
  });
});
