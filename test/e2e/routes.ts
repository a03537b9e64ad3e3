/**
 * Every route of the web app, read from the code that defines them — the page registry
 * (`src/web/app/navigation.ts`), the router (`src/web/app/router.tsx`) and every `*.routes.tsx`
 * the router spreads in — so a page added by a module is checked without touching this file.
 *
 * The route modules cannot be imported from Node (they reach the API client, which needs a
 * DOM), so they are parsed with the TypeScript compiler: each object literal with a string
 * `path` is a route, its guard is the `<RequirePermission permission=…>` in its `element` (or the
 * `permission` field of a registry entry), and a route is public when nothing guards it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const webApp = fileURLToPath(new URL('../../src/web/app/', import.meta.url));

/** `null` = any signed-in user; a string or a list (any one of) = the permission(s) needed. */
export type RouteGuard = { kind: 'public' } | { kind: 'signed-in'; permission: null | string | string[] };

export interface AppRoute {
  path: string;
  guard: RouteGuard;
  /** Where the route is defined (for failure messages). */
  source: string;
}

/** Every route of the app, the catch-all `*` excluded; detail routes keep their `:params`. */
export function appRoutes(): AppRoute[] {
  const routerFile = path.join(webApp, 'router.tsx');
  const files = [path.join(webApp, 'navigation.ts'), routerFile, ...routeModules(routerFile)];
  const byPath = new Map<string, AppRoute>();
  for (const file of files) {
    for (const route of routesIn(file)) {
      if (route.path === '*') continue;
      // The registry and the router may both mention a path: the stricter (guarded) reading wins.
      const known = byPath.get(route.path);
      if (!known || (known.guard.kind === 'public' && route.guard.kind !== 'public')) {
        byPath.set(route.path, route);
      }
    }
  }
  return [...byPath.values()];
}

/** The `*.routes.tsx` modules imported by the router. */
function routeModules(routerFile: string): string[] {
  const source = parse(routerFile);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    if (/\.routes\.tsx?$/.test(spec)) found.push(path.resolve(path.dirname(routerFile), spec));
  }
  return found;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
}

function routesIn(file: string): AppRoute[] {
  const source = parse(file);
  const relative = path.relative(path.resolve(webApp, '../../..'), file);
  const routes: AppRoute[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const pathValue = property(node, 'path');
      if (pathValue && ts.isStringLiteralLike(pathValue)) {
        routes.push({ path: pathValue.text, guard: guardOf(node, file), source: relative });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return routes;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.initializer;
  }
  return undefined;
}

function guardOf(route: ts.ObjectLiteralExpression, file: string): RouteGuard {
  // A registry entry (navigation.ts): pages inside the signed-in shell.
  const registryPermission = property(route, 'permission');
  if (registryPermission) return { kind: 'signed-in', permission: permissionValue(registryPermission, file) };
  const element = property(route, 'element');
  if (!element) return { kind: 'public' };
  let guard: RouteGuard = { kind: 'public' };
  const visit = (node: ts.Node) => {
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const tag = node.tagName.getText();
      if (tag === 'RequireAuth' && guard.kind === 'public') guard = { kind: 'signed-in', permission: null };
      if (tag === 'RequirePermission') {
        for (const attribute of node.attributes.properties) {
          if (!ts.isJsxAttribute(attribute) || attribute.name.getText() !== 'permission') continue;
          const init = attribute.initializer;
          const expression = init && ts.isJsxExpression(init) ? init.expression : init;
          if (!expression) throw new Error(`${file}: RequirePermission without a permission value`);
          guard = { kind: 'signed-in', permission: permissionValue(expression, file) };
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(element);
  // No guard of its own: public at the router's top level (sign-in, activation); a route inside
  // the signed-in shell without one is found out when visited (the test signs in for it).
  return guard;
}

function permissionValue(expression: ts.Expression, file: string): null | string | string[] {
  if (expression.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isStringLiteralLike(expression)) return expression.text;
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.map((element) => {
      if (!ts.isStringLiteralLike(element))
        throw new Error(`${file}: unreadable permission ${element.getText()}`);
      return element.text;
    });
  }
  throw new Error(`${file}: unreadable permission ${expression.getText()} (use a literal)`);
}

/** True when a user holding `permissions` may open a page with this guard. */
export function mayOpen(guard: RouteGuard, permissions: readonly string[]): boolean {
  if (guard.kind === 'public') return true;
  const need = guard.permission;
  if (need === null) return true;
  return (Array.isArray(need) ? need : [need]).some((p) => permissions.includes(p));
}

/** `/households/:id/map` → a pattern matching concrete paths (`/households/12/map`). */
export function routePattern(routePath: string): RegExp {
  const body = routePath
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/?#]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

export const hasParams = (routePath: string) => routePath.split('/').some((s) => s.startsWith(':'));
