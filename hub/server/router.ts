// A small router: method + exact path, or a path with one trailing :id. Enough for the hub's handful of routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  param: string | null;
}

export type Handler = (context: RouteContext) => Promise<void>;

interface Route {
  method: string;
  prefix: string;
  withParam: boolean;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const withParam = path.endsWith('/:id');
    this.routes.push({ method, prefix: withParam ? path.slice(0, -3) : path, withParam, handler });
    return this;
  }

  match(method: string, pathname: string): { handler: Handler; param: string | null } | 'wrong-method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const param = route.withParam && pathname.startsWith(route.prefix) ? pathname.slice(route.prefix.length) : null;
      const matches = route.withParam ? param !== null && /^[A-Za-z0-9_-]{1,64}$/.test(param) : pathname === route.prefix;
      if (!matches) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, param };
    }
    return pathMatched ? 'wrong-method' : null;
  }
}
