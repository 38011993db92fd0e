// Issue 8's templates: renders/s of a form (post data) template with ten
// merge fields through libs/templates, beside Handlebars' own compiled
// template producing the same body from the same values. Both run in this
// process, alternately, for the same time; the best round of each counts.
import Handlebars from 'handlebars';
import { loadTemplatesLib } from '../lib/templates-lib.mjs';

const FIELDS = [
  { key: 'favorite_color', label: 'Favorite Color', type: 'text' },
  { key: 'plan', label: 'Plan', type: 'text' },
  { key: 'city', label: 'City', type: 'text' },
  { key: 'score', label: 'Score', type: 'number' },
];

// name -> [Tideway merge field, the same value as a Handlebars path]
const PAIRS = [
  ['email', '[Email]', 'contact.email'],
  ['first_name', '[First Name]', 'contact.firstName'],
  ['last_name', '[Last Name]', 'contact.lastName'],
  ['phone', '[Phone]', 'contact.phone'],
  ['contact_id', '[Contact ID]', 'contact.id'],
  ['campaign', '[Campaign Name]', 'campaign.name'],
  ['color', '[Favorite Color]', 'contact.fields.favorite_color'],
  ['plan', '[Plan]', 'contact.fields.plan'],
  ['city', '[City]', 'contact.fields.city'],
  ['score', '[Score]', 'contact.fields.score'],
];

const TIDEWAY_SOURCE = PAIRS.map(([name, field]) => `${name}=${field}`).join('&');
const HANDLEBARS_SOURCE = PAIRS.map(([name, , value]) => `${name}={{form ${value}}}`).join('&');

/** application/x-www-form-urlencoded, as the WHATWG URL standard serializes a value. */
const formEncode = (value) =>
  new URLSearchParams([['', value == null ? '' : String(value)]]).toString().slice(1);

function contacts(count) {
  return Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    email: `person${i}@example.test`,
    firstName: i % 7 === 0 ? 'Zoë & Co' : `First${i}`,
    lastName: `Last ${i}`,
    phone: `+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`,
    fields: { favorite_color: i % 2 ? 'teal' : 'a=b&c', plan: 'pro', city: 'São Paulo', score: i },
    tags: [],
  }));
}

/** Renders per second of `render` over the contacts for about `ms`. */
function rate(render, people, ms) {
  let renders = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) sink += render(people[(renders + i) % people.length]).length;
    renders += 1000;
    elapsed = performance.now() - started;
  }
  if (sink === 0) throw new Error('rendered nothing');
  return (renders / elapsed) * 1000;
}

export default {
  name: 'templates',
  modes: ['node'],

  async run(ctx) {
    const lib = await loadTemplatesLib(ctx.scope);
    const campaign = { id: 'cmp_1', name: 'Welcome series' };
    const now = '2026-11-23T09:05:07.000Z';
    const tideway = lib.compileTemplate(TIDEWAY_SOURCE, { fields: FIELDS, target: 'form' });
    const env = Handlebars.create();
    env.registerHelper('form', formEncode);
    const handlebars = env.compile(HANDLEBARS_SOURCE, { noEscape: true, strict: false });

    const renderTideway = (contact) => tideway.render({ contact, campaign, now });
    const renderHandlebars = (contact) => handlebars({ contact, campaign, now });
    const people = contacts(1000);
    for (const person of people.slice(0, 50)) {
      const [a, b] = [renderTideway(person), renderHandlebars(person)];
      if (a !== b)
        throw new Error(`the two templates disagree:\n  tideway:    ${a}\n  handlebars: ${b}`);
    }

    const roundMs = ctx.quick ? 250 : 1000;
    let best = { tideway: 0, handlebars: 0 };
    for (let round = 0; round < (ctx.quick ? 2 : 5); round++) {
      best = {
        tideway: Math.max(best.tideway, rate(renderTideway, people, roundMs)),
        handlebars: Math.max(best.handlebars, rate(renderHandlebars, people, roundMs)),
      };
      if (Date.now() > ctx.deadline) throw new Error('timed out');
    }
    ctx.log(
      `libs/templates ${Math.round(best.tideway)}/s, Handlebars ${Math.round(best.handlebars)}/s`,
    );
    return {
      perSec: best.tideway,
      baselinePerSec: best.handlebars,
      ratio: best.tideway / best.handlebars,
      mergeFields: PAIRS.length,
    };
  },
};
