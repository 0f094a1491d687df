// GraphQL Code Generator: typed operations from the gateway's API schema (see scripts/api-schema.mjs).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/api/schema.graphql',
  documents: ['src/api/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    // CODEGEN_OUT: the drift test generates elsewhere and compares with src/gql/.
    [process.env.CODEGEN_OUT || 'src/gql/']: {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', Decimal: 'string', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
