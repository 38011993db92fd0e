import { ApiError } from './api-error';
import { fieldErrorsFrom, normaliseErrorPath, unmatchedDetails } from './field-errors';

const validationError = (details: { path: string; message: string }[]) =>
  new ApiError({ status: 422, error: 'Unprocessable Entity', message: 'Validation failed', details });

describe('normaliseErrorPath', () => {
  it.each([
    ['email', 'email'],
    ['fields.favouriteColour', 'fields.favouriteColour'],
    ['fields[favouriteColour]', 'fields.favouriteColour'],
    ['fields["favouriteColour"]', 'fields.favouriteColour'],
    ['body.email', 'email'],
    ['tags[0]', 'tags.0'],
  ])('%s -> %s', (path, expected) => {
    expect(normaliseErrorPath(path)).toBe(expected);
  });
});

describe('fieldErrorsFrom', () => {
  it('keys each detail by its input and joins two messages for one input', () => {
    const errors = fieldErrorsFrom(
      validationError([
        { path: 'email', message: 'Already taken.' },
        { path: 'fields[age]', message: 'Must be a number.' },
        { path: 'fields.age', message: 'Must be positive.' },
      ]),
    );
    expect(errors).toEqual({ email: 'Already taken.', 'fields.age': 'Must be a number. Must be positive.' });
  });

  it('is empty without an error', () => {
    expect(fieldErrorsFrom(null)).toEqual({});
  });
});

describe('unmatchedDetails', () => {
  it('returns the details no input of the form shows', () => {
    const error = validationError([
      { path: 'email', message: 'Already taken.' },
      { path: 'workspace', message: 'Is full.' },
    ]);
    expect(unmatchedDetails(error, ['email', 'password'])).toEqual([{ path: 'workspace', message: 'Is full.' }]);
  });
});
