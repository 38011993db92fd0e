import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { Scope } from '@tideway/server';
import { IS_PUBLIC, OPTIONAL_AUTH, REQUIRED_SCOPES, SESSION_ONLY } from '@tideway/server';
import type { TestApp } from './test-app';

/**
 * Every route of the API, twice over: as the live OpenAPI document lists it
 * (GET /api/docs-json), and as the controllers declare it with their auth
 * decorators. Specs generate their cases from these, so a new route is
 * covered, or named as not yet classified, without anyone remembering to.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Operation = {
  method: Method;
  /** As OpenAPI writes it: /api/v1/contacts/{id} */
  path: string;
  /** `${method} ${path}`: how tables in specs name a route. */
  key: string;
  params: string[];
  /** Its documented query parameters. */
  query: string[];
  /** The media types of its request body; empty without one. */
  bodyTypes: string[];
  bodySchema?: unknown;
};

export type Access = {
  public: boolean;
  /** @OptionalAuth(): answers without credentials too, but checks credentials that are sent. */
  optional: boolean;
  sessionOnly: boolean;
  scopes: Scope[];
};

export async function documentedOperations(app: TestApp): Promise<Operation[]> {
  const res = await app.http.get('/api/docs-json');
  if (res.status !== 200) throw new Error(`GET /api/docs-json answered ${res.status}`);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(
    res.body.paths as Record<string, Record<string, any>>,
  )) {
    for (const [verb, operation] of Object.entries(item)) {
      const method = verb.toUpperCase() as Method;
      const content = (operation.requestBody?.content ?? {}) as Record<
        string,
        { schema?: unknown }
      >;
      operations.push({
        method,
        path,
        key: `${method} ${path}`,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
        query: ((operation.parameters ?? []) as { in: string; name: string }[])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => parameter.name),
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema,
      });
    }
  }
  return operations;
}

const METHODS: Partial<Record<RequestMethod, Method>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/**
 * The access rules of every controller route, read from the decorators as
 * AuthGuard reads them (the handler's, else the controller's), keyed like
 * Operation.key. Wildcard paths (`*path`) are keyed as written.
 */
export function declaredAccess(app: TestApp): Map<string, Access> {
  const access = new Map<string, Access>();
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (verb === undefined) continue;
        const method = METHODS[verb];
        if (!method)
          throw new Error(
            `${controller.name}.${name}: a ${RequestMethod[verb]} route; add its method here`,
          );
        const read = <T>(key: string): T | undefined =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        const rule: Access = {
          public: read<boolean>(IS_PUBLIC) === true,
          optional: read<boolean>(OPTIONAL_AUTH) === true,
          sessionOnly: read<boolean>(SESSION_ONLY) === true,
          scopes: read<Scope[]>(REQUIRED_SCOPES) ?? [],
        };
        for (const prefix of prefixes) {
          for (const path of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            access.set(`${method} ${openApiPath(prefix, path)}`, rule);
          }
        }
      }
    }
  }
  return access;
}

function asList(value: unknown): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** `api/v1/contacts` + `:id/tags` -> `/api/v1/contacts/{id}/tags` */
function openApiPath(prefix: string, path: string): string {
  const joined = [prefix, path]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`.replace(/:(\w+)/g, '{$1}');
}

/** `/api/v1/contacts/{id}` with `{id}` filled in by `value(name)`. */
export function fillPath(op: Operation, value: (param: string) => string | number): string {
  return op.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(String(value(name))),
  );
}

/** The resource a path's `{id}` names, by the collection it follows. */
export function resourceOfId(op: Operation): string {
  const collection = /^\/api\/v1\/([\w-]+)\/\{id\}/.exec(op.path)?.[1];
  if (!collection) throw new Error(`${op.key}: which resource does {id} name?`);
  return collection;
}
