import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionSettings } from './settings.js';

const settings = { statement_timeout: 5000, lock_timeout: 2000 };

test('adds the settings as the options parameter of a URL without one', () => {
  assert.equal(
    sessionSettings('postgres://u:p%40ss@db:5432/canvass', settings),
    'postgres://u:p%40ss@db:5432/canvass?options=-c%20statement_timeout%3D5000%20-c%20lock_timeout%3D2000',
  );
  assert.equal(
    sessionSettings('postgres://db/canvass?sslmode=require#x', { lock_timeout: 1 }),
    'postgres://db/canvass?sslmode=require&options=-c%20lock_timeout%3D1#x',
  );
});

test('puts the URL’s own options after Canvass’s, so the operator’s settings win', () => {
  const url = sessionSettings(
    'postgres://db/canvass?options=-c%20statement_timeout%3D30s&sslmode=disable',
    settings,
  );
  const options = new URL(url).searchParams.get('options');
  assert.equal(options, '-c statement_timeout=5000 -c lock_timeout=2000 -c statement_timeout=30s');
  assert.equal(new URL(url).searchParams.get('sslmode'), 'disable');
});
