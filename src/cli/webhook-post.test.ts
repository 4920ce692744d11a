import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateAddress } from './webhook-post.js';

test('loopback, private, link-local and mapped addresses are private; public ones are not', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', 'example.org']) {
    assert.equal(isPrivateAddress(address), false, address);
  }
});
