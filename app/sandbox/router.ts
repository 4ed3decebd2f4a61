// Matching a method and path to a route: `:name` segments capture parameters. A path that exists under another
// method is a 405 (with the methods it takes), anything else a 404.
import type { ApiRequest } from './api-request.ts';
import type { Reply } from './reply.ts';
import type { SandboxState } from './state.ts';

export type RouteHandler = (request: ApiRequest, state: SandboxState) => Reply;

export interface Route {
  method: string;
  path: string;
  /** Part of the RM API (OAuth, Open API), where injected faults apply. */
  faultable: boolean;
  handle: RouteHandler;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'not-found' };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const pathMatches = routes
    .map((route) => ({ route, params: matchPath(route.path, path) }))
    .filter((candidate): candidate is { route: Route; params: Record<string, string> } => candidate.params !== null);
  const exact = pathMatches.find((candidate) => candidate.route.method === method);
  if (exact) return { kind: 'found', ...exact };
  if (pathMatches.length > 0) return { kind: 'wrong-method', allowed: pathMatches.map(({ route }) => route.method) };
  return { kind: 'not-found' };
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/');
  const actual = path.split('/');
  if (wanted.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) {
      if (value === '') return null;
      params[segment.slice(1)] = decodeSegment(value);
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
