// Shared Jest settings. NestJS 12 ships as ES modules; Jest on Node 20 cannot
// require() them, so @swc/jest compiles both our code and @nestjs/* to CommonJS
// (see ../shared/STACK.md, "Jest with Nest 12 on Node 20").
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { ...swcrc, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|load-esm)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@tideway/server$': path.join(__dirname, 'libs/server/src/index.ts'),
    '^@tideway/server/testing$': path.join(__dirname, 'libs/server/src/testing/index.ts'),
    '^@tideway/graph$': path.join(__dirname, 'libs/graph/src/index.ts'),
    '^@tideway/templates$': path.join(__dirname, 'libs/templates/src/index.ts'),
    '^@tideway/engine$': path.join(__dirname, 'libs/engine/src/index.ts'),
  },
};
