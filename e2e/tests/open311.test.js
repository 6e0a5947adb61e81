// The Open311 API driven by a third-party GeoReport v2 client (the `open311` package from
// npm, by Code for America): it lists the services, reads a definition, posts a fault
// report with an api_key, exchanges the token and reads the report back; every response
// validates against the GeoReport v2 JSON schemas as the Open311 community publishes them
// (schemas/open311-georeport-v2/, copied unchanged with their README and attribution). Then
// the unit resolves the report and the client sees it closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { BD, lotsCli, signedIn, withDemo } from './support.js';

const require = createRequire(import.meta.url);
const Open311 = require('open311');
const published = (file) =>
  JSON.parse(readFileSync(new URL(`../schemas/open311-georeport-v2/${file}`, import.meta.url)));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Swagger's "uid" is an identifier with no further form.
ajv.addFormat('uid', true);
// The schemas refer to each other by file name.
for (const file of ['service.json', 'services.json', 'service-definition.json', 'request.json', 'requests.json']) {
  ajv.addSchema(published(file), file);
}
// The answers to POST requests and GET tokens are described only in the Swagger document.
const swagger = published('swagger.json');
for (const name of ['RequestResponse', 'TokenResponse']) {
  ajv.addSchema({ type: 'array', items: swagger.definitions[name] }, name);
}
// Nor the published schemas nor the Swagger document describe the error list: the
// specification's words are checked here (an array of { code, description }).
ajv.addSchema({
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string' } },
  },
}, 'errors');
function valid(name, data) {
  const check = ajv.getSchema(name);
  assert.ok(check(data), `${name}: ${JSON.stringify(check.errors)}`);
}

let lots;
let browser;
withDemo((started) => ({ lots, browser } = started));

test('a GeoReport client lists, posts and reads back a fault report', async () => {
  const apiKey = lotsCli(lots, ['token', 'create', '--municipality', '0139', '--name', 'Felanmälningsappen', '--scope', 'open311']);
  const city = new Open311({ endpoint: `${lots.base}/open311/v2/`, jurisdiction: '0139', apiKey, format: 'json' });
  const call = (method, ...args) => promisify(city[method].bind(city))(...args);

  const services = await call('serviceList');
  valid('services.json', services);
  assert.ok(services.some((s) => s.service_code === 'hal-i-gatan'));
  const definition = await call('serviceDefinition', 'hal-i-gatan');
  valid('service-definition.json', definition);
  assert.equal(definition.attributes[0].code, 'storlek');

  const created = await call('submitRequest', {
    service_code: 'hal-i-gatan',
    lat: 59.5181,
    long: 17.8139,
    address_string: 'Mätarvägen 6, Brunna',
    description: 'Stort hål vid infarten till lagret.',
    email: 'rapportor@example.se',
    attributes: { storlek: 'stor' },
  });
  valid('RequestResponse', created);
  const id = created[0].service_request_id;
  valid('TokenResponse', await (await fetch(`${lots.base}/open311/v2/tokens/${created[0].token}.json?jurisdiction_id=0139`)).json());
  const exchanged = await call('token', created[0].token);
  assert.equal(exchanged[0].service_request_id, id);

  const [report] = await call('serviceRequests', id);
  assert.equal(report.status, 'open');
  assert.equal(report.service_code, 'hal-i-gatan');
  assert.ok(report.requested_datetime instanceof Date && !Number.isNaN(report.requested_datetime.getTime()));
  const open = await call('serviceRequests', { status: 'open', service_code: 'hal-i-gatan' });
  assert.ok(open.some((r) => r.service_request_id === id));
  // The client turns dates into Date objects; the schemas check the wire format.
  const raw = async (path) => (await fetch(`${lots.base}/open311/v2/${path}`)).json();
  valid('requests.json', await raw(`requests/${id}.json?jurisdiction_id=0139`));
  valid('requests.json', await raw('requests.json?jurisdiction_id=0139&status=open'));

  const refused = await fetch(`${lots.base}/open311/v2/requests.json`, {
    method: 'POST',
    body: new URLSearchParams({ api_key: 'fel', service_code: 'hal-i-gatan', lat: '59.5', long: '17.8' }),
  });
  assert.equal(refused.status, 403);
  valid('errors', await refused.json());

  // The responsible unit resolves it; the client sees it closed with the note.
  const { context, page } = await signedIn(browser, lots, BD);
  await page.goto(`${lots.base}/felanmalningar/${id}`);
  await page.getByLabel('Åtgärdad', { exact: true }).check();
  await page.getByLabel('Meddelande till den som anmälde').fill('Hålet är lagat.');
  await page.getByRole('button', { name: 'Spara status' }).click();
  await context.close();
  const [closed] = await call('serviceRequests', id);
  assert.equal(closed.status, 'closed');
  assert.equal(closed.status_notes, 'Hålet är lagat.');
});
