// Preloaded into a `canvass serve` child (NODE_OPTIONS=--import=…) by test/cli/language-icu.test.ts:
// appends to the file named by CANVASS_INTL_USES every use of ICU's locale data the process makes
// (an `Intl` constructor or `supportedLocalesOf`, a locale-sensitive built-in), with its stack.
// Each use is passed on unchanged.
import { appendFileSync } from 'node:fs';

const file = process.env.CANVASS_INTL_USES;
const record = (what) => {
  if (file !== undefined) appendFileSync(file, `${what}\n${new Error().stack ?? ''}\n\n`);
};

for (const name of Object.getOwnPropertyNames(Intl)) {
  const original = Intl[name];
  if (typeof original !== 'function') continue;
  Intl[name] = new Proxy(original, {
    construct(target, args, newTarget) {
      record(`new Intl.${name}`);
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      record(`Intl.${name}()`);
      return Reflect.apply(target, self, args);
    },
    get(target, key, receiver) {
      if (key === 'supportedLocalesOf') record(`Intl.${name}.supportedLocalesOf`);
      return Reflect.get(target, key, receiver);
    },
  });
}

const localeSensitive = [
  [Number.prototype, 'Number', ['toLocaleString']],
  [BigInt.prototype, 'BigInt', ['toLocaleString']],
  [Array.prototype, 'Array', ['toLocaleString']],
  [Date.prototype, 'Date', ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']],
  [String.prototype, 'String', ['localeCompare', 'toLocaleUpperCase', 'toLocaleLowerCase']],
];
for (const [prototype, type, names] of localeSensitive) {
  for (const name of names) {
    const original = prototype[name];
    Object.defineProperty(prototype, name, {
      ...Object.getOwnPropertyDescriptor(prototype, name),
      value: function (...args) {
        record(`${type}.prototype.${name}`);
        return Reflect.apply(original, this, args);
      },
    });
  }
}
