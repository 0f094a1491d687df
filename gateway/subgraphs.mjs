// The subgraphs behind the gateway, shared by composition and the gateway's run-time config.

// Defaults are the dev stack's addresses, so the checked-in supergraph is the same whoever
// composes it; the gateway overrides them at run time from the same variables.
export const SUBGRAPHS = [
  { name: 'indicator', urlVariable: 'INDICATOR_URL', defaultUrl: 'http://127.0.0.1:4001' },
  { name: 'scoring', urlVariable: 'SCORING_URL', defaultUrl: 'http://127.0.0.1:4002' },
  { name: 'development', urlVariable: 'DEVELOPMENT_URL', defaultUrl: 'http://127.0.0.1:4003' },
];

// The variables hold base URLs (http://127.0.0.1:4001); a subgraph serves GraphQL under /graphql.
export function graphqlEndpoint(baseUrl) {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/graphql') ? trimmed : `${trimmed}/graphql`;
}
