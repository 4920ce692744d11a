import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html } from './html.js';
import { renderDocument } from './layout.js';

const page = { title: 'T', body: html`<p>body</p>` };

/** The notice paragraphs of a page rendered with flashes of these categories. */
function notices(...categories: string[]): string[] {
  const document = renderDocument(page, {
    stylesheet: '/s.css',
    notices: categories.map((category) => ({ category, message: `a ${category}` })),
  });
  return [...document.matchAll(/<p class="notice[^>]*>[^<]*<\/p>/g)].map((m) => m[0]);
}

test("renders Canvass' own flash categories: info as a status, error as an alert", () => {
  assert.deepEqual(notices('info', 'error'), [
    '<p class="notice notice-info" role="status">a info</p>',
    '<p class="notice notice-error" role="alert">a error</p>',
  ]);
});

test("renders a Flask app's categories sensibly: danger as an error, any other as info", () => {
  assert.deepEqual(notices('message', 'warning', 'success', 'danger', '<x>'), [
    '<p class="notice notice-info" role="status">a message</p>',
    '<p class="notice notice-info" role="status">a warning</p>',
    '<p class="notice notice-info" role="status">a success</p>',
    '<p class="notice notice-error" role="alert">a danger</p>',
    '<p class="notice notice-info" role="status">a &lt;x&gt;</p>',
  ]);
});
