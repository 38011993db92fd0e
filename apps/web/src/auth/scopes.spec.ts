import { hasScope } from './scopes';

describe('hasScope', () => {
  it('grants a listed scope and everything to admin', () => {
    expect(hasScope(['contacts:read'], 'contacts:read')).toBe(true);
    expect(hasScope(['contacts:read'], 'contacts:write')).toBe(false);
    expect(hasScope(['admin'], 'hooks:write')).toBe(true);
    expect(hasScope([], 'admin')).toBe(false);
  });
});
