// The API's routes: a method and a path template ("/api/jobs/:id/events") to a handler and the
// route's OpenAPI operation, so the document at /api/openapi.json is made from the routes
// themselves. Other parts of newscast (the jobs) mount their routes through a MountRoutes function
// given to startServer. A path parameter matches one non-empty segment, percent-decoded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';
import type { OpenApiOperation } from './openapi-types.js';
import type { ServerContext } from './server-context.js';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path template's parameters, percent-decoded. */
  params: Record<string, string>;
  /** The request's URL (path and query), resolved against the server's own. */
  url: URL;
  server: ServerContext;
}

export interface Route {
  method: RouteMethod;
  /** "/api/episodes/:slug": literal segments and :name parameters. */
  path: string;
  /** What /api/openapi.json says of this route (path parameters are added when not given). */
  operation: OpenApiOperation;
  /** Answers the request (sendJson, or a stream); a thrown error is answered as JSON (http-error.ts). */
  handle(request: RouteRequest): Promise<void> | void;
}

/** Adds routes to the router; given to startServer's `routes`. */
export type MountRoutes = (router: Router, server: ServerContext) => void;

export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: RouteMethod[] } | undefined;

export class Router {
  private readonly table: { route: Route; segments: string[] }[] = [];

  /** Adds a route; when two templates match one path (a literal and a :param), the first added wins. */
  add(route: Route): this {
    if (!route.path.startsWith('/')) throw new Error(`route path ${route.path} must start with /`);
    const segments = route.path.split('/').slice(1);
    if (this.table.some((entry) => entry.route.method === route.method && sameShape(entry.segments, segments))) {
      throw new Error(`${route.method} ${route.path} is already routed`);
    }
    this.table.push({ route, segments });
    return this;
  }

  routes(): readonly Route[] {
    return this.table.map((entry) => entry.route);
  }

  /**
   * The route for METHOD PATH (HEAD is answered by GET's route), or the methods PATH has when
   * METHOD is not one of them (a 405), or undefined when no route has PATH.
   */
  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split('/').slice(1);
    const allowed: RouteMethod[] = [];
    for (const entry of this.table) {
      const params = matchSegments(entry.segments, segments);
      if (!params) continue;
      if (entry.route.method === method || (method === 'HEAD' && entry.route.method === 'GET')) return { route: entry.route, params };
      allowed.push(entry.route.method);
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const value = actual[index]!;
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        throw new HttpError(400, 'usage', `The path segment "${value}" is not valid percent-encoding.`, 'Encode the value with encodeURIComponent.');
      }
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}

function sameShape(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((part, index) => (part.startsWith(':') ? b[index]!.startsWith(':') : part === b[index]));
}

/** "/api/jobs/:id" in OpenAPI's spelling, "/api/jobs/{id}". */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The names of a path template's parameters. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
}
