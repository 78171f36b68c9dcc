export * from './catalog';
export * from './core';
export * from './customers';
export * from './ledgers';
export * from './pricing';
export * from './relationships';
export * from './sales';
export * from './shifts';
