import type { TestProject } from 'vitest/node';
import { prepareTemplate, dropTemplate } from './db.ts';

/** Builds one migrated template database per run; each test file then copies it (fast, isolated). */
export default async function setup(project: TestProject) {
  const kind = project.config.env.GZ_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const template = await prepareTemplate(kind);
  project.provide('dbTemplate', template);
  return async () => dropTemplate(kind, template);
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}
