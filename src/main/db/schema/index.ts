export * from './catalog';
export * from './core';
export * from './customers';
export * from './ledgers';
export * from './sales';
