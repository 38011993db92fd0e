import { fieldKeyFromLabel } from './field-key';

describe('fieldKeyFromLabel', () => {
  it.each([
    ['Favourite Colour', 'favouriteColour'],
    ['  first purchase date ', 'firstPurchaseDate'],
    ['Café Visits', 'cafeVisits'],
    ['NPS score (0-10)', 'npsScore010'],
    ['2nd address', 'field2ndAddress'],
    ['!!!', ''],
  ])('%j -> %j', (label, key) => {
    expect(fieldKeyFromLabel(label)).toBe(key);
  });
});
