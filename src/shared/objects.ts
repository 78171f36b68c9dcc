/**
 * `{ ...base, ...more }` for the hot paths (a sale's lines, its draft and document). In Node 20's V8 a spread
 * followed by properties the object does not have yet takes a slow path: ~5 µs for a sales line instead of ~0.3 µs,
 * about 60 µs a credit sale. Object.assign copies the same own enumerable properties in the same order.
 */
export function withProps<A extends object, B extends object>(base: A, more: B): Omit<A, keyof B> & B {
  return Object.assign({}, base, more);
}
