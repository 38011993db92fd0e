import { indexOf, person } from './people.mjs';

/**
 * The webhook-campaign body: Send a Webhook's post data template, and the
 * same body rendered without Tideway (the baseline) and checked on arrival
 * (the receiver).
 */
export const POST_DATA = 'First_Name=[First Name]&Last_Name=[Last Name]&Email=[Email]';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** application/x-www-form-urlencoded as the WHATWG URL standard serializes it, as Tideway's form target does. */
export function renderForm(contact) {
  return new URLSearchParams([
    ['First_Name', contact.firstName],
    ['Last_Name', contact.lastName],
    ['Email', contact.email],
  ]).toString();
}

/**
 * Whose body this is: `{email}` when it holds exactly the three fields, in
 * order, with the values of the contact its Email names; else `{error}`.
 */
export function checkForm(prefix, contentType, body) {
  if (!contentType?.startsWith(FORM_CONTENT_TYPE))
    return { error: `content-type ${contentType}, not ${FORM_CONTENT_TYPE}` };
  const email = new URLSearchParams(body).get('Email');
  const i = email === null ? null : indexOf(prefix, email);
  if (i === null) return { error: `no benchmark contact's Email in ${body.slice(0, 200)}` };
  const expected = renderForm(person(prefix, i));
  // Compared decoded, so that an encoder escaping more than it must (e.g. %20 for +) still passes.
  const decoded = (text) => JSON.stringify([...new URLSearchParams(text)]);
  if (decoded(body) !== decoded(expected))
    return { error: `expected ${expected}, received ${body.slice(0, 200)}` };
  return { email };
}
