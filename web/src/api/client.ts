// One urql client per session: every request goes to this origin's /graphql with the bearer token.
import { Client, fetchExchange } from 'urql';

export function makeClient(token: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}
