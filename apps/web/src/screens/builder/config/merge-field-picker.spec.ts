import { insertAtCursor } from './merge-field-picker';

describe('inserting a merge field', () => {
  it.each([
    ['at the caret', 'Hi &x=1', 3, 3, 'Hi [First Name]&x=1', 15],
    ['over the selection', 'Name=NAME', 5, 9, 'Name=[First Name]', 17],
    ['at the end when the input never had focus', 'a=', null, null, 'a=[First Name]', 14],
  ])('%s', (_name, value, start, end, expected, caret) => {
    expect(insertAtCursor(value, 'First Name', start, end)).toEqual({ value: expected, caret });
  });
});
