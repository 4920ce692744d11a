import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dangerouslyRawHtml, escapeHtml, html } from './html.js';

test('escapes interpolated text, including attribute quotes', () => {
  const evil = `<script>alert("x")</script> & 'y'`;
  assert.equal(
    html`<p title="${evil}">${evil}</p>`.value,
    `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>`,
  );
});

test('keeps nested templates, joins lists and drops null, undefined and booleans', () => {
  const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
  assert.equal(
    html`<ul>${items}${null}${undefined}${false}${3}</ul>`.value,
    '<ul><li>a&lt;b</li><li>c</li>3</ul>',
  );
});

test('emits raw markup only through dangerouslyRawHtml', () => {
  assert.equal(html`${dangerouslyRawHtml('<b>ok</b>')}`.value, '<b>ok</b>');
  assert.equal(escapeHtml('plain'), 'plain');
});
